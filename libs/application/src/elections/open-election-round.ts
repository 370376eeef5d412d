import {
  checkElectionSpec,
  computeQuorum,
  DomainError,
  freezeEntitledList,
  runoffSpec,
  type ElectionBallotSpec,
  type FirstRoundOutcome,
} from '#domain';
import {
  hasOpenElectionRound,
  hasOpenVote,
  insertRound,
  lockElection,
  readCandidacies,
  readPresentDelegateIds,
  readRounds,
  readSeats,
  writeElectionStatus,
} from '#persistence';
import { randomUUID } from 'node:crypto';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import { lockedSession } from '../sessions/locked-session.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { BallotBoxCipher } from './ballot-box-cipher.js';
import { readElectionView, roundSpec, type ElectionView } from './election-views.js';

export interface OpenElectionRoundInput {
  sessionId: string;
  durationSeconds?: number;
}

/**
 * A moderator opens the election's next round in an open session, like a vote: one vote or round at a
 * time, quorum, the entitled list frozen and hashed, an optional deadline. The first round's ballot
 * names the accepted candidacies; a run-off's, those the first round sent to it. The round gets a
 * ballot key of its own (sealed under SECRETS_KEY). The hash of the first round's `election.opened`
 * event seeds any drawing of lots.
 */
export async function openElectionRound(
  uow: UnitOfWork,
  cipher: BallotBoxCipher,
  actor: string,
  electionId: string,
  input: OpenElectionRoundInput,
): Promise<ElectionView> {
  const { m } = uow;
  const session = await lockedSession(uow, input.sessionId);
  if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
  const election = await lockElection(m, electionId);
  if (!election) throw new DomainError('ELECTION_NOT_FOUND');
  if (election.status !== 'nominating' && election.status !== 'runoff_pending')
    throw new DomainError('ELECTION_STATE_INVALID', { status: election.status, action: 'open' });
  if ((await hasOpenVote(m, session.id)) || (await hasOpenElectionRound(m, session.id)))
    throw new DomainError('VOTE_IN_PROGRESS');
  const reglamento = await rulesInForceNow(m);
  if (input.durationSeconds !== undefined && input.durationSeconds < reglamento.rules.minimumOpenSeconds)
    throw new DomainError('VOTE_DEADLINE_TOO_SHORT', { seconds: reglamento.rules.minimumOpenSeconds });

  const rounds = await readRounds(m, election.id);
  const first = rounds.find((r) => r.round === 'first');
  let spec: ElectionBallotSpec;
  if (!first) {
    const accepted = (await readCandidacies(m, election.id)).filter((c) => c.status === 'accepted');
    spec = {
      method: election.method,
      seats: election.seats,
      candidates: accepted.map((c) => c.delegate_id).sort(),
      ...(election.max_choices !== null ? { maxChoices: election.max_choices } : {}),
    };
  } else {
    spec = runoffSpec(roundSpec(first), first.outcome as FirstRoundOutcome);
  }
  const problem = checkElectionSpec(spec);
  if (problem) throw new DomainError(problem.code, problem.params);

  const roundId = randomUUID();
  const seats = await readSeats(m);
  const checkedIn = new Set(await readPresentDelegateIds(m, session.id));
  const quorum = computeQuorum(seats, checkedIn, reglamento.rules.quorum);
  if (!quorum.hasQuorum)
    throw new DomainError('NO_QUORUM', { present: quorum.present, required: quorum.required });
  const entitled = freezeEntitledList(roundId, seats, checkedIn, reglamento.rules.quorum);
  const { sealedKey } = cipher.newKey(roundId);
  const round = first ? 'runoff' : 'first';
  const maxChoices = spec.maxChoices ?? null;
  const deadline =
    input.durationSeconds === undefined ? null : new Date(Date.now() + input.durationSeconds * 1000);
  const opened = await uow.record({
    type: 'election.opened',
    actor,
    payload: {
      electionId: election.id,
      roundId,
      round,
      sessionId: session.id,
      method: spec.method,
      seats: spec.seats,
      maxChoices,
      candidates: [...spec.candidates],
      entitled: entitled.delegateIds,
      entitledListHash: entitled.hash,
      presentAtOpening: entitled.presentAtOpening,
      seatedAtOpening: entitled.seatedAtOpening,
      deadline: deadline?.toISOString() ?? null,
    },
  });
  await insertRound(m, {
    id: roundId,
    election_id: election.id,
    round,
    session_id: session.id,
    method: spec.method,
    seats: spec.seats,
    max_choices: maxChoices,
    candidates: [...spec.candidates],
    entitled_hash: entitled.hash,
    present_at_opening: entitled.presentAtOpening,
    seated_at_opening: entitled.seatedAtOpening,
    lot_seed: first ? first.lot_seed : opened.hash,
    ballot_key: sealedKey,
    opened_by: actor,
    deadline,
    entitled: entitled.delegateIds,
  });
  await writeElectionStatus(m, election.id, 'voting');
  const view = await readElectionView(m, election.id);
  await uow.live(session.id, 'election.opened', view);
  uow.publicReadsChanged();
  return view;
}
