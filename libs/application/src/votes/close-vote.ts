import type { VoteView } from '#contracts';
import {
  countedBallots,
  DomainError,
  orderBallots,
  participationHash,
  secondsUntilClosable,
  secretBallotsHash,
  tally,
  tallySecret,
  type BallotChoice,
  type AssemblyRules,
  type Tally,
  type VoteClosedPayload,
} from '#domain';
import {
  lockMotionState,
  lockSession,
  lockVoteForClose,
  markVotedItemDone,
  publishSecretQuestionBallots,
  readQuestionBox,
  readQuestionParticipantIds,
  lockMotionWithParent,
  readAgenda,
  readCurrentItemId,
  readRulesVersion,
  readVoteForCount,
  readVoteView,
  writeVoteClosed,
  type LockedVote,
} from '#persistence';
import type { DataSource } from 'typeorm';
import type { BallotBoxCipher } from '../elections/ballot-box-cipher.js';
import { amendmentLapse, applyAdoptedAmendment } from '../motions/apply-amendment.js';
import { moveMotion } from '../motions/move-motion.js';
import { issueResolution } from '../resolutions/issue-resolution.js';
import { inTransaction, type Outcome, type UnitOfWork } from '../unit-of-work.js';

export interface VoteCloser {
  by: 'moderator' | 'deadline';
  /** Who, for the public record (`user:<id>`), or null for the deadline job. */
  actor: string | null;
}

export class BallotStoreInconsistent extends Error {}
export class SecretQuestionBoxInconsistent extends Error {}
export class VoteNotDueYet extends Error {}

/**
 * Closes an open vote, counts it and settles its outcome (the motion adopted or rejected, an adopted
 * amendment applied, a resolution issued), all in the caller's transaction. The vote is locked first
 * (lockVoteForClose): ballots in flight hold its lock shared, so the close waits for them to commit and
 * any ballot arriving later sees the vote closed. Returns null when the vote was already closed.
 */
export async function closeLockedVote(
  uow: UnitOfWork,
  cipher: BallotBoxCipher,
  vote: LockedVote,
  closer: VoteCloser,
): Promise<VoteView | null> {
  if (vote.status !== 'open') return null;
  const { m } = uow;
  // Rows before the record's global lock, in the order every other writer takes them (session, then
  // motions), so a close never deadlocks with a check-in or an amendment being filed.
  await lockSession(m, vote.session_id);
  if (vote.motion_id) await lockMotionWithParent(m, vote.motion_id);
  const result = vote.secret
    ? await countSecretQuestion(uow, cipher, vote, closer)
    : await countRollCall(uow, vote, closer);

  if (vote.motion_id) await settleMotion(uow, vote, result, closer.actor);
  await uow.live(vote.session_id, 'vote.closed', (await readVoteView(m, vote.id, { withBallots: false }))!);
  if (vote.motion_id)
    await uow.live(vote.session_id, 'agenda.current_changed', {
      currentItemId: await readCurrentItemId(m, vote.session_id),
      agenda: await readAgenda(m, vote.session_id),
    });
  if (vote.kind === 'motion' && result.outcome === 'adopted') {
    await issueResolution(
      uow,
      {
        id: vote.id,
        sessionId: vote.session_id,
        motionId: vote.motion_id!,
        question: vote.question,
        rule: vote.rule,
        ruleVersion: result.ruleVersion,
        entitledListHash: vote.entitled_hash,
        tally: result,
      },
      closer.actor,
    );
  }
  uow.publicReadsChanged();
  return (await readVoteView(m, vote.id))!;
}

/** A roll-call vote's count: the standing ballots, and every revision revealed in `vote.closed`. */
async function countRollCall(uow: UnitOfWork, vote: LockedVote, closer: VoteCloser): Promise<Tally> {
  const { m } = uow;
  const { entitled, revisions, current } = await readVoteForCount(m, vote.id);
  // The current ballots must be exactly the last revisions; refusing to count otherwise beats a wrong tally.
  const last = countedBallots(revisions);
  if (
    current.length !== last.size ||
    current.some(
      (b) => last.get(b.delegate_id)?.revision !== b.revision || last.get(b.delegate_id)?.choice !== b.choice,
    )
  )
    throw new BallotStoreInconsistent(`vote ${vote.id}: current ballots differ from their last revisions`);

  const result: Tally = tally({
    rule: vote.rule,
    entitled,
    presentAtOpening: vote.present_at_opening,
    seatedAtOpening: vote.seated_at_opening,
    ballots: new Map(current.map((b) => [b.delegate_id, b.choice])),
    minimumTurnout: (await rulesOfVote(uow, vote))?.minimumTurnout ?? null,
  });
  await writeVoteClosed(m, vote.id, closer.by, result);
  const closedPayload: VoteClosedPayload = { voteId: vote.id, closedBy: closer.by, tally: result, revisions };
  await uow.record({ type: 'vote.closed', actor: closer.actor, payload: closedPayload });
  return result;
}

/**
 * A secret question's count, as an election round's close (docs/secret-ballots.md, "At the close"):
 * every sealed ballot opened, ballots = participants checked, the (tracker, choice) list published in
 * tracker order (`secret.ballots_published`, `secret_question_ballots`), the box emptied and the key
 * dropped; the tally under the vote's counting rule, then `vote.closed` with it and no revisions.
 */
async function countSecretQuestion(
  uow: UnitOfWork,
  cipher: BallotBoxCipher,
  vote: LockedVote,
  closer: VoteCloser,
): Promise<Tally> {
  const { m } = uow;
  const box = cipher.forRound(vote.id, vote.ballot_key!);
  const ballots = orderBallots(
    (await readQuestionBox(m, vote.id)).map((sealed) => box.open<BallotChoice>(sealed)),
  );
  const participants = await readQuestionParticipantIds(m, vote.id);
  if (
    ballots.length !== participants.length ||
    new Set(ballots.map((b) => b.tracker)).size !== ballots.length
  )
    throw new SecretQuestionBoxInconsistent(
      `vote ${vote.id}: ${ballots.length} ballots in the box, ${participants.length} participants`,
    );
  const { entitled } = await readVoteForCount(m, vote.id);
  const result = tallySecret({
    rule: vote.rule,
    entitled,
    presentAtOpening: vote.present_at_opening,
    seatedAtOpening: vote.seated_at_opening,
    participants,
    choices: ballots.map((b) => b.choice),
    minimumTurnout: (await rulesOfVote(uow, vote))?.minimumTurnout ?? null,
  });
  await uow.record({
    type: 'secret.ballots_published',
    actor: closer.actor,
    payload: {
      voteId: vote.id,
      closedBy: closer.by,
      ballots: ballots.map((b) => ({ tracker: b.tracker, choice: b.choice })),
      secretBallotsHash: secretBallotsHash(vote.id, ballots),
      participants,
      participationHash: participationHash(vote.id, participants),
      outcome: result,
    },
  });
  await publishSecretQuestionBallots(m, vote.id, ballots, closer.by, result);
  const closedPayload: VoteClosedPayload = {
    voteId: vote.id,
    closedBy: closer.by,
    tally: result,
    revisions: [],
  };
  await uow.record({ type: 'vote.closed', actor: closer.actor, payload: closedPayload });
  uow.checkpointAfterCommit();
  return result;
}

/** The voted motion is adopted or rejected and its agenda item is done; an adopted amendment rewrites its parent. */
async function settleMotion(
  uow: UnitOfWork,
  vote: LockedVote,
  result: Tally,
  actor: string | null,
): Promise<void> {
  const motion = (await lockMotionState(uow.m, vote.motion_id!))!;
  if (result.outcome === 'adopted') {
    if (vote.kind === 'amendment') {
      // Whether it still applies is read before the move, so the record says so in the same event.
      const lapsed = await amendmentLapse(uow, motion.id);
      await moveMotion(uow, motion, 'adopt', { record: { voteId: vote.id, lapsed } }, actor);
      if (!lapsed) await applyAdoptedAmendment(uow, motion.id, actor);
    } else {
      await moveMotion(uow, motion, 'adopt', { record: { voteId: vote.id } }, actor);
    }
  } else {
    await moveMotion(uow, motion, 'reject', { record: { voteId: vote.id } }, actor);
  }
  await markVotedItemDone(uow.m, vote.item_id);
}

/** The reglamento version a vote was opened under (none for votes opened before the rules were data). */
async function rulesOfVote(uow: UnitOfWork, vote: LockedVote): Promise<AssemblyRules | null> {
  if (vote.rules_version === null) return null;
  return (await readRulesVersion(uow.m, vote.rules_version))!.rules;
}

/** A moderator closes an open vote, once it has been open as long as its reglamento asks. */
export function closeVote(
  dataSource: DataSource,
  cipher: BallotBoxCipher,
  voteId: string,
  actor: string,
): Promise<Outcome<VoteView>> {
  return inTransaction(dataSource, async (uow) => {
    const vote = await lockVoteForClose(uow.m, voteId);
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    const rules = vote.status === 'open' ? await rulesOfVote(uow, vote) : null;
    const wait = rules ? secondsUntilClosable(rules, vote.open_ms) : 0;
    if (wait > 0) throw new DomainError('VOTE_CLOSE_TOO_EARLY', { seconds: wait });
    const closed = await closeLockedVote(uow, cipher, vote, { by: 'moderator', actor });
    if (!closed) throw new DomainError('VOTE_CLOSED');
    return closed;
  });
}

/**
 * The deadline closer (worker job or in-process timer): closes the vote if it is still open and its
 * deadline has passed by the database clock. Idempotent: a vote already closed is left alone.
 */
export function closeDueVote(
  dataSource: DataSource,
  cipher: BallotBoxCipher,
  voteId: string,
): Promise<Outcome<VoteView | null>> {
  return inTransaction(dataSource, async (uow) => {
    const vote = await lockVoteForClose(uow.m, voteId);
    if (!vote || vote.status !== 'open') return null;
    if (!vote.due) throw new VoteNotDueYet(`vote ${voteId} is not due yet`);
    return closeLockedVote(uow, cipher, vote, { by: 'deadline', actor: null });
  });
}
