/** Elections as the API serves them (libs/contracts/src/elections.ts), under the web client's names. */
import type {
  CandidacyView,
  ElectionChoice,
  ElectionMethod,
  ElectionParticipationView,
  ElectionRoundView,
  ElectionView,
  FoundBallotView,
  SecretBallotReceipt,
} from '#contracts';

export type { ElectionChoice, ElectionMethod, SecretBallotReceipt };
export type Candidacy = CandidacyView;
export type ElectionRound = ElectionRoundView;
export type Election = ElectionView;
export type Participation = ElectionParticipationView;
export type FoundBallot = FoundBallotView;

/** The election's round in this session: the open one, else the latest. */
export function roundIn(election: Election, sessionId: string): ElectionRound | null {
  const here = election.rounds.filter((r) => r.sessionId === sessionId);
  return here.find((r) => r.status === 'open') ?? here.at(-1) ?? null;
}

/** Candidate names by delegate id, from the candidacies. */
export function candidateNames(election: Election): Map<string, string> {
  return new Map(election.candidacies.map((c) => [c.candidateId, c.fullName]));
}
