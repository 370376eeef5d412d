import { DomainError, type SpeakerStance } from '#domain';
import { insertWaitingRequest, isCheckedIn, readWaitingRequestId } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedCurrentItem, speakersChanged } from './floor-effects.js';

/** Idempotent: a delegate already waiting keeps their place (and their first stance). */
export async function requestFloor(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
  stance: SpeakerStance,
): Promise<{ requestId: string }> {
  const itemId = await lockedCurrentItem(uow, sessionId);
  const delegate = await actingDelegate(uow, caller);
  if (!(await isCheckedIn(uow.m, sessionId, delegate.id))) throw new DomainError('NOT_CHECKED_IN');
  const requestId = await insertWaitingRequest(uow.m, itemId, delegate.id, stance);
  if (!requestId) return { requestId: (await readWaitingRequestId(uow.m, itemId, delegate.id))! };
  await uow.record({
    type: 'speaker.requested',
    actor: actorOf(caller),
    payload: { sessionId, itemId, delegateId: delegate.id, stance },
  });
  await speakersChanged(uow, sessionId, itemId);
  return { requestId };
}
