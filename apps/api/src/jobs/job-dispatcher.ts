import { JobOutboxDispatcher, type JobQueue } from '#jobs';
import { Logger, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JOB_QUEUE } from './job-queue.js';

/** The job outbox dispatcher of libs/jobs, on the API's database and queue; the Runtime runs it. */
export const jobDispatcherProvider: Provider<JobOutboxDispatcher> = {
  provide: JobOutboxDispatcher,
  inject: [getDataSourceToken(), JOB_QUEUE],
  useFactory: (dataSource: DataSource, queue: JobQueue) =>
    new JobOutboxDispatcher(dataSource, queue, new Logger('JobDispatcher')),
};
