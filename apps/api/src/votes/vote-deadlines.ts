import type { AppConfig } from '#config';
import { JOBS, voteDeadlineJobId } from '#contracts';
import { VoteNotDueYet } from '#persistence';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { VoteClosingService } from './vote-closing.service.js';

const RECONCILE_MS = 30_000;
const ENQUEUE_TIMEOUT_MS = 5_000;
const NOT_DUE_RETRY_MS = 250;
// setTimeout cannot wait longer than ~24.8 days; deadlines are at most 7 days away.
const MAX_TIMER_MS = 2 ** 31 - 1;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Closes votes at their deadline. With REDIS_URL a delayed BullMQ job per vote, run by the worker;
 * without it a timer in this process. Either way, every open vote with a deadline is scheduled again
 * at start and every half minute (idempotently), so a deadline that passed while every process was
 * down, or whose scheduling was lost after commit, still closes the vote as soon as a process runs.
 */
@Injectable()
export class VoteDeadlines implements BeforeApplicationShutdown {
  private readonly logger = new Logger('VoteDeadlines');
  private readonly queue: Queue | null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private reconciler: NodeJS.Timeout | null = null;
  private readonly closing = new Set<Promise<unknown>>();
  private started = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly closer: VoteClosingService,
  ) {
    this.queue = config.redisUrl
      ? new Queue(JOBS['votes.close-at-deadline'].queue, {
          // Fail fast while Redis is away instead of queueing commands in memory for ever.
          connection: { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: false },
          prefix: config.queuePrefix,
        })
      : null;
    this.queue?.on('error', (error: Error) =>
      this.logger.debug({ err: error }, 'deadline queue: Redis error (the reconcile retries)'),
    );
  }

  /** Started by the live gateway: only a serving API process keeps time (not the CLI). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.track(this.reconcile());
    this.reconciler = setInterval(() => this.track(this.reconcile()), RECONCILE_MS);
    this.reconciler.unref();
  }

  /** After the vote's commit; never blocks the caller (a lost scheduling is redone by the next reconcile). */
  schedule(voteId: string, deadline: Date): void {
    const delay = Math.max(0, deadline.getTime() - Date.now());
    if (this.queue) {
      this.track(this.enqueue(this.queue, voteId, delay));
      return;
    }
    if (!this.started || this.stopped || this.timers.has(voteId)) return;
    this.arm(voteId, Math.min(delay, MAX_TIMER_MS));
  }

  private async enqueue(queue: Queue, voteId: string, delay: number): Promise<void> {
    const jobId = voteDeadlineJobId(voteId);
    try {
      // A job that gave up (or finished while the vote stayed open) would block the same id for ever.
      const existing = await queue.getJob(jobId);
      if (existing && ((await existing.isFailed()) || (await existing.isCompleted())))
        await existing.remove();
      await withTimeout(
        queue.add(
          'votes.close-at-deadline',
          { voteId },
          {
            jobId,
            delay,
            attempts: 20,
            backoff: { type: 'exponential', delay: 250 },
            removeOnComplete: 1000,
            removeOnFail: 1000,
          },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn({ err: error, voteId }, 'could not schedule the vote deadline job; will retry');
    }
  }

  private arm(voteId: string, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(voteId);
      this.track(
        this.closer.closeIfDue(voteId).catch((error: unknown) => {
          if (error instanceof VoteNotDueYet) return this.arm(voteId, NOT_DUE_RETRY_MS);
          this.logger.error({ err: error, voteId }, 'closing a vote at its deadline failed; retrying');
          this.arm(voteId, 1000);
        }),
      );
    }, delay);
    timer.unref();
    this.timers.set(voteId, timer);
  }

  private async reconcile(): Promise<void> {
    try {
      const open: { id: string; deadline: Date }[] = await this.dataSource.query(
        `SELECT id, deadline FROM votes WHERE status = 'open' AND deadline IS NOT NULL`,
      );
      for (const vote of open) this.schedule(vote.id, vote.deadline);
    } catch (error) {
      this.logger.error({ err: error }, 'scheduling vote deadlines failed; retrying on the next pass');
    }
  }

  private track(work: Promise<unknown>): void {
    const settled: Promise<unknown> = work
      .catch((error: unknown) => this.logger.error({ err: error }, 'vote deadline work failed'))
      .finally(() => this.closing.delete(settled));
    this.closing.add(settled);
  }

  /** Before the socket server and its Redis clients close, so nothing is emitted into a closed connection. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconciler) clearInterval(this.reconciler);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.closing]);
    await this.queue?.close();
  }
}
