import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { VotesModule } from '../votes/votes.module.js';
import { ElectionsModule } from '../elections/elections.module.js';
import { Runtime } from './runtime.js';

/** The process's clocks and in-process jobs; `Runtime.start()` is the entry point's to call. */
@Module({
  imports: [AuthModule, SessionsModule, VotesModule, ElectionsModule],
  providers: [Runtime],
  exports: [Runtime],
})
export class RuntimeModule {}
