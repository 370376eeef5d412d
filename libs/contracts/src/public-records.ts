/**
 * Public answers about motions, delegates and the plan (no login), shared by the API that produces them
 * and the web client that reads them. Structural only: nothing here imports the domain, so the shapes
 * that come from it (motion status, word diff, ledger event) are restated; the API's code assigns the
 * domain's values to these types, so a divergence fails its compilation.
 */
import type { ComplianceStatus } from './records.js';

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
export interface AssemblyRulesView {
  /** Co-sponsors a motion needs before it can be admitted. */
  cosponsorThreshold: number;
  /** Quorum: present seats must exceed numerator/denominator of the seated delegates. */
  quorum: { numerator: number; denominator: number };
  /** Default length of a speech, in seconds. */
  speechSeconds: number;
  /** The assembly's calendar and clock. */
  timeZone: 'America/Lima';
}

// ---- Compliance arithmetic shared by the accountability views ----

export type StatusCounts = Record<ComplianceStatus, number>;

export interface ComplianceSummary {
  /** Resolutions counted (each once, however many objectives or institutions it has). */
  resolutions: number;
  /** Resolutions by their overall status; untracked ones are not in any bucket. */
  resolutionsByStatus: StatusCounts;
  /** Resolutions that bind no institution, so have no compliance to follow. */
  untrackedResolutions: number;
  /** Resolution × bound institution pairs. */
  obligations: number;
  obligationsByStatus: StatusCounts;
  /** Obligations whose deadline passed unfulfilled. */
  overdue: number;
  /** Fulfilled obligations over all obligations (0..1), null when there are none. */
  fulfilledRate: number | null;
  /** Mean reported progress of the obligations (0..100), null when there are none. */
  meanProgress: number | null;
}

/** Where one bound institution stands on one resolution, as the public sees it. */
export interface ObligationView {
  institution: { code: string; name: string };
  status: ComplianceStatus;
  /** 0..100, as last reported. */
  progress: number;
  /** YYYY-MM-DD (the compliance deadline, or the resolution's while compliance is not yet tracked). */
  deadline: string | null;
  lastReportedAt: string | null;
  reports: number;
  fulfilledAt: string | null;
}

// ---- The plan: GET /api/plan/objectives/:code/accountability, GET /api/plan/dimensions/:code/accountability ----

export interface PlanAccountabilitySummary extends ComplianceSummary {
  /** Filed motions (numbered; drafts are private) that name the objective(s). */
  motions: number;
  motionsByStatus: Record<string, number>;
}

export interface ObjectiveAccountability {
  objective: {
    code: string;
    number: number;
    text: string;
    theme: { code: string; name: string };
    dimension: { code: string; name: string };
  };
  motions: {
    id: string;
    number: string;
    title: string;
    status: string;
    parentId: string | null;
    filedAt: string;
    author: { delegateId: string; name: string };
  }[];
  resolutions: {
    id: string;
    number: string;
    title: string;
    issuedAt: string;
    sessionId: string;
    motionId: string;
    voteId: string;
    complianceDeadline: string | null;
    /** Across its bound institutions; null when it binds none. */
    status: ComplianceStatus | null;
    /** Mean progress of its bound institutions (0..100). */
    progress: number | null;
    compliance: ObligationView[];
  }[];
  summary: PlanAccountabilitySummary;
}

export interface DimensionAccountability {
  dimension: { code: string; number: number; name: string };
  objectives: {
    code: string;
    number: number;
    text: string;
    theme: { code: string; name: string };
    summary: PlanAccountabilitySummary;
  }[];
  /** Across the dimension: a motion or resolution linked to several of its objectives counts once. */
  summary: PlanAccountabilitySummary;
}

// ---- Delegates: GET /api/delegates/:id/record ----

export interface DelegateRecord {
  delegate: {
    id: string;
    fullName: string;
    constituency: { code: string; name: string };
    organization: string | null;
    termStart: string;
    termEnd: string;
    status: 'active' | 'suspended' | 'ceased';
    alternateOf: { id: string; fullName: string } | null;
    alternate: { id: string; fullName: string } | null;
  };
  /** Over the sessions opened during the delegate's term (a session never opened is not counted). */
  attendance: {
    openedSessions: number;
    present: number;
    absent: number;
    /** present / openedSessions (0..1), null before any session was opened. */
    rate: number | null;
    sessions: { sessionId: string; title: string; openedAt: string; present: boolean }[];
  };
  /** Every closed vote the delegate was entitled to, newest first; open votes never appear. */
  votes: {
    voteId: string;
    sessionId: string;
    kind: 'motion' | 'amendment' | 'procedural';
    question: string;
    motionId: string | null;
    motionNumber: string | null;
    outcome: 'adopted' | 'rejected';
    resolutionNumber: string | null;
    closedAt: string;
    /** The ballot that counted, or null: entitled but did not vote. */
    choice: 'yes' | 'no' | 'abstain' | null;
    /** The titular whose seat an alternate voted for; null when voting for their own seat. */
    onBehalfOf: string | null;
  }[];
  votingSummary: {
    entitled: number;
    cast: number;
    notVoted: number;
    yes: number;
    no: number;
    abstain: number;
    /** cast / entitled (0..1), null before any closed vote. */
    participationRate: number | null;
  };
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
