import { verifyRecord, type RecordSource, type RecordVerdict } from '#domain';
import {
  readBallots,
  readLedger,
  readResolutionAudit,
  readResolutionNumbers,
  readVoteTally,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const PAGE = 5000;

/**
 * Public verification recomputes the whole record and compares the stored ballots and resolutions
 * with it; thousands of viewers asking at once share the one verification already running.
 */
@Injectable()
export class LedgerVerifier {
  private inFlight: Promise<RecordVerdict & { verifiedAt: string }> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  verify(): Promise<RecordVerdict & { verifiedAt: string }> {
    this.inFlight ??= verifyRecord(this.source())
      .then((verdict) => ({ ...verdict, verifiedAt: new Date().toISOString() }))
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  private source(): RecordSource {
    const db = this.dataSource;
    return {
      async ledgerPage(after) {
        const events = await readLedger(db, after, PAGE);
        return { events, next: events.length === PAGE ? events.at(-1)!.sequence : null };
      },
      async vote(voteId) {
        const row = await readVoteTally(db, voteId);
        if (!row) return null;
        return { tally: row.tally, ballots: await readBallots(db, voteId) };
      },
      resolution: (number) => readResolutionAudit(db, number),
      resolutionNumbers: () => readResolutionNumbers(db),
    };
  }
}
