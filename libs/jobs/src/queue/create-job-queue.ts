import type { AppConfig } from '#config';
import { BullJobQueue } from './bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import type { JobLog } from './job-queue.js';

/** The queue a process was given at boot; narrow on `kind` for what only one driver does. */
export type JobQueue = BullJobQueue | InProcessJobQueue;

/** The one place that chooses: BullMQ when REDIS_URL is set, this process without it. */
export function createJobQueue(config: AppConfig, log: JobLog): JobQueue {
  return config.redisUrl
    ? new BullJobQueue({ url: config.redisUrl, prefix: config.queuePrefix }, config, log)
    : new InProcessJobQueue(config, log);
}
