import { DomainError } from '#domain';
import { setMotionCosponsor } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedOwnDraftOrVisible } from './locked-motion.js';

/**
 * Supports (or stops supporting) a filed motion. Idempotent: supporting twice (or twenty times at once)
 * leaves one co-sponsorship and one event.
 */
export async function cosponsorMotion(
  uow: UnitOfWork,
  caller: Caller,
  id: string,
  support: boolean,
): Promise<{ changed: boolean }> {
  const delegate = await actingDelegate(uow, caller);
  const motion = await lockedOwnDraftOrVisible(uow, id, delegate.id);
  if (motion.status !== 'filed') {
    throw new DomainError('MOTION_TRANSITION_INVALID', {
      action: support ? 'cosponsor' : 'withdraw_cosponsorship',
      status: motion.status,
    });
  }
  if (motion.author_delegate_id === delegate.id) throw new DomainError('CANNOT_COSPONSOR_OWN');
  if (!(await setMotionCosponsor(uow.m, id, delegate.id, support))) return { changed: false };
  await uow.record({
    type: support ? 'motion.cosponsored' : 'motion.cosponsorship_withdrawn',
    actor: actorOf(caller),
    payload: { motionId: id, number: motion.number!, delegateId: delegate.id },
  });
  return { changed: true };
}
