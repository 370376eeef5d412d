import type { AmendmentChange, MotionStatus } from '#domain';
import type { EntityManager } from 'typeorm';

export interface AmendableMotionRow {
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

/** A public (numbered) motion with its text, locked FOR UPDATE. */
export async function lockNumberedMotion(
  m: EntityManager,
  id: string,
): Promise<AmendableMotionRow | undefined> {
  const rows: AmendableMotionRow[] = await m.query(
    `SELECT id, number, parent_id, amendment_changes, title, body, rationale, status, current_version
     FROM motions WHERE id = $1 AND number IS NOT NULL FOR UPDATE`,
    [id],
  );
  return rows[0];
}

/** The parent's next version made by an amendment: the new text, and the version kept beside the others. */
export async function writeAmendedVersion(
  m: EntityManager,
  parent: AmendableMotionRow,
  version: { version: number; body: string; amendmentId: string },
): Promise<void> {
  await m.query(`UPDATE motions SET body = $2, current_version = $3, updated_at = now() WHERE id = $1`, [
    parent.id,
    version.body,
    version.version,
  ]);
  await m.query(
    `INSERT INTO motion_versions (motion_id, version, title, body, rationale, amendment_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [parent.id, version.version, parent.title, version.body, parent.rationale, version.amendmentId],
  );
}
