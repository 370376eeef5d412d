import { JobOutboxDispatcher } from '#jobs';
import { Global, Module } from '@nestjs/common';
import { jobDispatcherProvider } from './job-dispatcher.js';
import { JOB_QUEUE, jobQueueProvider } from './job-queue.js';

/** Global: one queue, chosen at boot, for whoever asks for a job (the outbox dispatcher, vote deadlines). */
@Global()
@Module({
  providers: [jobQueueProvider, jobDispatcherProvider],
  exports: [JOB_QUEUE, JobOutboxDispatcher],
})
export class JobsModule {}
