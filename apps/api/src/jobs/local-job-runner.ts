import type { AppConfig } from '#config';
import { JOBS, type JobName, type JobPayloads } from '#contracts';
import { createJobHandlers, retryPolicy, type JobHandlers } from '#jobs';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';

const SCHEDULED_EVERY_MS = 60 * 60 * 1000;

/**
 * Without Redis (the embedded default) jobs run here, with the worker's handlers and retry policy.
 * An outbox row is marked done only after its job finished (or gave up), so a crash re-runs it:
 * handlers are idempotent. Scheduled jobs (daily sweeps) run at start and every hour.
 */
@Injectable()
export class LocalJobRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('LocalJobs');
  private handlers: JobHandlers | null = null;
  private readonly running = new Set<string>();
  private readonly work = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private scheduler: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  start(): void {
    this.handlers ??= createJobHandlers(this.dataSource, this.config);
    const runScheduled = () => {
      for (const [name, definition] of Object.entries(JOBS))
        if (definition.schedule)
          this.run(null, name as JobName, definition.schedule.data as JobPayloads[JobName]);
    };
    runScheduled();
    this.scheduler = setInterval(runScheduled, SCHEDULED_EVERY_MS);
    this.scheduler.unref();
  }

  /** Whether an outbox row is already being run (the dispatcher polls faster than jobs finish). */
  isRunning(outboxId: string): boolean {
    return this.running.has(outboxId);
  }

  run<N extends JobName>(outboxId: string | null, name: N, payload: JobPayloads[N], attempt = 1): void {
    if (this.stopped || !this.handlers) return;
    if (outboxId) this.running.add(outboxId);
    const handler = this.handlers[name] as (payload: JobPayloads[N]) => Promise<unknown>;
    const done = handler(payload)
      .then(() => this.finish(outboxId))
      .catch(async (error: unknown) => {
        const policy = retryPolicy(name, this.config);
        if (attempt >= policy.attempts || this.stopped) {
          this.logger.error({ err: error, job: name, attempt }, 'job failed for good');
          return this.finish(outboxId);
        }
        this.logger.warn({ err: error, job: name, attempt }, 'job failed; retrying');
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            this.run(outboxId, name, payload, attempt + 1);
          },
          policy.backoffMs * 2 ** (attempt - 1),
        );
        timer.unref();
        this.timers.add(timer);
      });
    const tracked: Promise<unknown> = done
      .catch((error: unknown) => this.logger.error({ err: error, job: name }, 'job bookkeeping failed'))
      .finally(() => this.work.delete(tracked));
    this.work.add(tracked);
  }

  private async finish(outboxId: string | null): Promise<void> {
    if (!outboxId) return;
    try {
      await this.dataSource.query(`UPDATE job_outbox SET dispatched_at = now() WHERE id = $1`, [outboxId]);
    } finally {
      this.running.delete(outboxId);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.scheduler) clearInterval(this.scheduler);
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled([...this.work]);
  }
}
