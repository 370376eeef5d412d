import {
  DomainError,
  explainElection,
  explainMethod,
  explainRound,
  type ElectionBallotSpec,
  type ElectionOutcome,
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
import type { CandidacyView, ElectionRoundView, ElectionView } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';

export type { CandidacyView, ElectionRoundView, ElectionView };

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

async function roundView(
  source: Source,
  round: RoundRow,
  name: (id: string) => string,
): Promise<ElectionRoundView> {
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
    outcomeExplanation: round.status === 'closed' && round.outcome ? explainRound(round.outcome, name) : null,
  };
}

export async function electionView(source: Source, election: ElectionRow): Promise<ElectionView> {
  const rounds = await readRounds(source, election.id);
  const candidacies = await readCandidacies(source, election.id);
  const names = new Map(candidacies.map((c) => [c.delegate_id, c.full_name]));
  const name = (id: string) => names.get(id) ?? id;
  const outcome = election.status === 'decided' ? (election.outcome as ElectionOutcome) : null;
  return {
    id: election.id,
    positionId: election.position_id,
    termId: election.term_id,
    title: election.title,
    method: election.method,
    seats: election.seats,
    maxChoices: election.max_choices,
    status: election.status,
    candidacies: candidacies.map(candidacyView),
    rounds: await Promise.all(rounds.map((round) => roundView(source, round, name))),
    outcome,
    outcomeExplanation: outcome ? explainElection(outcome, name) : null,
  };
}

export async function readElectionView(source: Source, id: string): Promise<ElectionView> {
  const election = await readElection(source, id);
  if (!election) throw new DomainError('ELECTION_NOT_FOUND');
  return electionView(source, election);
}

export async function readElectionViews(source: Source, sessionId?: string): Promise<ElectionView[]> {
  return Promise.all(
    (await readElections(source, sessionId)).map((election) => electionView(source, election)),
  );
}
