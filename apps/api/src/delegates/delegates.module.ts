import { Module } from '@nestjs/common';
import { DelegateImportService } from './delegate-import.service.js';
import { DelegatesController } from './delegates.controller.js';
import { DelegatesService } from './delegates.service.js';

@Module({
  controllers: [DelegatesController],
  providers: [DelegatesService, DelegateImportService],
  exports: [DelegatesService],
})
export class DelegatesModule {}
