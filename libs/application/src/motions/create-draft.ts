import { DomainError, type AmendmentChange } from '#domain';
import { insertMotionDraft } from '#persistence';
import { actingDelegate } from '../delegates/acting-delegate.js';
import type { Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedAmendableParent } from './locked-motion.js';
import { checkComplianceDeadline, linkMotion } from './motion-draft-rules.js';

export interface MotionDraftInput {
  title: string;
  body: string;
  rationale?: string;
  objectiveCodes?: string[];
  institutionCodes?: string[];
  complianceDeadline?: string | null;
  parentId?: string;
  changes?: AmendmentChange[];
}

/** A new draft (or amendment draft), visible to its author only until filed. Returns its id. */
export async function createMotionDraft(
  uow: UnitOfWork,
  caller: Caller,
  input: MotionDraftInput,
): Promise<string> {
  const delegate = await actingDelegate(uow, caller);
  if ((input.parentId == null) !== (input.changes == null)) throw new DomainError('AMENDMENT_FIELDS_INVALID');
  if (input.parentId) await lockedAmendableParent(uow, input.parentId, input.changes!);
  checkComplianceDeadline(input.complianceDeadline);
  const id = await insertMotionDraft(uow.m, {
    parentId: input.parentId ?? null,
    amendmentChanges: input.changes ?? null,
    title: input.title.trim(),
    body: input.body,
    rationale: input.rationale ?? '',
    authorDelegateId: delegate.id,
    complianceDeadline: input.complianceDeadline ?? null,
  });
  await linkMotion(uow, id, input.objectiveCodes ?? [], input.institutionCodes ?? []);
  return id;
}
