import type { AppConfig } from '#config';
import { JOBS, type JobName } from '#contracts';

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1000 };

/** The same policy for BullMQ (with Redis) and the in-process runner (without). */
export function retryPolicy(name: JobName, config: AppConfig): RetryPolicy {
  const retry = JOBS[name].retry;
  if (retry === 'webhook')
    return { attempts: config.webhooks.maxAttempts, backoffMs: config.webhooks.backoffMs };
  return retry ?? DEFAULT_RETRY;
}
