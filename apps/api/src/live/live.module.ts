import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { VotesModule } from '../votes/votes.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { LiveGateway } from './live.gateway.js';
import { SharedSnapshots } from './shared-snapshots.js';

/** The realtime gateway; attaching it to a server starts the relay and this process's clocks. */
@Module({
  imports: [AuthModule, SessionsModule, VotesModule, JobsModule],
  providers: [LiveGateway, SharedSnapshots],
})
export class LiveModule {}
