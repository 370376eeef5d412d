import type { VoteView } from '#contracts';
import {
  countedBallots,
  DomainError,
  secondsUntilClosable,
  tally,
  type AssemblyRules,
  type Tally,
  type VoteClosedPayload,
} from '#domain';
import {
  lockMotionState,
  lockSession,
  lockVoteForClose,
  markVotedItemDone,
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
export class VoteNotDueYet extends Error {}

/**
 * Closes an open vote, counts it and settles its outcome (the motion adopted or rejected, an adopted
 * amendment applied, a resolution issued), all in the caller's transaction. The vote is locked first
 * (lockVoteForClose): ballots in flight hold its lock shared, so the close waits for them to commit and
 * any ballot arriving later sees the vote closed. Returns null when the vote was already closed.
 */
export async function closeLockedVote(
  uow: UnitOfWork,
  vote: LockedVote,
  closer: VoteCloser,
): Promise<VoteView | null> {
  if (vote.status !== 'open') return null;
  const { m } = uow;
  // Rows before the record's global lock, in the order every other writer takes them (session, then
  // motions), so a close never deadlocks with a check-in or an amendment being filed.
  await lockSession(m, vote.session_id);
  if (vote.motion_id) await lockMotionWithParent(m, vote.motion_id);
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
export function closeVote(dataSource: DataSource, voteId: string, actor: string): Promise<Outcome<VoteView>> {
  return inTransaction(dataSource, async (uow) => {
    const vote = await lockVoteForClose(uow.m, voteId);
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    const rules = vote.status === 'open' ? await rulesOfVote(uow, vote) : null;
    const wait = rules ? secondsUntilClosable(rules, vote.open_ms) : 0;
    if (wait > 0) throw new DomainError('VOTE_CLOSE_TOO_EARLY', { seconds: wait });
    const closed = await closeLockedVote(uow, vote, { by: 'moderator', actor });
    if (!closed) throw new DomainError('VOTE_CLOSED');
    return closed;
  });
}

/**
 * The deadline closer (worker job or in-process timer): closes the vote if it is still open and its
 * deadline has passed by the database clock. Idempotent: a vote already closed is left alone.
 */
export function closeDueVote(dataSource: DataSource, voteId: string): Promise<Outcome<VoteView | null>> {
  return inTransaction(dataSource, async (uow) => {
    const vote = await lockVoteForClose(uow.m, voteId);
    if (!vote || vote.status !== 'open') return null;
    if (!vote.due) throw new VoteNotDueYet(`vote ${voteId} is not due yet`);
    return closeLockedVote(uow, vote, { by: 'deadline', actor: null });
  });
}
