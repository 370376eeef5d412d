import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller.js';
import { LedgerVerifier } from './ledger-verifier.js';

@Module({ controllers: [LedgerController], providers: [LedgerVerifier] })
export class LedgerModule {}
