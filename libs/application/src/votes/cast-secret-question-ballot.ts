import type { SecretQuestionChoice, SecretQuestionReceipt } from '#contracts';
import { assemblyToday, BALLOT_CHOICES, decideSecretBallot, DomainError, parseTrackerCode } from '#domain';
import {
  constraintViolation,
  holdVoteForBallot,
  insertSecretQuestionBallot,
  lockSittingDelegateOfUser,
  readQuestionBallot,
  readQuestionBoxRow,
  readSecretQuestionVoterFacts,
  readVoteForSecretBallot,
  replaceSecretQuestionBallot,
} from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { BallotBoxCipher } from '../elections/ballot-box-cipher.js';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * A delegate's ballot in a secret question (docs/secret-ballots.md): the same rules as an election
 * round's (decideSecretBallot). A first ballot adds the delegate to the participation list (public,
 * `secret.participated`) and the sealed (tracker, choice) to the vote's box, found later by its tracker
 * alone; a change of mind with the same tracker re-seals it; a retry changes nothing. The vote's
 * advisory lock is held shared, as a roll-call ballot holds it, so the close waits for the ballot.
 */
export async function castSecretQuestionBallot(
  uow: UnitOfWork,
  cipher: BallotBoxCipher,
  caller: Pick<Caller, 'id'>,
  voteId: string,
  input: { tracker: string; choice: SecretQuestionChoice },
): Promise<SecretQuestionReceipt> {
  const { m } = uow;
  const delegate = await lockSittingDelegateOfUser(m, caller.id, assemblyToday());
  if (!delegate) throw new DomainError('DELEGATE_NOT_ACTIVE');
  await holdVoteForBallot(m, voteId);
  const vote = await readVoteForSecretBallot(m, voteId);
  if (!vote) throw new DomainError('VOTE_NOT_FOUND');
  if (!vote.secret) throw new DomainError('VOTE_NOT_SECRET');
  // The route validates it too; checked here as well, for a choice the close could not count would
  // leave the vote unclosable.
  if (!(BALLOT_CHOICES as readonly string[]).includes(input.choice))
    throw new DomainError('VALIDATION_FAILED');
  const facts = await readSecretQuestionVoterFacts(m, vote, delegate.id);
  const tracker = parseTrackerCode(input.tracker);
  const box = vote.status === 'open' ? cipher.forRound(vote.id, vote.ballot_key!) : null;
  let underTracker: { choiceKey: string; own: boolean } | null = null;
  if (tracker && box) {
    const row = await readQuestionBoxRow(m, vote.id, box.lookup(tracker));
    if (row) {
      const opened = box.open(row.sealed);
      if (opened.tracker !== tracker) throw new Error(`vote ${vote.id}: a box row opens to another tracker`);
      underTracker = {
        choiceKey: JSON.stringify(opened.choice),
        own: box.owns(row.ownerTag, delegate.id, tracker),
      };
    }
  } else if (tracker) {
    const published = await readQuestionBallot(m, vote.id, tracker);
    // Published, it is public: a retry of it is answered whoever sends it.
    if (published) underTracker = { choiceKey: JSON.stringify(published.choice), own: true };
  }
  const decision = decideSecretBallot(
    {
      delegateActive: true,
      vote: { open: vote.status === 'open', pastDeadline: vote.due },
      entitled: facts.entitled,
      present: facts.present,
      participated: facts.participated,
      underTracker,
    },
    { tracker: input.tracker, choiceKey: JSON.stringify(input.choice) },
  );
  if (decision.kind === 'refuse') throw new DomainError(decision.code);
  const receipt = { voteId: vote.id, tracker: decision.tracker };
  if (decision.kind === 'repeat') return { ...receipt, status: 'repeat' };
  const sealed = box!.seal({ tracker: decision.tracker, choice: input.choice });
  if (decision.kind === 'replace') {
    await replaceSecretQuestionBallot(m, vote.id, box!.lookup(decision.tracker), sealed);
    return { ...receipt, status: 'replaced' };
  }
  try {
    await insertSecretQuestionBallot(m, vote.id, delegate.id, {
      lookup: box!.lookup(decision.tracker),
      ownerTag: box!.ownerTag(delegate.id, decision.tracker),
      sealed,
    });
  } catch (error) {
    // Another delegate's first ballot took the same tracker a moment earlier (it waited on the key).
    if (constraintViolation(error).constraint === 'secret_question_box_pkey')
      throw new DomainError('TRACKER_TAKEN');
    throw error;
  }
  await uow.record({
    type: 'secret.participated',
    actor: actorOf(caller),
    payload: { voteId: vote.id, delegateId: delegate.id },
  });
  // The participation count goes out with the coalesced `vote.progress` (readUnannouncedProgress).
  return { ...receipt, status: 'cast' };
}
