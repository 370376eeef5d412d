import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { FloorService } from './floor.service.js';
import { SessionReader } from './session-reader.js';
import { SpeechTimer } from './speech-timer.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [AuthModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionReader, FloorService, SpeechTimer],
  exports: [SessionsService, SessionReader, FloorService, SpeechTimer],
})
export class SessionsModule {}
