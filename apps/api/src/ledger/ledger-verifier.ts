import type { ChainVerdict } from '#domain';
import { verifyStoredLedger } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Public verification re-hashes the whole record; thousands of viewers asking at once share the one
 * verification already running instead of each starting their own.
 */
@Injectable()
export class LedgerVerifier {
  private inFlight: Promise<ChainVerdict & { verifiedAt: string }> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  verify(): Promise<ChainVerdict & { verifiedAt: string }> {
    this.inFlight ??= verifyStoredLedger(this.dataSource)
      .then((verdict) => ({ ...verdict, verifiedAt: new Date().toISOString() }))
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
