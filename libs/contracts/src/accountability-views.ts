/**
 * The accountability views (no login): what happened in a session, how a delegate took part, how far
 * the plan's objectives and dimensions are served and what binds an institution. Shared by the API that
 * produces them and the web client that reads them.
 */
import type { SessionSnapshot, SessionView, VoteView } from './live-events.js';
import type { ComplianceStatus, ResolutionSummary } from './public-answers.js';

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

// ---- The whole plan at a glance: GET /api/plan/accountability ----

export interface PlanOverview {
  /** Every dimension, in the plan's order, each summarised as its own accountability view does. */
  dimensions: { code: string; number: number; name: string; summary: PlanAccountabilitySummary }[];
  /** Every objective of the plan, in the plan's order, with the motions and resolutions that name it. */
  objectives: { code: string; dimensionCode: string; summary: PlanAccountabilitySummary }[];
  /** Every institution bound by at least one resolution, by code: its compliance across them. */
  institutions: { code: string; name: string; summary: ComplianceSummary }[];
  /** The whole plan: a motion or resolution linked to several objectives counts once. */
  summary: PlanAccountabilitySummary;
}

// ---- Institutions: GET /api/institutions/:code/accountability ----

export interface InstitutionAccountability {
  institution: { id: string; code: string; name: string; kind: string; active: boolean };
  /** Every resolution that binds the institution, oldest first, with where its compliance stands. */
  resolutions: ({
    id: string;
    number: string;
    title: string;
    issuedAt: string;
    sessionId: string;
    motionId: string;
    objectives: string[];
  } & Omit<ObligationView, 'institution'>)[];
  summary: ComplianceSummary;
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

// ---- Sessions: GET /api/sessions/:id/record ----

export interface SessionRecord {
  session: SessionView;
  attendance: {
    /** Everyone with an attendance entry, by province then name: present or checked out. */
    delegates: {
      delegateId: string;
      name: string;
      constituency: string;
      present: boolean;
      recordedBy: 'self' | 'moderator';
      updatedAt: string;
    }[];
    /** Present seats against the seats of the assembly today (as the live board shows). */
    quorum: SessionSnapshot['attendance']['quorum'];
  };
  agenda: {
    id: string;
    position: number;
    kind: 'motion' | 'amendment' | 'report' | 'topic';
    title: string;
    status: 'pending' | 'in_debate' | 'voting' | 'done' | 'deferred';
    motionId: string | null;
    motionNumber: string | null;
  }[];
  /** Every speech, in the order given, with when the floor was asked for. */
  speeches: {
    id: string;
    itemId: string;
    delegateId: string;
    name: string;
    constituency: string;
    stance: 'pro' | 'contra' | 'point_of_order';
    requestedAt: string | null;
    startedAt: string;
    endsAt: string;
    endedAt: string | null;
    endedBy: 'timer' | 'moderator' | null;
  }[];
  /** Every vote, oldest first; ballots only once a vote is closed. */
  votes: VoteView[];
  resolutions: Pick<
    ResolutionSummary,
    'id' | 'number' | 'title' | 'issuedAt' | 'motionId' | 'voteId' | 'complianceDeadline' | 'digest'
  >[];
}
