import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AccountabilityController } from './accountability.controller.js';
import { DelegateRecordService } from './delegate-record.service.js';
import { InstitutionAccountabilityService } from './institution-accountability.service.js';
import { PlanAccountabilityService } from './plan-accountability.service.js';
import { SessionRecordService } from './session-record.service.js';

/** Public accountability views: sessions, delegates, plan objectives and institutions (no login). */
@Module({
  imports: [SessionsModule],
  controllers: [AccountabilityController],
  providers: [
    SessionRecordService,
    DelegateRecordService,
    PlanAccountabilityService,
    InstitutionAccountabilityService,
  ],
  exports: [SessionRecordService],
})
export class AccountabilityModule {}
