import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { VotesModule } from '../votes/votes.module.js';
import { LiveGateway } from './live.gateway.js';
import { SharedSnapshots } from './shared-snapshots.js';

/** The realtime gateway; once it is up the relay publishes to its server. */
@Module({
  imports: [AuthModule, SessionsModule, VotesModule],
  providers: [LiveGateway, SharedSnapshots],
})
export class LiveModule {}
