/** Public HTTP answers the web client reads, shared with the API that produces them. */
export type ComplianceStatus = 'pending' | 'in_progress' | 'fulfilled' | 'overdue';

export interface ResolutionSummary {
  id: string;
  number: string;
  title: string;
  issuedAt: string;
  motionId: string;
  voteId: string;
  complianceDeadline: string | null;
  objectives: string[];
  institutions: string[];
  /** Compliance status per bound institution code. */
  compliance: Record<string, ComplianceStatus>;
  digest: string;
}

export interface ComplianceTrack {
  institution: { code: string; name: string };
  status: ComplianceStatus;
  progress: number;
  deadline: string | null;
  updatedAt: string;
  fulfilledAt: string | null;
  reports: {
    id: string;
    progress: number;
    status: string;
    body: string;
    evidence: string[];
    reportedAt: string;
    reportedBy: string;
    receipt: string;
  }[];
}

export interface RecordVerdictView {
  ok: boolean;
  checked: number;
  lastSequence: number | null;
  lastHash: string;
  votes: number;
  ballots: number;
  resolutions: number;
  firstProblem: { sequence: number | null; voteId: string | null; problem: string } | null;
  verifiedAt: string;
}

export interface ObjectiveSummary {
  code: string;
  number: number;
  text: string;
  emphases: string[];
  theme: { code: string; name: string };
  dimension: { code: string; name: string };
}
