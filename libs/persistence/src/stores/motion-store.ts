import type { MotionStatus } from '#domain';
import type { EntityManager } from 'typeorm';

/** The columns a status change needs, read under the row's lock. */
export interface MotionStateRow {
  id: string;
  number: string | null;
  status: MotionStatus;
}

export async function lockMotionState(m: EntityManager, id: string): Promise<MotionStateRow | undefined> {
  const rows: MotionStateRow[] = await m.query(
    `SELECT id, number, status FROM motions WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

/** What a status change writes besides the status: filing numbers the motion; inadmissibility keeps its reason. */
export interface MotionStatusColumns {
  filing?: { number: string; year: number; sequence: number };
  inadmissibleReason?: string;
}

/**
 * The only statement that changes a motion's status (callers go through the application's
 * `moveMotion`, which checks the lifecycle and records the change). One statement, so the
 * `motions_numbered_once_filed` and `motions_inadmissible_reason` checks see the whole change.
 */
export async function writeMotionStatus(
  m: EntityManager,
  id: string,
  status: MotionStatus,
  columns: MotionStatusColumns = {},
): Promise<void> {
  await m.query(
    `UPDATE motions SET status = $2,
       number = COALESCE($3::text, number), year = COALESCE($4::int, year), sequence = COALESCE($5::int, sequence),
       filed_at = CASE WHEN $3::text IS NULL THEN filed_at ELSE now() END,
       current_version = CASE WHEN $3::text IS NULL THEN current_version ELSE 1 END,
       inadmissible_reason = COALESCE($6::text, inadmissible_reason),
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      status,
      columns.filing?.number ?? null,
      columns.filing?.year ?? null,
      columns.filing?.sequence ?? null,
      columns.inadmissibleReason ?? null,
    ],
  );
}

/** A motion and, for an amendment, its parent, locked in id order (the order every writer takes them). */
export async function lockMotionWithParent(m: EntityManager, id: string): Promise<void> {
  await m.query(
    `SELECT 1 FROM motions WHERE id = $1 OR id = (SELECT parent_id FROM motions WHERE id = $1) ORDER BY id FOR UPDATE`,
    [id],
  );
}

/** Amendments of a motion still on their way (filed to voting), by number. */
export async function pendingAmendmentNumbers(m: EntityManager, parentId: string): Promise<string[]> {
  const rows: { number: string }[] = await m.query(
    `SELECT number FROM motions WHERE parent_id = $1 AND status IN ('filed', 'admitted', 'scheduled', 'debating', 'voting')
     ORDER BY number`,
    [parentId],
  );
  return rows.map((row) => row.number);
}
