import { AMENDABLE_STATUSES, checkAmendment, DomainError, type AmendmentChange } from '#domain';
import { lockMotionForCommand, type MotionCommandRow } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/** Drafts exist only for their author: to anyone else they are "not found". */
export async function lockedOwnDraftOrVisible(
  uow: UnitOfWork,
  id: string,
  delegateId: string,
): Promise<MotionCommandRow> {
  const motion = await lockMotionForCommand(uow.m, id);
  if (!motion || (motion.number === null && motion.author_delegate_id !== delegateId))
    throw new DomainError('MOTION_NOT_FOUND');
  return motion;
}

export async function lockedPublicMotion(uow: UnitOfWork, id: string): Promise<MotionCommandRow> {
  const motion = await lockMotionForCommand(uow.m, id);
  if (!motion || motion.number === null) throw new DomainError('MOTION_NOT_FOUND');
  return motion;
}

/** The parent an amendment targets, locked: a public motion, not itself an amendment, still amendable. */
export async function lockedAmendableParent(
  uow: UnitOfWork,
  parentId: string,
  changes: AmendmentChange[],
): Promise<MotionCommandRow> {
  const parent = await lockedPublicMotion(uow, parentId);
  if (parent.parent_id !== null) throw new DomainError('PARENT_NOT_AMENDABLE', { status: 'amendment' });
  if (!AMENDABLE_STATUSES.includes(parent.status))
    throw new DomainError('PARENT_NOT_AMENDABLE', { status: parent.status });
  checkAmendment(parent.body, changes);
  return parent;
}
