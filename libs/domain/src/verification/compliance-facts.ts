import type { LedgerEvent } from '../ledger/hash-chain.js';
import type { ComplianceOverduePayload, ComplianceReportedPayload } from '../ledger/record-events.js';
import type { ResolutionIssuedPayload } from '../votes/vote-record.js';
import type { AuditProblem } from '../votes/vote-audit.js';
import { sameList, servedProblem, type FactAuditor, type ServedComplianceTrack } from './served-facts.js';

interface ReportFact {
  sequence: number;
  /** The event's hash: the receipt the served report carries. */
  receipt: string;
  payload: ComplianceReportedPayload;
}

interface TrackFact {
  reports: ReportFact[];
  /** Where the last report or overdue notice left it. */
  status: string;
  progress: number;
  sequence: number;
}

/** Every compliance report and overdue notice, per resolution and institution; every evidence file cited. */
export class ComplianceFactsAuditor implements FactAuditor {
  /** Resolution number → institution code → its track. */
  readonly resolutions = new Map<string, Map<string, TrackFact>>();
  /** Evidence digest → the first report that cited it, and the size it gave. */
  readonly evidence = new Map<string, { sequence: number; size: number; label: string }>();
  reportCount = 0;

  private track(number: string, code: string): TrackFact {
    let tracks = this.resolutions.get(number);
    if (!tracks) this.resolutions.set(number, (tracks = new Map()));
    let track = tracks.get(code);
    if (!track) tracks.set(code, (track = { reports: [], status: 'pending', progress: 0, sequence: 0 }));
    return track;
  }

  add(event: LedgerEvent): void {
    if (event.type === 'resolution.issued') {
      const { number } = event.payload as ResolutionIssuedPayload;
      if (!this.resolutions.has(number)) this.resolutions.set(number, new Map());
    } else if (event.type === 'compliance.reported') {
      const p = event.payload as ComplianceReportedPayload;
      const track = this.track(p.resolutionNumber, p.institutionCode);
      track.reports.push({ sequence: event.sequence, receipt: event.hash, payload: p });
      Object.assign(track, { status: p.status, progress: p.progress, sequence: event.sequence });
      this.reportCount += 1;
      for (const file of p.evidenceFiles ?? [])
        if (!this.evidence.has(file.sha256))
          this.evidence.set(file.sha256, {
            sequence: event.sequence,
            size: file.size,
            label: `compliance report of ${p.resolutionNumber} by ${p.institutionCode} (event ${event.sequence})`,
          });
    } else if (event.type === 'compliance.overdue') {
      const p = event.payload as ComplianceOverduePayload;
      Object.assign(this.track(p.resolutionNumber, p.institutionCode), {
        status: p.status,
        progress: p.progress,
        sequence: event.sequence,
      });
    }
  }
}

const sameFiles = (
  served: ServedComplianceTrack['reports'][number]['evidenceFiles'],
  recorded: NonNullable<ComplianceReportedPayload['evidenceFiles']>,
) =>
  served.length === recorded.length &&
  served.every(
    (file, index) =>
      file.sha256 === recorded[index]!.sha256 &&
      file.fileName === recorded[index]!.fileName &&
      file.size === recorded[index]!.size &&
      file.mediaType === recorded[index]!.mediaType,
  );

/** GET /api/resolutions/:number/compliance against the record: every report, field by field, and each track. */
export function compareCompliance(
  number: string,
  tracks: Map<string, TrackFact>,
  served: ServedComplianceTrack[],
): AuditProblem | null {
  const servedCodes = new Set(served.map((track) => track.institution.code));
  for (const [code, track] of tracks)
    if (!servedCodes.has(code))
      return servedProblem(
        track.sequence,
        `compliance of ${number} by ${code} (event ${track.sequence}): in the record but not served`,
      );
  for (const row of served) {
    const code = row.institution.code;
    const track = tracks.get(code);
    const byReceipt = new Map((track?.reports ?? []).map((report) => [report.receipt, report]));
    for (const report of row.reports) {
      const fact = byReceipt.get(report.receipt);
      if (!fact)
        return servedProblem(
          null,
          `compliance report ${report.id} of ${number} by ${code}: served but not in the record (its receipt names no report event)`,
        );
      byReceipt.delete(report.receipt);
      const p = fact.payload;
      const at = (what: string) =>
        servedProblem(
          fact.sequence,
          `compliance report of ${number} by ${code} (event ${fact.sequence}): ${what}`,
        );
      if (report.body !== p.body) return at('served body differs from the record');
      if (report.progress !== p.progress) return at('served progress differs from the record');
      if (report.status !== p.status) return at('served status differs from the record');
      if (!sameList(report.evidence, p.evidence)) return at('served evidence links differ from the record');
      if (!sameFiles(report.evidenceFiles, p.evidenceFiles ?? []))
        return at('served evidence files differ from the record');
      if (p.reportedAs !== undefined && report.reportedAs !== p.reportedAs)
        return at('served reporter role differs from the record');
    }
    const [unserved] = byReceipt.values();
    if (unserved)
      return servedProblem(
        unserved.sequence,
        `compliance report of ${number} by ${code} (event ${unserved.sequence}): in the record but not served`,
      );
    const status = track?.status ?? 'pending';
    const progress = track?.progress ?? 0;
    if (row.status !== status || row.progress !== progress) {
      const sequence = track?.sequence || null;
      return servedProblem(
        sequence,
        `compliance of ${number} by ${code}${sequence ? ` (event ${sequence})` : ''}: served status or progress differs from the record`,
      );
    }
  }
  return null;
}
