import { DomainError, transitionSession, type SessionAction } from '#domain';
import { deferUnfinishedItems, hasOpenElectionRound, hasOpenVote, writeSessionStatus } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { currentItemChanged, moveItemMotion } from './agenda-effects.js';
import { lockedSession } from './locked-session.js';
import { attendanceView } from './session-views.js';

/** The record event and the live event of each change: the same name. */
const SESSION_EVENT = {
  open: 'session.opened',
  suspend: 'session.suspended',
  resume: 'session.resumed',
  close: 'session.closed',
} as const satisfies Record<SessionAction, string>;

/**
 * Opens, suspends, resumes or closes a session, with the quorum at that moment in the record. Closing
 * defers what was not dealt with and asks for the minutes.
 */
export async function changeSessionStatus(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  action: SessionAction,
): Promise<void> {
  const session = await lockedSession(uow, sessionId);
  const status = transitionSession(session.status, action);
  if (action === 'suspend' || action === 'close') {
    // Ballots keep their place only while the session runs: a vote is closed before the session pauses or ends.
    if ((await hasOpenVote(uow.m, sessionId)) || (await hasOpenElectionRound(uow.m, sessionId)))
      throw new DomainError('VOTE_IN_PROGRESS');
  }
  if (action === 'close') await deferUnfinished(uow, actorOf(caller), sessionId);
  await writeSessionStatus(uow.m, sessionId, status, action);
  const attendance = await attendanceView(uow.m, sessionId, (await rulesInForceNow(uow.m)).rules.quorum);
  await uow.record({
    type: SESSION_EVENT[action],
    actor: actorOf(caller),
    payload: { sessionId, from: session.status, to: status, quorum: attendance.quorum },
  });
  await uow.live(sessionId, SESSION_EVENT[action], { status, quorum: attendance.quorum });
  if (status === 'closed') {
    await uow.job('documents.render-minutes', { sessionId });
    uow.checkpointAfterCommit();
  }
}

/**
 * Adjourning leaves nothing half-way: items not dealt with (pending, or still in debate) are deferred
 * and their motions go back to admitted, to be scheduled in another session — each in the record.
 */
async function deferUnfinished(uow: UnitOfWork, actor: string, sessionId: string): Promise<void> {
  const items = await deferUnfinishedItems(uow.m, sessionId);
  if (items.length === 0) return;
  for (const item of items) {
    await uow.record({
      type: 'agenda.item_deferred',
      actor,
      payload: { sessionId, itemId: item.id, status: 'deferred', reason: 'session_closed' },
    });
    if (item.motion_id) await moveItemMotion(uow, actor, item.motion_id, sessionId, 'defer');
  }
  await currentItemChanged(uow, sessionId);
}
