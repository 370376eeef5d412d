import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedPublicMotion } from './locked-motion.js';
import { moveMotion } from './move-motion.js';

/** The Mesa declares a motion inadmissible; the reason is kept on the motion and in the record. */
export async function declareMotionInadmissible(
  uow: UnitOfWork,
  caller: Caller,
  id: string,
  reason: string,
): Promise<void> {
  const motion = await lockedPublicMotion(uow, id);
  await moveMotion(uow, motion, 'declare_inadmissible', { reason: reason.trim() }, actorOf(caller));
}
