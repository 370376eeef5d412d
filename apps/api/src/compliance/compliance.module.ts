import { Module } from '@nestjs/common';
import { ComplianceController } from './compliance.controller.js';
import { ComplianceService } from './compliance.service.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor.js';
import { EvidenceService } from './evidence.service.js';

@Module({
  controllers: [ComplianceController, EvidenceController],
  providers: [ComplianceService, EvidenceService, EvidenceUploadInterceptor],
  exports: [ComplianceService, EvidenceService],
})
export class ComplianceModule {}
