import { LIVE_NAMESPACE, type LiveEnvelope, type LiveEventType } from '#contracts';
import type { AppConfig } from '#config';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'socket.io';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';

// One relay drains at a time across all processes, so each session's events go out in order.
const RELAY_LOCK = 7_345_020;
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
export class LiveRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveRelay');
  private server: Server | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  attach(server: Server): void {
    if (!this.config.liveRelay) return;
    this.server = server;
    this.timer = setInterval(() => this.nudge(), POLL_MS);
    this.timer.unref();
    this.nudge();
  }

  /** Before the socket server and its Redis clients close, so nothing is emitted into a closed connection. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a drain; concurrent asks coalesce into one more pass. */
  nudge(): void {
    if (this.stopped || !this.server) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainUntilIdle()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'outbox relay failed; retrying on the next poll'),
      )
      .finally(() => {
        this.running = null;
      });
  }

  private async drainUntilIdle(): Promise<void> {
    let sent: number | 'busy' = 0;
    do {
      this.again = false;
      while (!this.stopped && (sent = await this.drainBatch()) !== 'busy' && sent > 0);
    } while (this.again && !this.stopped);
    if (sent === 'busy' && !this.stopped) setTimeout(() => this.nudge(), BUSY_RETRY_MS).unref();
  }

  /** How many events went out, or 'busy' when another process is relaying. */
  private async drainBatch(): Promise<number | 'busy'> {
    const server = this.server;
    if (!server) return 0;
    return this.dataSource.transaction(async (m) => {
      const [{ locked }]: { locked: boolean }[] = await m.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RELAY_LOCK],
      );
      if (!locked) return 'busy';
      const rows: {
        id: string;
        session_id: string;
        sequence: string;
        type: LiveEventType;
        data: unknown;
        created_at: Date;
      }[] = await m.query(
        `SELECT id, session_id, sequence, type, data, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 200`,
      );
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
      await m.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY ($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }
}
