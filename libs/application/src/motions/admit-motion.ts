import { assemblyToday, DomainError, transitionMotion } from '#domain';
import { countSittingCosponsors, motionLinks } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedAmendableParent, lockedPublicMotion } from './locked-motion.js';
import { moveMotion } from './move-motion.js';

/** The Mesa admits a filed motion: it needs a plan objective and the reglamento's sitting co-sponsors. */
export async function admitMotion(uow: UnitOfWork, caller: Caller, id: string): Promise<void> {
  const motion = await lockedPublicMotion(uow, id);
  transitionMotion(motion.status, 'admit');
  // An amendment is only worth admitting while its parent can still be amended.
  if (motion.parent_id) await lockedAmendableParent(uow, motion.parent_id, motion.amendment_changes!);
  const links = await motionLinks(uow.m, id);
  if (links.objectives.length === 0) throw new DomainError('MOTION_NEEDS_OBJECTIVE');
  // Only co-sponsors still sitting count: a suspended or ceased delegate's support no longer does.
  const count = await countSittingCosponsors(uow.m, id, assemblyToday());
  const threshold = (await rulesInForceNow(uow.m)).rules.cosponsorThreshold;
  if (count < threshold) throw new DomainError('COSPONSOR_THRESHOLD_NOT_MET', { count, required: threshold });
  await moveMotion(uow, motion, 'admit', { record: { cosponsors: count, threshold } }, actorOf(caller));
}
