import { assemblyToday, DomainError } from '#domain';
import {
  constraintViolation,
  insertCandidacy,
  lockElection,
  readCandidacy,
  readCandidateDelegate,
  writeCandidacyStatus,
  type CandidacyRow,
  type ElectionRow,
} from '#persistence';
import { randomUUID } from 'node:crypto';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { candidacyView, type CandidacyView } from './election-views.js';

async function nominatingElection(uow: UnitOfWork, electionId: string, action: string): Promise<ElectionRow> {
  const election = await lockElection(uow.m, electionId);
  if (!election) throw new DomainError('ELECTION_NOT_FOUND');
  if (election.status !== 'nominating')
    throw new DomainError('ELECTION_STATE_INVALID', { status: election.status, action });
  return election;
}

/**
 * A delegate stands (no `candidateId`, or their own) or nominates another active delegate, who must then
 * accept. One candidacy per person and election; only while the election takes candidacies.
 */
export async function nominateCandidate(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  electionId: string,
  input: { candidateId?: string },
): Promise<CandidacyView> {
  const nominator = await actingDelegate(uow, caller);
  const election = await nominatingElection(uow, electionId, 'nominate');
  const candidateId = input.candidateId?.toLowerCase() ?? nominator.id;
  const candidate = await readCandidateDelegate(uow.m, candidateId, assemblyToday());
  if (!candidate) throw new DomainError('CANDIDATE_NOT_DELEGATE');
  const self = candidate.id === nominator.id;
  const row = {
    id: randomUUID(),
    election_id: election.id,
    delegate_id: candidate.id,
    nominated_by: nominator.id,
    status: self ? ('accepted' as const) : ('proposed' as const),
  };
  try {
    await insertCandidacy(uow.m, row);
  } catch (error) {
    if (constraintViolation(error).code === '23505') throw new DomainError('CANDIDACY_EXISTS');
    throw error;
  }
  await uow.record({
    type: self ? 'candidacy.accepted' : 'candidacy.proposed',
    actor: actorOf(caller),
    payload: {
      electionId: election.id,
      candidacyId: row.id,
      candidateId: candidate.id,
      nominatedBy: nominator.id,
    },
  });
  uow.publicReadsChanged();
  return candidacyView((await readCandidacy(uow.m, election.id, row.id))!);
}

/** The candidate accepts a nomination, or withdraws their candidacy (before the first round opens). */
export async function answerCandidacy(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  electionId: string,
  candidacyId: string,
  answer: 'accept' | 'withdraw',
): Promise<CandidacyView> {
  const delegate = await actingDelegate(uow, caller);
  const election = await nominatingElection(uow, electionId, answer);
  const candidacy: CandidacyRow | null = await readCandidacy(uow.m, election.id, candidacyId);
  if (!candidacy) throw new DomainError('CANDIDACY_NOT_FOUND');
  if (candidacy.delegate_id !== delegate.id) throw new DomainError('CANDIDACY_NOT_YOURS');
  const allowed = answer === 'accept' ? candidacy.status === 'proposed' : candidacy.status !== 'withdrawn';
  if (!allowed) throw new DomainError('CANDIDACY_STATE_INVALID', { status: candidacy.status });
  const status = answer === 'accept' ? 'accepted' : 'withdrawn';
  await writeCandidacyStatus(uow.m, candidacy.id, status);
  await uow.record({
    type: answer === 'accept' ? 'candidacy.accepted' : 'candidacy.withdrawn',
    actor: actorOf(caller),
    payload: {
      electionId: election.id,
      candidacyId: candidacy.id,
      candidateId: candidacy.delegate_id,
      nominatedBy: candidacy.nominated_by,
    },
  });
  uow.publicReadsChanged();
  return candidacyView({ ...candidacy, status });
}
