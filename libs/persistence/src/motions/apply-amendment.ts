import {
  AMENDABLE_STATUSES,
  applyAmendment,
  DomainError,
  errorMessage,
  type AmendmentChange,
  type MotionStatus,
} from '#domain';
import type { EntityManager } from 'typeorm';
import { appendLedgerEvent } from '../ledger/ledger-writer.js';

interface AmendableRow {
  id: string;
  number: string | null;
  parent_id: string | null;
  amendment_changes: AmendmentChange[] | null;
  title: string;
  body: string;
  rationale: string;
  status: MotionStatus;
  current_version: number;
}

export async function lockPublicMotion(m: EntityManager, id: string): Promise<AmendableRow> {
  const rows: AmendableRow[] = await m.query(
    `SELECT id, number, parent_id, amendment_changes, title, body, rationale, status, current_version
     FROM motions WHERE id = $1 AND number IS NOT NULL FOR UPDATE`,
    [id],
  );
  if (!rows[0]) throw new DomainError('MOTION_NOT_FOUND');
  return rows[0];
}

/**
 * Why an adopted amendment cannot change its parent any more (the parent left debate, or an earlier
 * amendment already rewrote the passage it changes), or null when it applies cleanly.
 */
export async function amendmentLapse(
  m: EntityManager,
  amendmentId: string,
): Promise<{ reason: 'parent_not_amendable' | 'conflict'; detail: string } | null> {
  const amendment = await lockPublicMotion(m, amendmentId);
  const parent = await lockPublicMotion(m, amendment.parent_id!);
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

/** Writes the parent's next version from an adopted amendment, inside the caller's transaction. */
export async function applyAdoptedAmendment(
  m: EntityManager,
  amendmentId: string,
  actor: string | null,
): Promise<number> {
  const amendment = await lockPublicMotion(m, amendmentId);
  if (!amendment.parent_id || amendment.status !== 'adopted') {
    throw new DomainError('MOTION_TRANSITION_INVALID', {
      action: 'apply_amendment',
      status: amendment.status,
    });
  }
  const parent = await lockPublicMotion(m, amendment.parent_id);
  if (!AMENDABLE_STATUSES.includes(parent.status))
    throw new DomainError('PARENT_NOT_AMENDABLE', { status: parent.status });
  const body = applyAmendment(parent.body, amendment.amendment_changes!);
  const version = parent.current_version + 1;
  await m.query(`UPDATE motions SET body = $2, current_version = $3, updated_at = now() WHERE id = $1`, [
    parent.id,
    body,
    version,
  ]);
  await m.query(
    `INSERT INTO motion_versions (motion_id, version, title, body, rationale, amendment_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [parent.id, version, parent.title, body, parent.rationale, amendmentId],
  );
  await appendLedgerEvent(m, {
    type: 'motion.amended',
    subject: `motion:${parent.id}`,
    actor,
    payload: {
      motionId: parent.id,
      number: parent.number,
      version,
      amendmentId,
      amendmentNumber: amendment.number,
      title: parent.title,
      body,
      rationale: parent.rationale,
    },
  });
  return version;
}
