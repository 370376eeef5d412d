import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { DelegateImportService } from './delegate-import.service.js';
import { DelegatesController } from './delegates.controller.js';
import { DelegatesService } from './delegates.service.js';

@Module({
  imports: [CredentialsModule],
  controllers: [DelegatesController],
  providers: [DelegatesService, DelegateImportService],
  exports: [DelegatesService],
})
export class DelegatesModule {}
