import { DomainError } from '#domain';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedOwnDraftOrVisible } from './locked-motion.js';
import { moveMotion } from './move-motion.js';

/** The author withdraws their motion (a draft leaves no trace in the public record). */
export async function withdrawMotion(uow: UnitOfWork, caller: Caller, id: string): Promise<void> {
  const delegate = await actingDelegate(uow, caller);
  const motion = await lockedOwnDraftOrVisible(uow, id, delegate.id);
  if (motion.author_delegate_id !== delegate.id) throw new DomainError('NOT_MOTION_AUTHOR');
  await moveMotion(uow, motion, 'withdraw', {}, actorOf(caller));
}
