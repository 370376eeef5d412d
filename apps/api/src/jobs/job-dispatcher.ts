import type { AppConfig } from '#config';
import { JOBS, QUEUES, type JobName, type JobPayloads } from '#contracts';
import { retryPolicy } from '#jobs';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { LocalJobRunner } from './local-job-runner.js';

const POLL_MS = 500;
const BATCH = 100;

/**
 * Hands committed `job_outbox` rows to their queue: BullMQ with REDIS_URL (job id = outbox id, so a
 * row handed over twice is one job), the in-process runner without. A crash between commit and hand-
 * over loses nothing: the row is still there for the next poll, of this or any other process.
 */
@Injectable()
export class JobDispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('JobDispatcher');
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly local: LocalJobRunner,
  ) {
    if (config.redisUrl)
      for (const name of QUEUES) {
        const queue = new Queue(name, {
          connection: { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: false },
          prefix: config.queuePrefix,
        });
        // Dispatch failures are logged by the poll; this only keeps BullMQ from printing each reconnect.
        queue.on('error', (error: Error) => this.logger.debug({ err: error }, `queue ${name}: Redis error`));
        this.queues.set(name, queue);
      }
  }

  /** Started by the live gateway: only a serving API process dispatches (not the CLI). */
  start(): void {
    if (this.timer) return;
    if (!this.config.redisUrl) this.local.start();
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
    this.poll();
  }

  private poll(): void {
    if (this.running || this.stopped) return;
    this.running = this.dispatch()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'job dispatch failed; retrying on the next poll'),
      )
      .finally(() => {
        this.running = null;
      });
  }

  private async dispatch(): Promise<void> {
    if (!this.config.redisUrl) {
      const rows: { id: string; name: JobName; payload: JobPayloads[JobName] }[] =
        await this.dataSource.query(
          `SELECT id, name, payload FROM job_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT ${BATCH}`,
        );
      for (const row of rows)
        if (!this.local.isRunning(row.id)) this.local.run(row.id, row.name, row.payload);
      return;
    }
    await this.dataSource.transaction(async (m) => {
      const rows: { id: string; name: JobName; payload: unknown }[] = await m.query(
        `SELECT id, name, payload FROM job_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        const policy = retryPolicy(row.name, this.config);
        await this.queues.get(JOBS[row.name].queue)!.add(row.name, row.payload, {
          jobId: `outbox-${row.id}`,
          attempts: policy.attempts,
          backoff: { type: 'exponential', delay: policy.backoffMs },
          removeOnComplete: 1000,
          removeOnFail: 5000,
        });
      }
      if (rows.length)
        await m.query(`UPDATE job_outbox SET dispatched_at = now() WHERE id = ANY ($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
