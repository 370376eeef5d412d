import {
  DomainError,
  explainMethod,
  type ElectionBallotSpec,
  type ElectionMethod,
  type ElectionOutcome,
  type FirstRoundOutcome,
  type RunoffOutcome,
} from '#domain';
import {
  readCandidacies,
  readElection,
  readElections,
  readRoundParticipation,
  readRounds,
  type CandidacyRow,
  type ElectionRow,
  type RoundRow,
} from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

export interface CandidacyView {
  id: string;
  candidateId: string;
  fullName: string;
  nominatedBy: string;
  status: CandidacyRow['status'];
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
}

export interface ElectionView {
  id: string;
  positionId: string;
  termId: string;
  title: string;
  method: ElectionMethod;
  seats: number;
  maxChoices: number | null;
  status: ElectionRow['status'];
  candidacies: CandidacyView[];
  rounds: ElectionRoundView[];
  /** Once decided: the whole election (decideElection). */
  outcome: ElectionOutcome | null;
}

type Source = DataSource | EntityManager;

export const candidacyView = (row: CandidacyRow): CandidacyView => ({
  id: row.id,
  candidateId: row.delegate_id,
  fullName: row.full_name,
  nominatedBy: row.nominated_by,
  status: row.status,
});

export function roundSpec(
  round: Pick<RoundRow, 'method' | 'seats' | 'max_choices' | 'candidates'>,
): ElectionBallotSpec {
  return {
    method: round.method,
    seats: round.seats,
    candidates: [...round.candidates].sort(),
    ...(round.max_choices !== null ? { maxChoices: round.max_choices } : {}),
  };
}

async function roundView(source: Source, round: RoundRow): Promise<ElectionRoundView> {
  const participation = await readRoundParticipation(source, round.id);
  return {
    id: round.id,
    round: round.round,
    sessionId: round.session_id,
    status: round.status,
    method: round.method,
    seats: round.seats,
    maxChoices: round.max_choices,
    candidates: [...round.candidates].sort(),
    explanation: explainMethod(roundSpec(round)),
    entitledListHash: round.entitled_hash,
    entitledCount: participation.length,
    participationCount: participation.filter((p) => p.has_voted).length,
    openedAt: round.opened_at.toISOString(),
    deadline: round.deadline?.toISOString() ?? null,
    closedAt: round.closed_at?.toISOString() ?? null,
    closedBy: round.closed_by,
    outcome: round.status === 'closed' ? round.outcome : null,
  };
}

export async function electionView(source: Source, election: ElectionRow): Promise<ElectionView> {
  const rounds = await readRounds(source, election.id);
  return {
    id: election.id,
    positionId: election.position_id,
    termId: election.term_id,
    title: election.title,
    method: election.method,
    seats: election.seats,
    maxChoices: election.max_choices,
    status: election.status,
    candidacies: (await readCandidacies(source, election.id)).map(candidacyView),
    rounds: await Promise.all(rounds.map((round) => roundView(source, round))),
    outcome: election.status === 'decided' ? (election.outcome as ElectionOutcome) : null,
  };
}

export async function readElectionView(source: Source, id: string): Promise<ElectionView> {
  const election = await readElection(source, id);
  if (!election) throw new DomainError('ELECTION_NOT_FOUND');
  return electionView(source, election);
}

export async function readElectionViews(source: Source): Promise<ElectionView[]> {
  return Promise.all((await readElections(source)).map((election) => electionView(source, election)));
}
