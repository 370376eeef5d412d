import type { LedgerEvent } from '../ledger/hash-chain.js';
import type { AuditProblem } from '../votes/vote-audit.js';
import { ComplianceFactsAuditor, compareCompliance } from './compliance-facts.js';
import { MotionFactsAuditor, compareMotion } from './motion-facts.js';
import { servedProblem, type ServedFactCounts, type ServedFactsSource } from './served-facts.js';
import { SessionFactsAuditor, compareSessionRecord, compareSessionSnapshot } from './session-facts.js';

/** Reads in flight at once: the reads are independent, the answer still the first problem in order. */
const WIDTH = 8;

/**
 * The first item whose served row the record does not support, in the items' order. A row may change
 * between reading the record and reading the row: `catchUp` reads (and chains) the events recorded since
 * into the replay and answers whether there were any; then that row is compared again.
 */
async function firstProblem(
  items: string[],
  compare: (item: string) => Promise<AuditProblem | null>,
  catchUp: () => Promise<boolean>,
): Promise<AuditProblem | null> {
  for (let start = 0; start < items.length;) {
    const batch = items.slice(start, start + WIDTH);
    const problems = await Promise.all(batch.map(compare));
    const at = problems.findIndex(Boolean);
    if (at < 0) {
      start += batch.length;
      continue;
    }
    if (!(await catchUp())) return problems[at]!;
    const again = await compare(batch[at]!);
    if (again) return again;
    start += at + 1;
  }
  return null;
}

/** The ids the listings served, read before the record: each must then be in the record read after. */
export interface ServedListings {
  motionIds: string[];
  sessionIds: string[];
}

/**
 * Replays the record into the facts it proves (motions and versions, co-sponsorships, admission, sessions,
 * agenda, attendance, speeches, compliance reports and their files), then compares every public read.
 */
export class ServedFactsAuditor {
  readonly motions = new MotionFactsAuditor();
  readonly sessions = new SessionFactsAuditor();
  readonly compliance = new ComplianceFactsAuditor();
  private evidenceChecked = 0;

  add(event: LedgerEvent): void {
    this.motions.add(event);
    this.sessions.add(event);
    this.compliance.add(event);
  }

  counts(): ServedFactCounts {
    return {
      motions: this.motions.motions.size,
      motionVersions: this.motions.versionCount,
      cosponsorships: this.motions.cosponsorshipCount,
      sessions: this.sessions.sessions.size,
      agendaItems: this.sessions.agendaItemCount,
      attendanceRows: this.sessions.attendanceCount,
      speeches: this.sessions.speechCount,
      complianceReports: this.compliance.reportCount,
      evidenceFiles: this.evidenceChecked,
    };
  }

  /** Compares every served fact with the replayed record; the first one it does not support is the answer. */
  async check(
    source: ServedFactsSource,
    listings: ServedListings,
    catchUp: () => Promise<boolean>,
  ): Promise<AuditProblem | null> {
    for (const id of listings.motionIds)
      if (!this.motions.motions.has(id))
        return servedProblem(null, `motion ${id} is served but not in the record`);
    for (const id of listings.sessionIds)
      if (!this.sessions.sessions.has(id))
        return servedProblem(null, `session ${id} is served but not in the record`);

    const motion = async (id: string) => {
      const fact = this.motions.motions.get(id)!;
      const served = await source.motion(id);
      if (!served)
        return servedProblem(
          fact.sequence,
          `motion ${fact.number} (event ${fact.sequence}): in the record but not served`,
        );
      return compareMotion(fact, served);
    };
    const session = async (id: string) => {
      const fact = this.sessions.sessions.get(id)!;
      const name = `session ${fact.number ?? fact.id} (event ${fact.sequence})`;
      const [record, snapshot] = await Promise.all([source.sessionRecord(id), source.sessionSnapshot(id)]);
      if (!record) return servedProblem(fact.sequence, `${name}: in the record but its record is not served`);
      if (!snapshot) return servedProblem(fact.sequence, `${name}: in the record but not served`);
      return compareSessionRecord(fact, record) ?? compareSessionSnapshot(fact, snapshot);
    };
    const compliance = async (number: string) => {
      const served = await source.compliance(number);
      if (!served) return servedProblem(null, `compliance of resolution ${number} is not served`);
      return compareCompliance(number, this.compliance.resolutions.get(number)!, served);
    };
    return (
      (await firstProblem([...this.motions.motions.keys()], motion, catchUp)) ??
      (await firstProblem([...this.sessions.sessions.keys()], session, catchUp)) ??
      (await firstProblem([...this.compliance.resolutions.keys()], compliance, catchUp)) ??
      (await this.checkEvidence(source))
    );
  }

  private async checkEvidence(source: ServedFactsSource): Promise<AuditProblem | null> {
    // Every cited file, each once, whole: a file is only as good as its bytes.
    this.evidenceChecked = 0;
    for (const [sha256, cited] of this.compliance.evidence) {
      const file = await source.evidenceFile(sha256);
      if (!file)
        return servedProblem(cited.sequence, `evidence file ${sha256} of the ${cited.label}: not served`);
      if (file.sha256 !== sha256)
        return servedProblem(
          cited.sequence,
          `evidence file ${sha256} of the ${cited.label}: the served bytes hash to ${file.sha256}`,
        );
      if (file.size !== cited.size)
        return servedProblem(
          cited.sequence,
          `evidence file ${sha256} of the ${cited.label}: served ${file.size} bytes, the record says ${cited.size}`,
        );
      this.evidenceChecked += 1;
    }
    return null;
  }
}
