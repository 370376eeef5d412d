import { DomainError } from '#domain';
import { delegateOnFile, writeAttendance } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedSession } from './locked-session.js';
import { attendanceView } from './session-views.js';

/**
 * Self check-in/out by a sitting delegate (no `delegateId`), or a roll call recorded by a moderator.
 * Recording what is already so changes nothing and records nothing.
 */
export async function recordAttendance(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  present: boolean,
  delegateId?: string,
): Promise<void> {
  const session = await lockedSession(uow, sessionId);
  if (session.status !== 'open' && session.status !== 'suspended') throw new DomainError('SESSION_NOT_OPEN');
  let target = delegateId;
  if (!target) target = (await actingDelegate(uow, caller)).id;
  else if (!(await delegateOnFile(uow.m, target))) throw new DomainError('DELEGATE_NOT_FOUND');
  const recordedBy = delegateId ? 'moderator' : 'self';
  if (!(await writeAttendance(uow.m, { sessionId, delegateId: target, present, recordedBy }))) return;
  const attendance = await attendanceView(uow.m, sessionId, (await rulesInForceNow(uow.m)).rules.quorum);
  await uow.record({
    type: present ? 'attendance.checked_in' : 'attendance.checked_out',
    actor: actorOf(caller),
    payload: { sessionId, delegateId: target, recordedBy, quorum: attendance.quorum },
  });
  await uow.live(sessionId, 'attendance.changed', attendance);
}
