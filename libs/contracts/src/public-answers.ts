/**
 * Public answers of the HTTP API (no login): motions, resolutions and their compliance, the public
 * record and its verification, the assembly's rules and the plan's catalogue; shared by the API that
 * produces them and the web client that reads them. Structural only: nothing here imports the domain,
 * so the shapes that come from it (motion status, word diff, ledger event) are restated; the API's code
 * assigns the domain's values to these types, so a divergence fails its compilation.
 */
// ---- Resolutions and their compliance: GET /api/resolutions, GET /api/resolutions/:number ----

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
    /** Files attached, in order; each served at GET /api/evidence/:sha256. */
    evidenceFiles: EvidenceFileView[];
    reportedAt: string;
    reportedBy: string;
    /** A liaison of the institution, or the secretariat on its behalf (null: reported before this was kept). */
    reportedAs: 'liaison' | 'secretariat' | null;
    receipt: string;
  }[];
}

/** An evidence file as the public record names it (POST /api/evidence answers the same). */
export interface EvidenceFileView {
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
}

/** GET /api/evidence/limits: what an upload may be. */
export interface EvidenceLimitsView {
  maxFileBytes: number;
  maxFiles: number;
  mediaTypes: string[];
}

// ---- The public record's verification: GET /api/ledger/verify ----

export interface RecordVerdictView {
  ok: boolean;
  checked: number;
  lastSequence: number | null;
  lastHash: string;
  votes: number;
  ballots: number;
  /** Of those, ballots the Mesa recorded for a delegate who voted by voice, show of hands or on paper. */
  ballotsRecordedByMesa: number;
  resolutions: number;
  /** Versions of the reglamento in the record. */
  rulesVersions: number;
  /** Closed votes whose tally was recomputed under the reglamento version they were opened with. */
  votesUnderRules: number;
  /** Election rounds replayed, their published secret ballots recounted (ballots = participants), elections decided. */
  electionRounds: number;
  secretBallots: number;
  electionsDecided: number;
  firstProblem: { sequence: number | null; voteId: string | null; problem: string } | null;
  verifiedAt: string;
}

// ---- Plan objectives: GET /api/plan/objectives ----

export interface ObjectiveSummary {
  code: string;
  number: number;
  text: string;
  emphases: string[];
  theme: { code: string; name: string };
  dimension: { code: string; name: string };
}

// ---- Shapes restated from the domain ----

/** The motion lifecycle's states (`libs/domain/src/motions/motion-lifecycle.ts`). */
export type MotionStatus =
  | 'draft'
  | 'filed'
  | 'admitted'
  | 'scheduled'
  | 'debating'
  | 'voting'
  | 'adopted'
  | 'rejected'
  | 'inadmissible'
  | 'withdrawn';

/** One run of a word diff: kept, added or removed text. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** One event of the public record, as `GET /api/ledger` and a subject's history serve it. */
export interface LedgerEventView {
  sequence: number;
  type: string;
  subject: string;
  payload: unknown;
  payloadHash: string;
  previousHash: string;
  hash: string;
  actor: string | null;
  /** ISO 8601 with milliseconds, UTC. */
  occurredAt: string;
}

// ---- Motions: GET /api/motions, GET /api/motions/:idOrNumber ----

export interface MotionSummary {
  id: string;
  number: string | null;
  kind: 'motion' | 'amendment';
  parentId: string | null;
  title: string;
  status: MotionStatus;
  author: { delegateId: string; fullName: string; constituency: { code: string; name: string } };
  objectives: string[];
  institutions: string[];
  complianceDeadline: string | null;
  cosponsorCount: number;
  filedAt: string | null;
  createdAt: string;
  /** Search relevance, only when searching. */
  rank?: number;
}

export interface MotionVersionView {
  version: number;
  title: string;
  body: string;
  rationale: string;
  amendmentId: string | null;
  createdAt: string;
  /** What changed from the previous version (absent for version 1). */
  diff?: { title: DiffPart[]; body: DiffPart[]; rationale: DiffPart[] };
}

export interface MotionDetail extends MotionSummary {
  body: string;
  rationale: string;
  amendmentChanges: unknown;
  inadmissibleReason: string | null;
  /** The kind of decision the Mesa qualified it as at admission (one the reglamento added), or null: ordinary. */
  decision: string | null;
  currentVersion: number;
  versions: MotionVersionView[];
  cosponsors: { delegateId: string; fullName: string; since: string }[];
  amendments: { id: string; number: string | null; status: MotionStatus; title: string }[];
  history: LedgerEventView[];
  /** The most recent agenda item that carries this motion (to follow its session live), if any. */
  agendaItem: null | {
    sessionId: string;
    sessionTitle: string;
    sessionStatus: 'scheduled' | 'open' | 'suspended' | 'closed';
    itemId: string;
    itemStatus: 'pending' | 'in_debate' | 'voting' | 'done' | 'deferred';
  };
  /** The votes held on this motion, oldest first. */
  votes: {
    id: string;
    status: 'open' | 'closed';
    outcome: 'adopted' | 'rejected' | null;
    closedAt: string | null;
  }[];
  /** The binding resolution it became, once adopted. */
  resolutionNumber: string | null;
}

// ---- The assembly's rules: GET /api/rules ----

/** The rules the client needs today (from the API's configuration). */
export type CountingRuleName =
  'simple' | 'absolute_present' | 'absolute_members' | 'two_thirds_cast' | 'two_thirds_members';

/** The reglamento's content (restates AssemblyRules of libs/domain/src/rules/assembly-rules.ts). */
export interface AssemblyRulesContent {
  quorum: { numerator: number; denominator: number };
  cosponsorThreshold: number;
  speechSeconds: number;
  decisions: {
    kind: string;
    label: { es: string; en: string };
    rule: CountingRuleName;
    moderatorMayChoose: boolean;
  }[];
  minimumOpenSeconds: number;
  minimumTurnout: { numerator: number; denominator: number } | null;
  compliance: { defaultDeadlineDays: number; warningDays: number };
  /** Roles that must enable a second factor (TOTP) before acting as such; answered always, optional when sent. */
  secondFactorRoles?: ('admin' | 'moderator' | 'delegate' | 'liaison')[];
}

/** One version of the reglamento as recorded, with who adopted it (null: taken from the configuration). */
export interface RulesVersionView {
  version: number;
  effectiveAt: string;
  adoptedAt: string;
  adoptedBy: { id: string; name: string } | null;
  note: string;
  rules: AssemblyRulesContent;
}

/**
 * GET /api/rules: the reglamento in force, its fields at the top (as before it was versioned), the
 * version and its times, and any version adopted to apply later.
 */
export interface AssemblyRulesView extends AssemblyRulesContent {
  version: number;
  effectiveAt: string;
  adoptedAt: string;
  /** The assembly's calendar and clock. */
  timeZone: 'America/Lima';
  /** Versions adopted to apply later, soonest first. */
  pending: RulesVersionView[];
}

// ---- GET /api/plan: the whole catalogue, dimensions → themes → problems, objectives, targets ----

export interface PlanCatalogue {
  version: { version: string; sha256: string; loadedAt: string } | null;
  dimensions: {
    code: string;
    number: number;
    name: string;
    themes: {
      code: string;
      slug: string;
      name: string;
      /** Whether the theme's name is the plan's own or an editorial label. */
      nameSource: 'plan' | 'editorial';
      lead: string | null;
      nationalPolicies: string[];
      bicentenarioAxes: string[];
      problems: { code: string; number: number; text: string; aspects: string[] }[];
      objectives: { code: string; number: number; text: string; emphases: string[] }[];
      targets: {
        code: string;
        number: number;
        text: string;
        measures: { raw: string; value: number; unit: string }[];
      }[];
    }[];
  }[];
  acuerdoNacional: {
    code: string;
    name: string;
    policies: { code: string; letter: string; name: string }[];
  }[];
  bicentenario: { code: string; number: number; name: string; description: string; priorities: unknown }[];
}
