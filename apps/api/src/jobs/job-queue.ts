import type { AppConfig } from '#config';
import { createJobQueue, type JobQueue } from '#jobs';
import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';

/** The job queue this process was given at boot (BullMQ with REDIS_URL, in-process without). */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

export const jobQueueProvider: Provider<JobQueue> = {
  provide: JOB_QUEUE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createJobQueue(config, new Logger('JobQueue')),
};
