import { Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller.js';
import { LedgerReader } from './ledger-reader.js';
import { LedgerVerifier } from './ledger-verifier.js';

@Module({ controllers: [LedgerController], providers: [LedgerReader, LedgerVerifier] })
export class LedgerModule {}
