import { Global, Module } from '@nestjs/common';
import { Checkpointer } from '../checkpoints/checkpointer.js';
import { LiveRelay } from '../live/live-relay.js';
import { UseCaseRunner } from './use-case-runner.js';

/** Global: every feature runs its use cases through the one runner, which owns the after-commit effects. */
@Global()
@Module({
  providers: [UseCaseRunner, LiveRelay, Checkpointer],
  exports: [UseCaseRunner, LiveRelay, Checkpointer],
})
export class ApplicationModule {}
