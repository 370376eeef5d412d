import { assemblyToday, BUILT_IN_DECISIONS, DomainError, transitionMotion } from '#domain';
import { countSittingCosponsors, motionLinks, writeMotionDecision } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedAmendableParent, lockedPublicMotion } from './locked-motion.js';
import { moveMotion } from './move-motion.js';

/**
 * The Mesa admits a filed motion: it needs a plan objective and the reglamento's sitting co-sponsors. It
 * may qualify it as a kind of decision the assembly added (a budget, say): public from then on, and the
 * kind its vote is counted as; the Mesa cannot choose the kind when the vote opens.
 */
export async function admitMotion(
  uow: UnitOfWork,
  caller: Caller,
  id: string,
  decision?: string,
): Promise<void> {
  const motion = await lockedPublicMotion(uow, id);
  transitionMotion(motion.status, 'admit');
  // An amendment is only worth admitting while its parent can still be amended.
  if (motion.parent_id) await lockedAmendableParent(uow, motion.parent_id, motion.amendment_changes!);
  const links = await motionLinks(uow.m, id);
  if (links.objectives.length === 0) throw new DomainError('MOTION_NEEDS_OBJECTIVE');
  // Only co-sponsors still sitting count: a suspended or ceased delegate's support no longer does.
  const count = await countSittingCosponsors(uow.m, id, assemblyToday());
  const { rules } = await rulesInForceNow(uow.m);
  const threshold = rules.cosponsorThreshold;
  if (count < threshold) throw new DomainError('COSPONSOR_THRESHOLD_NOT_MET', { count, required: threshold });
  if (decision !== undefined) {
    const item = motion.parent_id ? 'amendment' : 'motion';
    if (item === 'amendment' || (BUILT_IN_DECISIONS as readonly string[]).includes(decision))
      throw new DomainError('DECISION_KIND_MISMATCH', { kind: decision, item });
    if (!rules.decisions.some((d) => d.kind === decision))
      throw new DomainError('DECISION_KIND_UNKNOWN', { kind: decision });
    await writeMotionDecision(uow.m, id, decision);
  }
  const record = { cosponsors: count, threshold, ...(decision ? { decision } : {}) };
  await moveMotion(uow, motion, 'admit', { record }, actorOf(caller));
}
