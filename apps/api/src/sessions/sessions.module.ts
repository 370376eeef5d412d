import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { LiveGateway } from '../live/live.gateway.js';
import { LiveRelay } from './live-relay.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [AuthModule],
  controllers: [SessionsController],
  providers: [SessionsService, LiveRelay, LiveGateway],
})
export class SessionsModule {}
