import type { JobName, JobPayloads } from '#contracts';
import type { JobHandlers } from '../job-registry.js';

/** Where the queue and the dispatcher report what nobody awaits; pino and Nest's Logger both fit. */
export interface JobLog {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobOptions {
  /** One job per id: adding it again while it waits or runs adds nothing. */
  id?: string;
  delayMs?: number;
  /** A job of this id that already finished or gave up is removed first, so the id can be used again. */
  replaceFinished?: boolean;
}

/**
 * How a job is asked for, whoever runs it. Attempts and backoff come from the job registry
 * (`retryPolicy`), the same with either driver.
 */
export interface JobQueueDriver {
  readonly kind: 'bullmq' | 'in-process';
  /** Resolves once the queue holds the job. */
  add<N extends JobName>(name: N, payload: JobPayloads[N], options?: JobOptions): Promise<void>;
  /** Runs the queue's jobs in this process with these handlers, the scheduled jobs included. */
  consume(handlers: JobHandlers): Promise<void>;
  /** Stops consuming, waits for the jobs running here and lets go of the queue. */
  close(): Promise<void>;
}

/**
 * Thrown by a handler that wants to run again after `afterMs` without using up an attempt. The
 * in-process driver honours it; BullMQ counts it as any failure.
 */
export class RetryLater extends Error {
  constructor(
    readonly afterMs: number,
    options?: ErrorOptions,
  ) {
    super(`retry in ${afterMs} ms`, options);
    this.name = 'RetryLater';
  }
}
