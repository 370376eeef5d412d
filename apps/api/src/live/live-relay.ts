import { LIVE_NAMESPACE, type LiveEnvelope } from '#contracts';
import type { AppConfig } from '#config';
import { PeriodicTask } from '#jobs';
import { markLiveEventsSent, readUnsentLiveEvents, tryAdvisoryLock } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'socket.io';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';

const BATCH = 200;
const POLL_MS = 500;
// Another process holds the relay lock and may have read the outbox before our commit: look again soon,
// not at the next poll (waiting for the poll put two processes' vote.progress p99 at 0.9 s).
const BUSY_RETRY_MS = 20;

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Publishes committed outbox rows to socket.io and marks them sent in the same transaction. Runs
 * when nudged after a commit and on a short poll, so rows left by a process that died between
 * commit and publish are sent by whichever process comes next.
 */
@Injectable()
export class LiveRelay {
  private readonly logger = new Logger('LiveRelay');
  private server: Server | null = null;
  private readonly task = new PeriodicTask({
    everyMs: POLL_MS,
    run: (signal) => this.drainUntilIdle(signal),
    onError: (error) => this.logger.error({ err: error }, 'outbox relay failed; retrying on the next poll'),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The socket server to publish to, given by the live gateway once it is up (none with LIVE_RELAY=false). */
  attach(server: Server): void {
    if (!this.config.liveRelay) return;
    this.server = server;
  }

  /** Started by the Runtime, after `attach`: a drain now, then a poll. */
  start(): void {
    if (this.server) this.task.start();
  }

  /** Before the socket server and its Redis clients close, so nothing is emitted into a closed connection. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Asks for a drain; concurrent asks coalesce into one more pass. */
  nudge(): void {
    this.task.runNow();
  }

  private async drainUntilIdle(signal: AbortSignal): Promise<void> {
    let sent: number | 'busy' = 0;
    while (!signal.aborted && (sent = await this.drainBatch()) !== 'busy' && sent > 0);
    if (sent === 'busy' && !signal.aborted) setTimeout(() => this.nudge(), BUSY_RETRY_MS).unref();
  }

  /** How many events went out, or 'busy' when another process is relaying. */
  private async drainBatch(): Promise<number | 'busy'> {
    const server = this.server;
    if (!server) return 0;
    return this.dataSource.transaction(async (m) => {
      // One relay drains at a time across all processes, so each session's events go out in order.
      if (!(await tryAdvisoryLock(m, 'liveRelay'))) return 'busy';
      const rows = await readUnsentLiveEvents(m, BATCH);
      if (rows.length === 0) return 0;
      const namespace = server.of(LIVE_NAMESPACE);
      for (const row of rows) {
        const envelope: LiveEnvelope = {
          sessionId: row.session_id,
          sequence: Number(row.sequence),
          type: row.type,
          data: row.data,
          occurredAt: row.created_at.toISOString(),
        };
        namespace.to(sessionRoom(row.session_id)).emit('session.event', envelope);
      }
      await markLiveEventsSent(
        m,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }
}
