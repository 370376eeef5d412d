import { DomainError } from '#domain';
import { motionLinks, updateMotionDraft } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import type { Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { MotionDraftInput } from './create-draft.js';
import { lockedAmendableParent, lockedOwnDraftOrVisible } from './locked-motion.js';
import { checkComplianceDeadline, linkMotion } from './motion-draft-rules.js';

/** Edits a draft (its author only); what the input leaves out stays as it was. */
export async function editMotionDraft(
  uow: UnitOfWork,
  caller: Caller,
  id: string,
  input: Partial<MotionDraftInput>,
): Promise<void> {
  const delegate = await actingDelegate(uow, caller);
  const motion = await lockedOwnDraftOrVisible(uow, id, delegate.id);
  if (motion.author_delegate_id !== delegate.id) throw new DomainError('NOT_MOTION_AUTHOR');
  if (motion.status !== 'draft')
    throw new DomainError('MOTION_TRANSITION_INVALID', { action: 'edit', status: motion.status });
  if (input.changes != null && motion.parent_id === null) throw new DomainError('AMENDMENT_FIELDS_INVALID');
  if (input.changes && motion.parent_id) await lockedAmendableParent(uow, motion.parent_id, input.changes);
  if (input.complianceDeadline !== undefined) checkComplianceDeadline(input.complianceDeadline);
  await updateMotionDraft(uow.m, id, {
    title: input.title?.trim() ?? motion.title,
    body: input.body ?? motion.body,
    rationale: input.rationale ?? motion.rationale,
    complianceDeadline:
      input.complianceDeadline !== undefined ? input.complianceDeadline : motion.compliance_deadline,
    amendmentChanges: input.changes || motion.amendment_changes,
  });
  if (input.objectiveCodes || input.institutionCodes) {
    const links = await motionLinks(uow.m, id);
    await linkMotion(
      uow,
      id,
      input.objectiveCodes ?? links.objectives,
      input.institutionCodes ?? links.institutions,
    );
  }
}
