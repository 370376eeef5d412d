import {
  LIVE_NAMESPACE,
  type AuthEnded,
  type BallotReceipt,
  type LiveAck,
  type SessionSnapshot,
} from '#contracts';
import { DomainError, errorMessage, negotiateLanguage, rolesPhrase, type Language } from '#domain';
import { isDatabaseUnavailable } from '#persistence';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AccountReader } from '../auth/account-reader.js';
import { JwtStrategy, type AccessTokenClaims } from '../auth/jwt.strategy.js';
import { SecondFactorService } from '../auth/second-factor.service.js';
import { SessionRevocations, type SessionChange } from '../auth/session-revocations.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { validateSocketBody } from '../common/http/validation.js';
import { FloorService } from '../sessions/floor.service.js';
import { BallotCastingService } from '../votes/ballot-casting.service.js';
import { SocketBallotDto } from '../votes/dto/vote.dto.js';
import { LiveRelay, sessionRoom } from './live-relay.js';
import { isUUID } from 'class-validator';
import { SharedSnapshots } from './shared-snapshots.js';
import { errorAck } from './socket-ack.js';

const KNOWN_EVENTS = new Set([
  'session.join',
  'session.leave',
  'floor.request',
  'floor.withdraw',
  'ballot.cast',
]);

interface LiveSocketData {
  user: AuthenticatedUser | null;
  /** The handshake token's session (refresh-token family); null for a listening socket. */
  sid: string | null;
  /** When the handshake's access token expires (ms since the epoch); null for a listening socket. */
  expiresAt: number | null;
  /** Disconnects the socket when its token expires. */
  expiry?: NodeJS.Timeout;
  language: Language;
}

// setTimeout's longest delay (about 24.8 days); a token living longer is re-armed (none does today).
const MAX_TIMER_MS = 2 ** 31 - 1;

function sessionIdOf(body: unknown, allowed: string[] = []): string {
  const sessionId = (body as { sessionId?: unknown } | null)?.sessionId;
  const extra =
    body && typeof body === 'object'
      ? Object.keys(body).filter((key) => key !== 'sessionId' && !allowed.includes(key))
      : [];
  if (typeof sessionId !== 'string' || !isUUID(sessionId) || extra.length > 0) {
    throw new DomainError('VALIDATION_FAILED', {}, [
      { field: 'sessionId', problems: ['sessionId must be a UUID; no unknown fields'] },
    ]);
  }
  // Rooms are named by the canonical (lower-case) id the relay publishes to.
  return sessionId.toLowerCase();
}

/**
 * Namespace /live: anyone may listen (no token); a token, when given, must be valid. Joining a session
 * room answers with a snapshot and its sequence; later events arrive through the outbox relay.
 *
 * An authenticated socket lives no longer than its token, nor than its session: at the token's expiry,
 * when the session ends (logout, reset, deactivation: told by notification, on every process) or when
 * the account's roles change, it is told why (`auth.ended`) and disconnected. Listening sockets stay.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true } })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('LiveGateway');
  private namespace: Namespace | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly strategy: JwtStrategy,
    private readonly relay: LiveRelay,
    private readonly snapshots: SharedSnapshots,
    private readonly floor: FloorService,
    private readonly ballots: BallotCastingService,
    private readonly accounts: AccountReader,
    private readonly sessions: SessionRevocations,
    private readonly secondFactor: SecondFactorService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.unsubscribe = this.sessions.subscribe((change) => this.sessionChanged(change));
    namespace.use((socket, next) => {
      const data = socket.data as LiveSocketData;
      // The page's chosen language, when it says (a browser's header may differ from the page's choice).
      const chosen = (socket.handshake.auth as { language?: unknown } | undefined)?.language;
      data.language = negotiateLanguage(
        typeof chosen === 'string' ? chosen.slice(0, 20) : socket.handshake.headers['accept-language'],
      );
      data.user = null;
      data.sid = null;
      data.expiresAt = null;
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (token === undefined || token === null || token === '') return next();
      this.authenticate(token)
        .then((authenticated) => {
          if (!authenticated) return next(new Error('TOKEN_INVALID'));
          data.user = authenticated.user;
          data.sid = authenticated.sid;
          data.expiresAt = authenticated.expiresAt;
          return next();
        })
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'socket authentication failed');
          // A valid token must not look invalid because the accounts could not be read.
          next(new Error(isDatabaseUnavailable(error) ? 'DATABASE_UNAVAILABLE' : 'TOKEN_INVALID'));
        });
    });
    // The relay publishes here; the Runtime, started by the entry point, runs it and the other clocks.
    this.relay.attach(namespace.server);
  }

  /** An event nobody handles still gets an answer, so a client never waits on a typo. */
  handleConnection(socket: Socket): void {
    this.armExpiry(socket);
    socket.on('disconnect', () => clearTimeout((socket.data as LiveSocketData).expiry));
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (KNOWN_EVENTS.has(event) || typeof ack !== 'function') return;
      (ack as (answer: LiveAck) => void)(
        errorAck(
          new DomainError('UNKNOWN_EVENT', { event: event.slice(0, 50) }),
          (socket.data as LiveSocketData).language,
        ),
      );
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.namespace) for (const socket of this.namespace.sockets.values()) this.disarm(socket);
  }

  private armExpiry(socket: Socket): void {
    const data = socket.data as LiveSocketData;
    if (!data.user || data.expiresAt === null) return;
    const left = data.expiresAt - Date.now();
    data.expiry = setTimeout(
      () => (left > MAX_TIMER_MS ? this.armExpiry(socket) : this.end(socket, 'TOKEN_EXPIRED')),
      Math.max(0, Math.min(left, MAX_TIMER_MS)),
    );
    data.expiry.unref();
  }

  private disarm(socket: Socket): void {
    clearTimeout((socket.data as LiveSocketData).expiry);
  }

  /** Tells the client why (it reconnects, renews its token, or signs out), then disconnects it. */
  private end(socket: Socket, code: AuthEnded['code']): void {
    const data = socket.data as LiveSocketData;
    this.disarm(socket);
    if (!socket.connected) return;
    const ended: AuthEnded = { code, message: errorMessage(code, data.language) };
    socket.emit('auth.ended', ended);
    socket.disconnect();
  }

  /** Only this process's sockets: every process is told the same change and ends its own. */
  private sessionChanged(change: SessionChange): void {
    const sockets = this.namespace?.sockets;
    if (!sockets) return;
    if (change.kind === 'resync') {
      void this.recheckAll([...sockets.values()]);
      return;
    }
    for (const socket of sockets.values()) {
      const { user, sid } = socket.data as LiveSocketData;
      if (!user) continue;
      if (change.kind === 'session' && sid === change.id) this.end(socket, 'SESSION_ENDED');
      else if (change.kind === 'account' && user.id === change.id) this.end(socket, 'SESSION_ENDED');
      else if (change.kind === 'roles' && user.id === change.id) this.end(socket, 'ACCOUNT_CHANGED');
    }
  }

  /** Notifications were missed for a while: every authenticated socket's session is checked again. */
  private async recheckAll(sockets: Socket[]): Promise<void> {
    await Promise.all(
      sockets.map(async (socket) => {
        const { user, sid } = socket.data as LiveSocketData;
        if (!user || !sid) return;
        try {
          const [account, live] = await Promise.all([
            this.accounts.read(user.id),
            this.sessions.isLive(sid, user.id),
          ]);
          if (!account || !live) this.end(socket, 'SESSION_ENDED');
        } catch (error) {
          // The database is down: each action checks again before it acts.
          this.logger.warn({ err: error }, 'cannot check a socket session again');
        }
      }),
    );
  }

  /**
   * The account acting now, as an HTTP request would see it: a live token of a live session, the account
   * read now (a role removed, an account deactivated, a token expired since the handshake: refused).
   */
  private async actingAccount(socket: Socket): Promise<AuthenticatedUser> {
    const data = socket.data as LiveSocketData;
    if (!data.user) throw new DomainError('LISTEN_ONLY');
    if (data.expiresAt !== null && data.expiresAt <= Date.now()) throw new DomainError('TOKEN_INVALID');
    const [account, live] = await Promise.all([
      this.accounts.read(data.user.id),
      data.sid ? this.sessions.isLive(data.sid, data.user.id) : false,
    ]);
    if (!account || !live) throw new DomainError('TOKEN_INVALID');
    data.user = account;
    return account;
  }

  private async authenticate(
    token: unknown,
  ): Promise<{ user: AuthenticatedUser; sid: string; expiresAt: number | null } | null> {
    if (typeof token !== 'string') return null;
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
        issuer: 'asamblea',
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    // Reading the account may fail (database down): that is thrown, not taken for a bad token.
    const user = await this.strategy.validate(claims);
    if (!user) return null;
    return {
      user,
      sid: claims.sid.toLowerCase(),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
    };
  }

  /**
   * A ballot over the socket the delegate already holds: the same use case, rules, idempotency and
   * receipt as HTTP, without a request's parsing, headers and token check per ballot. Like an HTTP
   * request, it acts only on a live token and an account read now (a role removed, an account
   * deactivated, a token expired since the handshake: refused).
   */
  @SubscribeMessage('ballot.cast')
  async castBallot(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<LiveAck<BallotReceipt>> {
    const data = socket.data as LiveSocketData;
    try {
      const request = await validateSocketBody(SocketBallotDto, body);
      const account = await this.actingAccount(socket);
      const receipt = await this.ballots.cast(await this.delegateUser(account), request.voteId, {
        choice: request.choice,
        ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
      });
      return { ok: true, data: receipt };
    } catch (error) {
      return errorAck(error, data.language) as LiveAck<BallotReceipt>;
    }
  }

  @SubscribeMessage('session.join')
  async join(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<LiveAck<SessionSnapshot>> {
    const { language } = socket.data as LiveSocketData;
    try {
      const sessionId = sessionIdOf(body);
      // Join first, then read: an event committed in between is both in the room and newer than the
      // snapshot's sequence, so the client neither misses nor double-applies it.
      await socket.join(sessionRoom(sessionId));
      try {
        return { ok: true, data: await this.snapshots.read(sessionId) };
      } catch (error) {
        await socket.leave(sessionRoom(sessionId));
        throw error;
      }
    } catch (error) {
      return errorAck(error, language) as LiveAck<SessionSnapshot>;
    }
  }

  @SubscribeMessage('floor.request')
  async requestFloor(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<LiveAck<{ requestId: string }>> {
    const { language } = socket.data as LiveSocketData;
    try {
      const stance = (body as { stance?: unknown } | null)?.stance;
      const sessionId = sessionIdOf(body, ['stance']);
      if (stance !== 'pro' && stance !== 'contra' && stance !== 'point_of_order') {
        throw new DomainError('VALIDATION_FAILED', {}, [
          { field: 'stance', problems: ['stance must be pro, contra or point_of_order'] },
        ]);
      }
      const user = await this.delegateUser(await this.actingAccount(socket));
      return { ok: true, data: await this.floor.request(user, sessionId, stance) };
    } catch (error) {
      return errorAck(error, language) as LiveAck<{ requestId: string }>;
    }
  }

  @SubscribeMessage('floor.withdraw')
  async withdrawFloor(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveAck> {
    const { language } = socket.data as LiveSocketData;
    try {
      const sessionId = sessionIdOf(body);
      await this.floor.withdraw(await this.delegateUser(await this.actingAccount(socket)), sessionId);
      return { ok: true };
    } catch (error) {
      return errorAck(error, language);
    }
  }

  /**
   * Public sockets only listen; acting needs a delegate's token, and a second factor when the
   * reglamento requires one of delegates (as RolesGuard does for the HTTP routes).
   */
  private async delegateUser(user: AuthenticatedUser): Promise<AuthenticatedUser> {
    if (!user.roles.includes('delegate'))
      throw new DomainError('FORBIDDEN_ROLE', { roles: rolesPhrase(['delegate']) });
    const requiring = await this.secondFactor.rolesRequiring(['delegate']);
    if (requiring.length > 0 && !(await this.secondFactor.enabled(user.id)))
      throw new DomainError('SECOND_FACTOR_SETUP_REQUIRED', { roles: rolesPhrase(requiring) });
    return user;
  }

  @SubscribeMessage('session.leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveAck> {
    const { language } = socket.data as LiveSocketData;
    try {
      await socket.leave(sessionRoom(sessionIdOf(body)));
      return { ok: true };
    } catch (error) {
      return errorAck(error, language);
    }
  }
}
