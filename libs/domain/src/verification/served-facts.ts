import type { LedgerEvent } from '../ledger/hash-chain.js';
import type { AuditProblem } from '../votes/vote-audit.js';

/**
 * The public reads the verifier compares with the record, restated as the fields it checks (the API's
 * contract types carry more; these are structural subsets of them, so the served JSON fits as is).
 */
export interface ServedMotion {
  id: string;
  number: string | null;
  kind: 'motion' | 'amendment';
  parentId: string | null;
  title: string;
  status: string;
  author: { delegateId: string };
  objectives: string[];
  institutions: string[];
  complianceDeadline: string | null;
  cosponsorCount: number;
  body: string;
  rationale: string | null;
  inadmissibleReason: string | null;
  decision: string | null;
  currentVersion: number;
  versions: {
    version: number;
    title: string;
    body: string;
    rationale: string | null;
    amendmentId: string | null;
  }[];
  cosponsors: { delegateId: string }[];
}

export interface ServedSession {
  id: string;
  number: string;
  kind: string;
  title: string;
  status: string;
  scheduledAt: string;
  place: string | null;
  virtualUrl: string | null;
  openedAt?: string | null;
  closedAt?: string | null;
}

export interface ServedAgendaItem {
  id: string;
  position: number;
  kind: string;
  title: string;
  status: string;
  motionId: string | null;
}

/** GET /api/sessions/:id/record. */
export interface ServedSessionRecord {
  session: ServedSession;
  attendance: { delegates: { delegateId: string; present: boolean; recordedBy: string }[] };
  agenda: ServedAgendaItem[];
  speeches: {
    id: string;
    itemId: string;
    delegateId: string;
    stance: string;
    startedAt: string;
    endsAt: string;
    endedAt: string | null;
    endedBy: string | null;
  }[];
}

/** GET /api/sessions/:id: the live board's reads of the same facts. */
export interface ServedSessionSnapshot {
  session: ServedSession;
  agenda: ServedAgendaItem[];
  attendance: { presentDelegateIds: string[]; uncountedDelegateIds: string[] };
}

export interface ServedEvidenceFile {
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
}

/** GET /api/resolutions/:number/compliance, one bound institution. */
export interface ServedComplianceTrack {
  institution: { code: string };
  status: string;
  progress: number;
  reports: {
    id: string;
    progress: number;
    status: string;
    body: string;
    evidence: string[];
    evidenceFiles: ServedEvidenceFile[];
    reportedAs: string | null;
    receipt: string;
  }[];
}

/** What the verifier reads beside the record to check every served fact (CLI: HTTP; server: the same reads). */
export interface ServedFactsSource {
  /** Ids of every public motion the listing serves (all pages). */
  motionIds(): Promise<string[]>;
  motion(id: string): Promise<ServedMotion | null>;
  /** Ids of the sessions the listing serves. */
  sessionIds(): Promise<string[]>;
  sessionRecord(id: string): Promise<ServedSessionRecord | null>;
  sessionSnapshot(id: string): Promise<ServedSessionSnapshot | null>;
  compliance(resolutionNumber: string): Promise<ServedComplianceTrack[] | null>;
  /**
   * The file served at GET /api/evidence/:sha256, hashed by the source as it reads the bytes (streamed):
   * the SHA-256 of what was served and how many bytes; null when it is not served.
   */
  evidenceFile(sha256: string): Promise<{ sha256: string; size: number } | null>;
}

export interface ServedFactCounts {
  motions: number;
  motionVersions: number;
  cosponsorships: number;
  sessions: number;
  agendaItems: number;
  attendanceRows: number;
  speeches: number;
  complianceReports: number;
  evidenceFiles: number;
}

/** The problem shape of the verdict, for a served fact. */
export function servedProblem(sequence: number | null, problem: string): AuditProblem {
  return { sequence, voteId: null, problem };
}

/** Instants compared as instants: the record keeps milliseconds, a served row may be written otherwise. */
export function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return Date.parse(a) === Date.parse(b);
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return sameList([...a].sort(), [...b].sort());
}

/** One kind of served fact: replays the record's events, then compares what is served. */
export interface FactAuditor {
  add(event: LedgerEvent): void;
}
