import {
  assemblyToday,
  canonicalJson,
  checkElectionBallot,
  decideSecretBallot,
  DomainError,
  parseTrackerCode,
} from '#domain';
import {
  constraintViolation,
  insertSecretBallot,
  lockLatestRound,
  lockSittingDelegateOfUser,
  readBoxRow,
  readPublishedBallot,
  readRoundParticipation,
  readSecretVoterFacts,
  replaceSecretBallot,
} from '#persistence';
import type { SecretBallotReceipt } from '#contracts';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { BallotBoxCipher } from './ballot-box-cipher.js';
import { roundSpec } from './election-views.js';

export type { SecretBallotReceipt };

/**
 * A delegate's secret ballot in the election's current round (docs/secret-ballots.md): the choice is
 * checked by the method, then decideSecretBallot rules on it. A first ballot adds the delegate to the
 * participation list (public, `secret.participated`) and the sealed ballot to the box, found later by
 * its tracker alone; a change of mind with the same tracker re-seals it; a retry changes nothing.
 */
export async function castSecretBallot(
  uow: UnitOfWork,
  cipher: BallotBoxCipher,
  caller: Pick<Caller, 'id'>,
  electionId: string,
  input: { tracker: string; choice: unknown },
): Promise<SecretBallotReceipt> {
  const { m } = uow;
  const delegate = await lockSittingDelegateOfUser(m, caller.id, assemblyToday());
  if (!delegate) throw new DomainError('DELEGATE_NOT_ACTIVE');
  const round = await lockLatestRound(m, electionId, 'share');
  if (!round) throw new DomainError('VOTE_NOT_FOUND');
  const check = checkElectionBallot(roundSpec(round), input.choice);
  if (!check.ok) throw new DomainError(check.code, check.params);
  const choiceKey = canonicalJson(check.choice);
  const facts = await readSecretVoterFacts(m, round, delegate.id);
  const tracker = parseTrackerCode(input.tracker);
  const box = round.status === 'open' ? cipher.forRound(round.id, round.ballot_key!) : null;
  let underTracker: { choiceKey: string; own: boolean } | null = null;
  if (tracker && box) {
    const row = await readBoxRow(m, round.id, box.lookup(tracker));
    if (row) {
      const opened = box.open(row.sealed);
      if (opened.tracker !== tracker)
        throw new Error(`round ${round.id}: a box row opens to another tracker`);
      underTracker = {
        choiceKey: canonicalJson(opened.choice),
        own: box.owns(row.ownerTag, delegate.id, tracker),
      };
    }
  } else if (tracker) {
    const published = await readPublishedBallot(m, round.id, tracker);
    // Published, it is public: a retry of it is answered whoever sends it.
    if (published) underTracker = { choiceKey: canonicalJson(published.choice), own: true };
  }
  const decision = decideSecretBallot(
    {
      delegateActive: true,
      vote: { open: round.status === 'open', pastDeadline: round.due === true },
      entitled: facts.entitled,
      present: facts.present,
      participated: facts.participated,
      underTracker,
    },
    { tracker: input.tracker, choiceKey },
  );
  if (decision.kind === 'refuse') throw new DomainError(decision.code);
  const receipt = { electionId, roundId: round.id, tracker: decision.tracker };
  if (decision.kind === 'repeat') return { ...receipt, status: 'repeat' };
  const sealed = box!.seal({ tracker: decision.tracker, choice: check.choice });
  if (decision.kind === 'replace') {
    await replaceSecretBallot(m, round.id, box!.lookup(decision.tracker), sealed);
    return { ...receipt, status: 'replaced' };
  }
  try {
    await insertSecretBallot(m, round.id, delegate.id, {
      lookup: box!.lookup(decision.tracker),
      ownerTag: box!.ownerTag(delegate.id, decision.tracker),
      sealed,
    });
  } catch (error) {
    // Another delegate's first ballot took the same tracker a moment earlier (it waited on the key).
    if (constraintViolation(error).constraint === 'secret_ballot_box_pkey')
      throw new DomainError('TRACKER_TAKEN');
    throw error;
  }
  await uow.record({
    type: 'secret.participated',
    actor: actorOf(caller),
    payload: { voteId: round.id, delegateId: delegate.id },
  });
  const participation = await readRoundParticipation(m, round.id);
  await uow.live(round.session_id, 'election.progress', {
    electionId,
    roundId: round.id,
    entitledCount: participation.length,
    participationCount: participation.filter((p) => p.has_voted).length,
  });
  return { ...receipt, status: 'cast' };
}
