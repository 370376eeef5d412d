import { LIVE_NAMESPACE, type BallotReceipt, type LiveAck, type SessionSnapshot } from '#contracts';
import { DomainError, negotiateLanguage, rolesPhrase, type Language } from '#domain';
import { isDatabaseUnavailable } from '#persistence';
import { Logger } from '@nestjs/common';
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
  /** When the handshake's access token expires (ms since the epoch); null for a listening socket. */
  expiresAt: number | null;
  language: Language;
}

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
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true } })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('LiveGateway');

  constructor(
    private readonly jwt: JwtService,
    private readonly strategy: JwtStrategy,
    private readonly relay: LiveRelay,
    private readonly snapshots: SharedSnapshots,
    private readonly floor: FloorService,
    private readonly ballots: BallotCastingService,
    private readonly accounts: AccountReader,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const data = socket.data as LiveSocketData;
      // The page's chosen language, when it says (a browser's header may differ from the page's choice).
      const chosen = (socket.handshake.auth as { language?: unknown } | undefined)?.language;
      data.language = negotiateLanguage(
        typeof chosen === 'string' ? chosen.slice(0, 20) : socket.handshake.headers['accept-language'],
      );
      data.user = null;
      data.expiresAt = null;
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (token === undefined || token === null || token === '') return next();
      this.authenticate(token)
        .then((authenticated) => {
          if (!authenticated) return next(new Error('TOKEN_INVALID'));
          data.user = authenticated.user;
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

  private async authenticate(
    token: unknown,
  ): Promise<{ user: AuthenticatedUser; expiresAt: number | null } | null> {
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
    return user ? { user, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null } : null;
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
      if (!data.user) throw new DomainError('LISTEN_ONLY');
      if (data.expiresAt !== null && data.expiresAt <= Date.now()) throw new DomainError('TOKEN_INVALID');
      const account = await this.accounts.read(data.user.id);
      if (!account) throw new DomainError('TOKEN_INVALID');
      data.user = account;
      const receipt = await this.ballots.cast(this.delegateUser(account), request.voteId, {
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
    const { language, user } = socket.data as LiveSocketData;
    try {
      const stance = (body as { stance?: unknown } | null)?.stance;
      const sessionId = sessionIdOf(body, ['stance']);
      if (stance !== 'pro' && stance !== 'contra' && stance !== 'point_of_order') {
        throw new DomainError('VALIDATION_FAILED', {}, [
          { field: 'stance', problems: ['stance must be pro, contra or point_of_order'] },
        ]);
      }
      return { ok: true, data: await this.floor.request(this.delegateUser(user), sessionId, stance) };
    } catch (error) {
      return errorAck(error, language) as LiveAck<{ requestId: string }>;
    }
  }

  @SubscribeMessage('floor.withdraw')
  async withdrawFloor(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<LiveAck> {
    const { language, user } = socket.data as LiveSocketData;
    try {
      await this.floor.withdraw(this.delegateUser(user), sessionIdOf(body));
      return { ok: true };
    } catch (error) {
      return errorAck(error, language);
    }
  }

  /** Public sockets only listen; acting needs a delegate's token. */
  private delegateUser(user: AuthenticatedUser | null): AuthenticatedUser {
    if (!user) throw new DomainError('LISTEN_ONLY');
    if (!user.roles.includes('delegate'))
      throw new DomainError('FORBIDDEN_ROLE', { roles: rolesPhrase(['delegate']) });
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
