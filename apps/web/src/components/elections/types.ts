/**
 * Elections as the API serves them (GET /api/elections[/:id], libs/application/src/elections/election-views.ts).
 * The outcome shapes are the domain's own (libs/domain/src/elections/election-outcome.ts).
 */
import type { ElectionChoice, ElectionMethod } from '#domain/elections/election-method';
import type { ElectionOutcome, FirstRoundOutcome, RunoffOutcome } from '#domain/elections/election-outcome';

export type { ElectionChoice, ElectionMethod, ElectionOutcome, FirstRoundOutcome, RunoffOutcome };

export interface Candidacy {
  id: string;
  candidateId: string;
  fullName: string;
  nominatedBy: string;
  status: 'proposed' | 'accepted' | 'withdrawn';
}

export interface ElectionRound {
  id: string;
  round: 'first' | 'runoff';
  sessionId: string;
  status: 'open' | 'closed';
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  candidates: string[];
  explanation: { es: string; en: string };
  entitledListHash: string;
  entitledCount: number;
  participationCount: number;
  openedAt: string;
  deadline: string | null;
  closedAt: string | null;
  closedBy: 'moderator' | 'deadline' | null;
  outcome: FirstRoundOutcome | RunoffOutcome | null;
}

export interface Election {
  id: string;
  positionId: string;
  termId: string;
  title: string;
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  status: 'nominating' | 'voting' | 'runoff_pending' | 'decided';
  candidacies: Candidacy[];
  rounds: ElectionRound[];
  outcome: ElectionOutcome | null;
}

export interface Participation {
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

export type FoundBallot =
  | { found: true; tracker: string; roundId: string; choice: ElectionChoice }
  | { found: false; reason: 'malformed' | 'absent' };

export interface SecretBallotReceipt {
  electionId: string;
  roundId: string;
  tracker: string;
  status: 'cast' | 'replaced' | 'repeat';
}

/** The election's round in this session: the open one, else the latest. */
export function roundIn(election: Election, sessionId: string): ElectionRound | null {
  const here = election.rounds.filter((r) => r.sessionId === sessionId);
  return here.find((r) => r.status === 'open') ?? here.at(-1) ?? null;
}

/** Candidate names by delegate id, from the candidacies. */
export function candidateNames(election: Election): Map<string, string> {
  return new Map(election.candidacies.map((c) => [c.candidateId, c.fullName]));
}
