import { AMENDABLE_STATUSES, applyAmendment, DomainError, errorMessage } from '#domain';
import { lockNumberedMotion, writeAmendedVersion, type AmendableMotionRow } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

async function lockPublicMotion(uow: UnitOfWork, id: string): Promise<AmendableMotionRow> {
  const motion = await lockNumberedMotion(uow.m, id);
  if (!motion) throw new DomainError('MOTION_NOT_FOUND');
  return motion;
}

/**
 * Why an adopted amendment cannot change its parent any more (the parent left debate, or an earlier
 * amendment already rewrote the passage it changes), or null when it applies cleanly.
 */
export async function amendmentLapse(
  uow: UnitOfWork,
  amendmentId: string,
): Promise<{ reason: 'parent_not_amendable' | 'conflict'; detail: string } | null> {
  const amendment = await lockPublicMotion(uow, amendmentId);
  const parent = await lockPublicMotion(uow, amendment.parent_id!);
  if (!AMENDABLE_STATUSES.includes(parent.status))
    return { reason: 'parent_not_amendable', detail: parent.status };
  try {
    applyAmendment(parent.body, amendment.amendment_changes!);
    return null;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'AMENDMENT_CONFLICT')
      return { reason: 'conflict', detail: errorMessage(error.code, 'en', error.params) };
    throw error;
  }
}

/**
 * The parent's next version once an amendment is adopted: the changes apply to the parent's current
 * text, every version is kept, and the new text enters the public record.
 */
export async function applyAdoptedAmendment(
  uow: UnitOfWork,
  amendmentId: string,
  actor: string | null,
): Promise<number> {
  const amendment = await lockPublicMotion(uow, amendmentId);
  if (!amendment.parent_id || amendment.status !== 'adopted') {
    throw new DomainError('MOTION_TRANSITION_INVALID', {
      action: 'apply_amendment',
      status: amendment.status,
    });
  }
  const parent = await lockPublicMotion(uow, amendment.parent_id);
  if (!AMENDABLE_STATUSES.includes(parent.status))
    throw new DomainError('PARENT_NOT_AMENDABLE', { status: parent.status });
  const body = applyAmendment(parent.body, amendment.amendment_changes!);
  const version = parent.current_version + 1;
  await writeAmendedVersion(uow.m, parent, { version, body, amendmentId });
  await uow.record({
    type: 'motion.amended',
    actor,
    payload: {
      motionId: parent.id,
      number: parent.number!,
      version,
      amendmentId,
      amendmentNumber: amendment.number!,
      title: parent.title,
      body,
      rationale: parent.rationale,
    },
  });
  return version;
}
