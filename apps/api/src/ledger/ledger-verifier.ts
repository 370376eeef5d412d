import { verifyRecord, type RecordProgress, type RecordSource, type RecordVerdict } from '#domain';
import {
  readBallots,
  readContradictedCheckpoint,
  readLedgerFingerprint,
  readLedgerVersions,
  readNonVoters,
  readResolutionAudit,
  readResolutionNumbers,
  readVoteTally,
  readParticipantIds,
  readPublishedBallots,
  readQuestionBallots,
  readQuestionParticipantIds,
  readRounds,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ServedFactsReader } from './served-facts-reader.js';

const PAGE = 5000;

/** Where a verification started: genesis, or the last verified event (and why it did not, when not). */
export interface VerifiedFrom {
  verifiedFrom: number;
  fullBecause: string | null;
}

type Verdict = RecordVerdict & VerifiedFrom & { verifiedAt: string };

/** What the last clean verification saw: where it got to, and the row versions (xmin) up to there. */
interface Verified {
  progress: RecordProgress;
  versionSum: bigint;
  weightedSum: bigint;
}

/**
 * Public verification recomputes the whole record and compares the stored ballots and resolutions
 * with it; thousands of viewers asking at once share the one verification already running.
 */
@Injectable()
export class LedgerVerifier {
  private inFlight: Promise<Verdict> | null = null;
  private verified: Verified | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly served: ServedFactsReader,
  ) {}

  verify(): Promise<Verdict> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * Incremental: continues after the last clean verification, once a cheap check shows that nothing it
   * verified changed — the same number of rows up to there, the same hash there, the same row versions
   * (an UPDATE makes a new one, even with triggers disabled; a restore makes them all new) and every
   * checkpoint still matching the record. Otherwise, and after any problem, from genesis.
   */
  private async run(): Promise<Verdict> {
    const db = this.dataSource;
    const previous = this.verified;
    this.verified = null;
    const { verdict, versions, resume, fullBecause } = await this.verifyFrom(previous);
    const verifiedFrom = resume?.progress.sequence ?? 0;
    const stamp = { verifiedFrom, fullBecause, verifiedAt: new Date().toISOString() };
    const contradicted = await readContradictedCheckpoint(db);
    if (verdict.ok && contradicted)
      return {
        ...verdict,
        ...stamp,
        ok: false,
        firstProblem: {
          sequence: contradicted.sequence,
          voteId: null,
          problem: `the record no longer has the hash checkpoint ${contradicted.sequence} signed (rewritten or cut short)`,
        },
      };
    const { progress, ...answer } = verdict;
    if (verdict.ok && progress) {
      let versionSum = resume?.versionSum ?? 0n;
      let weightedSum = resume?.weightedSum ?? 0n;
      for (const [sequence, version] of versions)
        if (sequence > verifiedFrom && sequence <= progress.sequence) {
          versionSum += version;
          weightedSum += version * BigInt(sequence);
        }
      this.verified = { progress, versionSum, weightedSum };
    }
    return { ...answer, ...stamp };
  }

  /** Continues after `previous` when nothing it verified has changed since; otherwise from genesis. */
  private async verifyFrom(previous: Verified | null): Promise<{
    verdict: Awaited<ReturnType<typeof verifyRecord>>;
    versions: Map<number, bigint>;
    resume: Verified | null;
    fullBecause: string | null;
  }> {
    if (previous) {
      // The check and the continued verification run side by side: the check scans every row's version
      // (linear in the record), the rest reads only what is new. A failed check throws the continued run
      // away, whatever it found, and verifies from genesis.
      const versions = new Map<number, bigint>();
      const [changed, continued] = await Promise.all([
        this.changedSince(previous),
        verifyRecord(this.source(versions), previous.progress).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
      ]);
      if (!changed) {
        if ('error' in continued) throw continued.error;
        return { verdict: continued.value, versions, resume: previous, fullBecause: null };
      }
      return { ...(await this.fromGenesis()), fullBecause: changed };
    }
    return { ...(await this.fromGenesis()), fullBecause: 'no earlier verification in this process' };
  }

  private async fromGenesis() {
    const versions = new Map<number, bigint>();
    const verdict = await verifyRecord(this.source(versions));
    return { verdict, versions, resume: null };
  }

  /** Why what the last clean verification saw is no longer so, or null when nothing it verified changed. */
  private async changedSince(verified: Verified): Promise<string | null> {
    const { sequence, hash } = verified.progress;
    const now = await readLedgerFingerprint(this.dataSource, sequence);
    if (now.count !== sequence || now.hash !== hash)
      return `event ${sequence}, verified last time, is no longer the same`;
    if (now.versionSum !== verified.versionSum || now.weightedSum !== verified.weightedSum)
      return `rows up to event ${sequence} were changed after they were verified`;
    return null;
  }

  private source(versions: Map<number, bigint>): RecordSource {
    const db = this.dataSource;
    const served = this.served;
    return {
      async ledgerPage(after) {
        const page = await readLedgerVersions(db, after, PAGE);
        page.events.forEach((event, i) => versions.set(event.sequence, page.versions[i]!));
        const events = page.events;
        return { events, next: events.length === PAGE ? events.at(-1)!.sequence : null };
      },
      async vote(voteId) {
        const row = await readVoteTally(db, voteId);
        if (!row) return null;
        return {
          tally: row.tally,
          ballots: await readBallots(db, voteId),
          notVoted: await readNonVoters(db, voteId),
        };
      },
      resolution: (number) => readResolutionAudit(db, number),
      async electionBallots(electionId, roundId) {
        const round = (await readRounds(db, electionId)).find((r) => r.id === roundId);
        if (!round || round.status !== 'closed') return null;
        return {
          ballots: await readPublishedBallots(db, roundId),
          participants: await readParticipantIds(db, roundId),
        };
      },
      async secretQuestionBallots(voteId) {
        const row = await readVoteTally(db, voteId);
        if (!row?.tally) return null;
        return {
          ballots: await readQuestionBallots(db, voteId),
          participants: await readQuestionParticipantIds(db, voteId),
        };
      },
      resolutionNumbers: () => readResolutionNumbers(db),
      motionIds: () => served.motionIds(),
      motion: (id) => served.motion(id),
      sessionIds: () => served.sessionIds(),
      sessionRecord: (id) => served.sessionRecord(id),
      sessionSnapshot: (id) => served.sessionSnapshot(id),
      compliance: (number) => served.compliance(number),
      evidenceFile: (sha256) => served.evidenceFile(sha256),
    };
  }
}
