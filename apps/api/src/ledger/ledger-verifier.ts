import {
  verifyRecord,
  type RecordSource,
  type RecordVerdict,
  type ResolutionDocument,
  type Tally,
} from '#domain';
import { readBallots, readLedger } from '#persistence';
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
        const [row]: { tally: Tally | null }[] = await db.query(`SELECT tally FROM votes WHERE id = $1`, [
          voteId,
        ]);
        if (!row) return null;
        return { tally: row.tally, ballots: await readBallots(db, voteId) };
      },
      async resolution(number) {
        const [row]: {
          document: ResolutionDocument;
          digest: string;
          objectives: string[];
          institutions: string[];
        }[] = await db.query(
          `SELECT r.document, r.digest,
             ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id) AS objectives,
             ARRAY(SELECT i.code FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
                   WHERE ri.resolution_id = r.id) AS institutions
           FROM resolutions r WHERE r.number = $1`,
          [number],
        );
        return row ?? null;
      },
      async resolutionNumbers() {
        const rows: { number: string }[] = await db.query(
          `SELECT number FROM resolutions ORDER BY year, sequence`,
        );
        return rows.map((row) => row.number);
      },
    };
  }
}
