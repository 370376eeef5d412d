import { withdrawWaitingRequest } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedCurrentItem, speakersChanged } from './floor-effects.js';

/** Withdraws the delegate's waiting request on the current item; nothing to withdraw is no error. */
export async function withdrawFloor(
  uow: UnitOfWork,
  caller: Pick<Caller, 'id'>,
  sessionId: string,
): Promise<void> {
  const itemId = await lockedCurrentItem(uow, sessionId);
  const delegate = await actingDelegate(uow, caller);
  if ((await withdrawWaitingRequest(uow.m, itemId, delegate.id)) === 0) return;
  await uow.record({
    type: 'speaker.withdrawn',
    actor: actorOf(caller),
    payload: { sessionId, itemId, delegateId: delegate.id },
  });
  await speakersChanged(uow, sessionId, itemId);
}
