import { PeriodicTask } from '#jobs';
import { readLiveSessions, SESSION_ENDED_CHANNEL } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { CoalescedReads } from '../common/coalesced-reads.js';
import { SessionStates } from './session-states.js';

const MAX_ENTRIES = 50_000;
// A safety net only: a session's end reaches every process by notification within milliseconds.
const LIVE_TTL_MS = 60_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * What this process is told: a session ended (`session`), an account was deactivated (`account`) or
 * its roles changed (`roles`), or the notifications were lost for a while and every open session must
 * be checked again (`resync`).
 */
export type SessionChange =
  | { kind: 'session'; id: string }
  | { kind: 'account'; id: string }
  | { kind: 'roles'; id: string }
  | { kind: 'resync' };

/**
 * Whether an access token's session (its refresh-token family) is still live, answered from memory on
 * the hot path. A session ends when its family is revoked: logout, reuse of a spent token, and every
 * revocation of an account's tokens (a password set or reset, a deactivation). Triggers notify that on
 * `session_ended` at commit; each process listens on a connection of its own. While that connection is
 * down every check reads the database; when it is back, everything known is dropped (notifications may
 * have been missed) and the open sockets are checked again.
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger('SessionRevocations');
  private readonly states = new SessionStates({ maxEntries: MAX_ENTRIES, liveTtlMs: LIVE_TTL_MS });
  private readonly reads: CoalescedReads<string, string | null>;
  private readonly subscribers = new Set<(change: SessionChange) => void>();
  private listener: pg.Client | null = null;
  private failures = 0;
  private retryAt = 0;
  private readonly keepListening = new PeriodicTask({
    everyMs: RECONNECT_MIN_MS / 2,
    run: async () => {
      if (!this.listener && Date.now() >= this.retryAt) await this.listen();
    },
    onError: (error) =>
      this.logger.warn({ err: error }, 'cannot listen for ended sessions; every check reads the database'),
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.reads = new CoalescedReads(async (ids) => {
      const rows = await readLiveSessions(dataSource, ids);
      return new Map(rows.map((row) => [row.family_id, row.user_id]));
    }, null);
  }

  get listening(): boolean {
    return this.listener !== null;
  }

  /** Whether session `sid` of account `userId` is live. A database failure is thrown, not taken for "ended". */
  async isLive(sid: string, userId: string): Promise<boolean> {
    const known = this.states.get(sid);
    if (known) return known.live && known.userId === userId;
    const version = this.states.version;
    const owner = await this.reads.read(sid);
    this.states.keep(sid, { live: owner !== null, userId: owner }, version);
    return owner !== null && owner === userId;
  }

  /** This process ended the session (a logout): known here at once, before the notification returns. */
  ended(sid: string): void {
    this.states.ended(sid);
    this.tell({ kind: 'session', id: sid });
  }

  /** Calls `listener` with every change; answers the function that stops it. */
  subscribe(listener: (change: SessionChange) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Started by the Runtime (a CLI never listens, and then every check reads the database). */
  start(): void {
    this.keepListening.start();
  }

  async stop(): Promise<void> {
    await this.keepListening.stop();
    const listener = this.listener;
    this.listener = null;
    this.states.reset(false);
    await listener?.end().catch(() => undefined);
  }

  private tell(change: SessionChange): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(change);
      } catch (error) {
        this.logger.error({ err: error }, 'a session change listener failed');
      }
    }
  }

  private notified(payload: string | undefined): void {
    const [kind, id] = (payload ?? '').split(':');
    if (!id) return;
    if (kind === 's') this.ended(id);
    else if (kind === 'a') {
      this.states.forgetAccount(id);
      this.tell({ kind: 'account', id });
    } else if (kind === 'r') this.tell({ kind: 'roles', id });
  }

  private lost(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.states.reset(false);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const backoff = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.failures);
    this.failures += 1;
    this.retryAt = Date.now() + backoff * (0.5 + Math.random() / 2);
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'asamblea-sessions' });
    client.on('notification', (message) => this.notified(message.payload));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_ENDED_CHANNEL}`);
    } catch (error) {
      this.scheduleRetry();
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
    this.failures = 0;
    // Whatever ended before LISTEN took effect is not known here: start afresh, and check what is open.
    this.states.reset(true);
    this.tell({ kind: 'resync' });
  }
}
