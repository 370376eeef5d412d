import { assemblyToday, DomainError, formatMotionNumber, transitionMotion } from '#domain';
import { insertFirstMotionVersion, motionLinks, takeMotionNumber } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedAmendableParent, lockedOwnDraftOrVisible } from './locked-motion.js';
import { checkComplianceDeadline } from './motion-draft-rules.js';
import { moveMotion } from './move-motion.js';

/** Filing makes a draft public: a gapless number for the year, version 1, and the record. */
export async function fileMotion(uow: UnitOfWork, caller: Caller, id: string): Promise<void> {
  const delegate = await actingDelegate(uow, caller);
  const motion = await lockedOwnDraftOrVisible(uow, id, delegate.id);
  if (motion.author_delegate_id !== delegate.id) throw new DomainError('NOT_MOTION_AUTHOR');
  // The lifecycle refuses first: a motion filed already is told so, whatever else it lacks.
  transitionMotion(motion.status, 'file');
  const links = await motionLinks(uow.m, id);
  if (links.objectives.length === 0) throw new DomainError('MOTION_NEEDS_OBJECTIVE');
  checkComplianceDeadline(motion.compliance_deadline);
  let parentNumber: string | null = null;
  if (motion.parent_id)
    parentNumber = (await lockedAmendableParent(uow, motion.parent_id, motion.amendment_changes!)).number;

  const year = Number(assemblyToday().slice(0, 4));
  const sequence = await takeMotionNumber(uow.m, year);
  const number = formatMotionNumber(year, sequence);
  await insertFirstMotionVersion(uow.m, id, motion);
  await moveMotion(
    uow,
    motion,
    'file',
    {
      filing: { number, year, sequence },
      record: {
        kind: motion.parent_id ? 'amendment' : 'motion',
        parentId: motion.parent_id,
        parentNumber,
        amendmentChanges: motion.amendment_changes,
        authorDelegateId: delegate.id,
        version: 1,
        title: motion.title,
        body: motion.body,
        rationale: motion.rationale,
        objectives: links.objectives,
        institutions: links.institutions,
        complianceDeadline: motion.compliance_deadline,
      },
    },
    actorOf(caller),
  );
}
