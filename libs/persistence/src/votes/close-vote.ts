import type { VoteView } from '#contracts';
import {
  countedBallots,
  tally,
  transitionMotion,
  type BallotChoice,
  type BallotReveal,
  type CountingRule,
  type MotionStatus,
  type Tally,
  type VoteClosedPayload,
} from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { appendLedgerEvent } from '../ledger/ledger-writer.js';
import { amendmentLapse, applyAdoptedAmendment } from '../motions/apply-amendment.js';
import { enqueueLiveEvent } from '../outbox/outbox-writer.js';
import { readAgenda, readCurrentItemId } from '../sessions/agenda-view.js';
import { issueResolution } from '../resolutions/issue-resolution.js';
import { holdVoteForClose } from './vote-locks.js';
import { readVoteView } from './vote-view.js';

export interface VoteCloser {
  by: 'moderator' | 'deadline';
  /** Who, for the public record (`user:<id>`), or null for the deadline job. */
  actor: string | null;
}

interface LockedVote {
  id: string;
  session_id: string;
  item_id: string;
  motion_id: string | null;
  kind: 'motion' | 'amendment' | 'procedural';
  question: string;
  rule: CountingRule;
  status: 'open' | 'closed';
  present_at_opening: number;
  seated_at_opening: number;
  entitled_hash: string;
  due: boolean;
}

export class BallotStoreInconsistent extends Error {}

export async function lockVote(m: EntityManager, voteId: string): Promise<LockedVote | undefined> {
  await holdVoteForClose(m, voteId);
  const rows: LockedVote[] = await m.query(
    `SELECT id, session_id, item_id, motion_id, kind, question, rule, status, present_at_opening, seated_at_opening,
            entitled_hash, (deadline IS NOT NULL AND deadline <= now()) AS due
     FROM votes WHERE id = $1 FOR UPDATE`,
    [voteId],
  );
  return rows[0];
}

/**
 * Closes an open vote, counts it and settles its outcome, all in the caller's transaction. The vote row
 * is locked FOR UPDATE: ballots in flight hold it FOR SHARE, so the close waits for them to commit and
 * any ballot arriving later sees the vote closed. Returns null when the vote was already closed.
 */
export async function closeLockedVote(
  m: EntityManager,
  vote: LockedVote,
  closer: VoteCloser,
): Promise<VoteView | null> {
  if (vote.status !== 'open') return null;
  // Rows before the record's global lock, in the order every other writer takes them (session, then
  // motions), so a close never deadlocks with a check-in or an amendment being filed.
  await m.query(`SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE`, [vote.session_id]);
  if (vote.motion_id)
    await m.query(
      `SELECT 1 FROM motions WHERE id = $1 OR id = (SELECT parent_id FROM motions WHERE id = $1) ORDER BY id FOR UPDATE`,
      [vote.motion_id],
    );
  const entitled: { delegate_id: string }[] = await m.query(
    `SELECT delegate_id FROM vote_entitlements WHERE vote_id = $1 ORDER BY delegate_id`,
    [vote.id],
  );
  const revisions: BallotReveal[] = await m.query(
    `SELECT delegate_id AS "delegateId", revision, choice, nonce FROM ballot_revisions
     WHERE vote_id = $1 ORDER BY delegate_id, revision`,
    [vote.id],
  );
  const current: { delegate_id: string; revision: number; choice: BallotChoice }[] = await m.query(
    `SELECT delegate_id, revision, choice FROM ballots WHERE vote_id = $1`,
    [vote.id],
  );
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
    entitled: entitled.map((e) => e.delegate_id),
    presentAtOpening: vote.present_at_opening,
    seatedAtOpening: vote.seated_at_opening,
    ballots: new Map(current.map((b) => [b.delegate_id, b.choice])),
  });
  await m.query(
    `UPDATE votes SET status = 'closed', closed_at = now(), closed_by = $2, tally = $3, outcome = $4 WHERE id = $1`,
    [vote.id, closer.by, JSON.stringify(result), result.outcome],
  );
  const closedPayload: VoteClosedPayload = { voteId: vote.id, closedBy: closer.by, tally: result, revisions };
  await appendLedgerEvent(m, {
    type: 'vote.closed',
    subject: `vote:${vote.id}`,
    actor: closer.actor,
    payload: closedPayload,
  });

  if (vote.motion_id) await settleMotion(m, vote, result, closer.actor);
  await enqueueLiveEvent(
    m,
    vote.session_id,
    'vote.closed',
    (await readVoteView(m, vote.id, { withBallots: false }))!,
  );
  if (vote.motion_id)
    await enqueueLiveEvent(m, vote.session_id, 'agenda.current_changed', {
      currentItemId: await readCurrentItemId(m, vote.session_id),
      agenda: await readAgenda(m, vote.session_id),
    });
  if (vote.kind === 'motion' && result.outcome === 'adopted') {
    await issueResolution(
      m,
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
  return (await readVoteView(m, vote.id))!;
}

/** The voted motion is adopted or rejected and its agenda item is done; an adopted amendment rewrites its parent. */
async function settleMotion(
  m: EntityManager,
  vote: LockedVote,
  result: Tally,
  actor: string | null,
): Promise<void> {
  const motionId = vote.motion_id!;
  const [motion]: { number: string; status: MotionStatus }[] = await m.query(
    `SELECT number, status FROM motions WHERE id = $1 FOR UPDATE`,
    [motionId],
  );
  const action = result.outcome === 'adopted' ? 'adopt' : 'reject';
  const status = transitionMotion(motion!.status, action);
  await m.query(`UPDATE motions SET status = $2, updated_at = now() WHERE id = $1`, [motionId, status]);
  let amendment:
    { appliedVersion: number | null; lapsed: { reason: string; detail: string } | null } | undefined;
  if (vote.kind === 'amendment' && status === 'adopted') {
    const lapsed = await amendmentLapse(m, motionId);
    amendment = { lapsed, appliedVersion: null };
    await appendLedgerEvent(m, {
      type: `motion.${status}`,
      subject: `motion:${motionId}`,
      actor,
      payload: {
        motionId,
        number: motion!.number,
        from: motion!.status,
        to: status,
        voteId: vote.id,
        lapsed,
      },
    });
    if (!lapsed) amendment.appliedVersion = await applyAdoptedAmendment(m, motionId, actor);
  } else {
    await appendLedgerEvent(m, {
      type: `motion.${status}`,
      subject: `motion:${motionId}`,
      actor,
      payload: { motionId, number: motion!.number, from: motion!.status, to: status, voteId: vote.id },
    });
  }
  await m.query(`UPDATE agenda_items SET status = 'done' WHERE id = $1 AND status = 'voting'`, [
    vote.item_id,
  ]);
}

export class VoteNotDueYet extends Error {}

/**
 * The deadline closer (worker job or in-process timer): closes the vote if it is still open and its
 * deadline has passed by the database clock. Idempotent: a vote already closed is left alone.
 */
export async function closeDueVote(dataSource: DataSource, voteId: string): Promise<VoteView | null> {
  return dataSource.transaction(async (m) => {
    const vote = await lockVote(m, voteId);
    if (!vote || vote.status !== 'open') return null;
    if (!vote.due) throw new VoteNotDueYet(`vote ${voteId} is not due yet`);
    return closeLockedVote(m, vote, { by: 'deadline', actor: null });
  });
}
