/**
 * Elections, offices and secret ballots as the API serves them (GET /api/elections…, /api/positions,
 * /api/terms, /api/offices): one definition for the use cases that build them and the web client that
 * reads them. The outcome shapes are the domain's own (libs/domain/src/elections).
 */
import type { ElectionChoice, ElectionMethod } from '#domain/elections/election-method';
import type { ExplanationLine } from '#domain/elections/election-explanation';
import type { ElectionOutcome, FirstRoundOutcome, RunoffOutcome } from '#domain/elections/election-outcome';
import type { PositionRank } from '#domain/elections/terms';
import type { Role } from '#domain/accounts/roles';

export type {
  ElectionChoice,
  ElectionMethod,
  ElectionOutcome,
  ExplanationLine,
  FirstRoundOutcome,
  RunoffOutcome,
};

// ---- Offices ----

export interface CommissionView {
  id: string;
  name: { es: string; en: string };
}

export interface PositionView {
  id: string;
  body: 'mesa' | 'commission';
  commissionId: string | null;
  rank: PositionRank;
  title: { es: string; en: string };
  seats: number;
}

export interface TermView {
  id: string;
  label: string;
  startsAt: string;
  endsAt: string;
}

export interface OfficeView {
  id: string;
  positionId: string;
  termId: string;
  holderId: string;
  delegateId: string | null;
  electionId: string | null;
  startsAt: string;
  endsAt: string;
  /** When the scheduled job applied the start, and the roles it granted then. */
  takenAt: string | null;
  grantedRoles: Role[] | null;
  leftAt: string | null;
}

// ---- Elections ----

export type ElectionStatus = 'nominating' | 'voting' | 'runoff_pending' | 'decided';
export type CandidacyStatus = 'proposed' | 'accepted' | 'withdrawn';

export interface CandidacyView {
  id: string;
  candidateId: string;
  fullName: string;
  nominatedBy: string;
  status: CandidacyStatus;
}

export interface ElectionRoundView {
  id: string;
  round: 'first' | 'runoff';
  sessionId: string;
  status: 'open' | 'closed';
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  candidates: string[];
  /** The method in plain words (Spanish first), for the console, the board and the minutes. */
  explanation: { es: string; en: string };
  entitledListHash: string;
  entitledCount: number;
  participationCount: number;
  openedAt: string;
  deadline: string | null;
  closedAt: string | null;
  closedBy: 'moderator' | 'deadline' | null;
  /** After the close only: counts per candidate, threshold, elected, run-off, ties. */
  outcome: FirstRoundOutcome | RunoffOutcome | null;
  /** The outcome in plain words (Spanish first), after the close only. */
  outcomeExplanation: ExplanationLine[] | null;
}

export interface ElectionView {
  id: string;
  positionId: string;
  termId: string;
  title: string;
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  status: ElectionStatus;
  candidacies: CandidacyView[];
  rounds: ElectionRoundView[];
  /** Once decided: the whole election (decideElection). */
  outcome: ElectionOutcome | null;
  outcomeExplanation: ExplanationLine[] | null;
}

/** Who of the entitled took part in a round, never how. */
export interface ElectionParticipationView {
  electionId: string;
  roundId: string;
  status: 'open' | 'closed';
  entitledCount: number;
  participationCount: number;
  entitled: {
    delegateId: string;
    fullName: string;
    constituency: { code: string; name: string };
    hasVoted: boolean;
  }[];
}

export interface MyElectionStandingView {
  electionId: string;
  roundId: string | null;
  status: 'open' | 'closed' | null;
  entitled: boolean;
  participated: boolean;
}

export interface PublishedBallotsView {
  electionId: string;
  roundId: string;
  ballots: { tracker: string; choice: ElectionChoice }[];
}

export type FoundBallotView =
  | { found: true; tracker: string; roundId: string; choice: ElectionChoice }
  | { found: false; reason: 'malformed' | 'absent' };

export interface SecretBallotReceipt {
  electionId: string;
  roundId: string;
  /** The tracker as published (the voter's device keeps it; the server keeps it only sealed). */
  tracker: string;
  /** `cast`: first ballot; `replaced`: a change of mind; `repeat`: a retry, nothing changed. */
  status: 'cast' | 'replaced' | 'repeat';
}
