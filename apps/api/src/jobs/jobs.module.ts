import { Module } from '@nestjs/common';
import { JobDispatcher } from './job-dispatcher.js';
import { LocalJobRunner } from './local-job-runner.js';

@Module({ providers: [JobDispatcher, LocalJobRunner], exports: [JobDispatcher] })
export class JobsModule {}
