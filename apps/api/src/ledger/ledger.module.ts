import { Module } from '@nestjs/common';
import { AccountabilityModule } from '../accountability/accountability.module.js';
import { ComplianceModule } from '../compliance/compliance.module.js';
import { MotionsModule } from '../motions/motions.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerReader } from './ledger-reader.js';
import { LedgerVerifier } from './ledger-verifier.js';
import { ServedFactsReader } from './served-facts-reader.js';

@Module({
  imports: [MotionsModule, SessionsModule, AccountabilityModule, ComplianceModule],
  controllers: [LedgerController],
  providers: [LedgerReader, LedgerVerifier, ServedFactsReader],
})
export class LedgerModule {}
