import type { VoteProgress } from '#contracts';
import { enqueueLiveEvent, holdVoteForBallot } from '#persistence';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LiveRelay } from '../sessions/live-relay.js';

const TICK_MS = 300;
// One process announces progress at a time, so the public sees one coalesced count.
const PROGRESS_LOCK = 7_345_030;

/**
 * Coalesces ballot progress: a few times a second, each open vote whose ballot count changed since
 * the last announcement gets one `vote.progress` event. Ballots themselves publish nothing, so a
 * burst of hundreds costs the public a handful of events.
 */
@Injectable()
export class VoteProgressPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('VoteProgress');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: LiveRelay,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.publish()
        .then((published) => {
          if (published > 0) this.relay.nudge();
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'vote progress tick failed'))
        .finally(() => {
          this.running = null;
        });
    }, TICK_MS);
    this.timer.unref();
  }

  /** Returns how many progress events were written. */
  publish(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }]: { locked: boolean }[] = await m.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [PROGRESS_LOCK],
      );
      if (!locked) return 0;
      const changed: { vote_id: string; session_id: string; cast_count: number; entitled_count: number }[] =
        await m.query(
          `SELECT p.vote_id, v.session_id, c.cast_count,
             (SELECT count(*)::int FROM vote_entitlements e WHERE e.vote_id = p.vote_id) AS entitled_count
           FROM vote_progress p
           JOIN votes v ON v.id = p.vote_id AND v.status = 'open'
           CROSS JOIN LATERAL (SELECT count(*)::int AS cast_count FROM ballots b WHERE b.vote_id = p.vote_id) c
           WHERE c.cast_count <> p.published_count`,
        );
      for (const row of changed) {
        // Never announce progress after the close: wait for a close in flight, then look again.
        await holdVoteForBallot(m, row.vote_id);
        const [still]: { open: boolean }[] = await m.query(
          `SELECT status = 'open' AS open FROM votes WHERE id = $1`,
          [row.vote_id],
        );
        if (!still?.open) continue;
        await m.query(`UPDATE vote_progress SET published_count = $2 WHERE vote_id = $1`, [
          row.vote_id,
          row.cast_count,
        ]);
        const progress: VoteProgress = {
          voteId: row.vote_id,
          castCount: row.cast_count,
          entitledCount: row.entitled_count,
        };
        await enqueueLiveEvent(m, row.session_id, 'vote.progress', progress);
      }
      return changed.length;
    });
  }

  /** Before the socket server and its Redis clients close, so nothing is emitted into a closed connection. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
