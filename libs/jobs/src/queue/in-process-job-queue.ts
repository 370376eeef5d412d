import type { AppConfig } from '#config';
import { JOBS, type JobName, type JobPayloads } from '#contracts';
import type { JobHandlers } from '../job-registry.js';
import { retryPolicy } from '../retry.js';
import { PeriodicTask } from '../runtime/periodic-task.js';
import { RetryLater, type JobLog, type JobOptions, type JobQueueDriver } from './job-queue.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * How often a scheduled job runs here, from its cron pattern's minute field: every minute (`* …`) or
 * every N minutes (a step of N) as written, since those are the jobs whose lateness people see (an office
 * taken or left, an election round's deadline); any other pattern (the daily sweeps) hourly.
 */
export function inProcessEveryMs(pattern: string): number {
  const minute = pattern.trim().split(/\s+/)[0] ?? '';
  if (minute === '*') return 60_000;
  const step = /^\*\/([1-9][0-9]?)$/.exec(minute);
  return step ? Number(step[1]) * 60_000 : HOUR_MS;
}
// setTimeout cannot wait longer than ~24.8 days; the longest delay asked for (a vote deadline) is 7 days.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface InProcessJobOptions extends JobOptions {
  /** Once the job has finished or given up for good; the outbox marks its row done only then. */
  onSettled?: () => Promise<void>;
}

interface QueuedJob {
  name: JobName;
  payload: unknown;
  id?: string;
  onSettled?: () => Promise<void>;
}

/**
 * Without Redis (the embedded default) jobs run in this process, with the worker's handlers and the
 * registry's retry policy. Nothing here outlives the process, and nothing needs to: every job stands
 * for a fact PostgreSQL keeps (a `job_outbox` row marked done only once its job settled, an open
 * vote's deadline), which the next process asks for again. For the same reason a job added before
 * `consume()`, or in a process that never consumes (the CLI), is dropped. Scheduled jobs (idempotent
 * sweeps) run at start and then every minute, every N minutes or hourly (inProcessEveryMs).
 */
export class InProcessJobQueue implements JobQueueDriver {
  readonly kind = 'in-process';
  private handlers: JobHandlers | null = null;
  private readonly pending = new Set<string>();
  private readonly work = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly scheduled = Object.entries(JOBS).flatMap(([name, definition]) =>
    definition.schedule
      ? [
          new PeriodicTask({
            everyMs: inProcessEveryMs(definition.schedule.pattern),
            run: async () => this.run({ name: name as JobName, payload: definition.schedule!.data }, 1),
            onError: (error) => this.log.error({ err: error, job: name }, 'scheduled job failed to start'),
          }),
        ]
      : [],
  );
  private closed = false;

  constructor(
    private readonly config: AppConfig,
    private readonly log: JobLog,
  ) {}

  async consume(handlers: JobHandlers): Promise<void> {
    if (this.closed || this.handlers) return;
    this.handlers = handlers;
    for (const task of this.scheduled) task.start();
  }

  async add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: InProcessJobOptions = {},
  ): Promise<void> {
    if (this.closed || !this.handlers) return;
    const { id, delayMs, onSettled } = options;
    if (id !== undefined) {
      if (this.pending.has(id)) return;
      this.pending.add(id);
    }
    const job: QueuedJob = { name, payload, id, onSettled };
    if (delayMs && delayMs > 0) this.later(Math.min(delayMs, MAX_TIMER_MS), () => this.run(job, 1));
    else this.run(job, 1);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.scheduled.map((task) => task.stop()));
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.work]);
  }

  private run(job: QueuedJob, attempt: number): void {
    if (this.closed || !this.handlers) return;
    const handler = this.handlers[job.name] as (payload: unknown) => Promise<unknown>;
    const done = handler(job.payload)
      .then(() => this.settle(job))
      .catch(async (error: unknown) => {
        if (error instanceof RetryLater) {
          // Not a failure: it is simply not over yet (a closing process forgets it; its fact remains).
          if (!this.closed) this.later(error.afterMs, () => this.run(job, attempt));
          return;
        }
        const policy = retryPolicy(job.name, this.config);
        if (attempt >= policy.attempts || this.closed) {
          this.log.error({ err: error, job: job.name, attempt }, 'job failed for good');
          return this.settle(job);
        }
        this.log.warn({ err: error, job: job.name, attempt }, 'job failed; retrying');
        this.later(policy.backoffMs * 2 ** (attempt - 1), () => this.run(job, attempt + 1));
      });
    const tracked: Promise<unknown> = done
      .catch((error: unknown) => this.log.error({ err: error, job: job.name }, 'job bookkeeping failed'))
      .finally(() => this.work.delete(tracked));
    this.work.add(tracked);
  }

  private async settle(job: QueuedJob): Promise<void> {
    try {
      await job.onSettled?.();
    } finally {
      if (job.id !== undefined) this.pending.delete(job.id);
    }
  }

  private later(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      then();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
