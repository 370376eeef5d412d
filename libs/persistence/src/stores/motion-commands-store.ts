import type { AmendmentChange, MotionStatus } from '#domain';
import type { EntityManager } from 'typeorm';
import { nextYearlyNumber } from './yearly-counter.js';

/** A motion as the commands read it under its lock: everything a draft edit, filing or admission needs. */
export interface MotionCommandRow {
  id: string;
  number: string | null;
  parent_id: string | null;
  amendment_changes: AmendmentChange[] | null;
  title: string;
  body: string;
  rationale: string;
  author_delegate_id: string;
  status: MotionStatus;
  compliance_deadline: string | null;
  current_version: number;
}

export async function lockMotionForCommand(
  m: EntityManager,
  id: string,
): Promise<MotionCommandRow | undefined> {
  const rows: MotionCommandRow[] = await m.query(
    `SELECT id, number, parent_id, amendment_changes, title, body, rationale, author_delegate_id, status,
            to_char(compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline, current_version
     FROM motions WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

export interface MotionDraftColumns {
  parentId: string | null;
  amendmentChanges: AmendmentChange[] | null;
  title: string;
  body: string;
  rationale: string;
  authorDelegateId: string;
  complianceDeadline: string | null;
}

export async function insertMotionDraft(m: EntityManager, draft: MotionDraftColumns): Promise<string> {
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO motions (parent_id, amendment_changes, title, body, rationale, author_delegate_id, compliance_deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      draft.parentId,
      draft.amendmentChanges ? JSON.stringify(draft.amendmentChanges) : null,
      draft.title,
      draft.body,
      draft.rationale,
      draft.authorDelegateId,
      draft.complianceDeadline,
    ],
  );
  return row!.id;
}

export async function updateMotionDraft(
  m: EntityManager,
  id: string,
  draft: Omit<MotionDraftColumns, 'parentId' | 'authorDelegateId'>,
): Promise<void> {
  await m.query(
    `UPDATE motions SET title = $2, body = $3, rationale = $4, compliance_deadline = $5, amendment_changes = $6, updated_at = now()
     WHERE id = $1`,
    [
      id,
      draft.title,
      draft.body,
      draft.rationale,
      draft.complianceDeadline,
      draft.amendmentChanges ? JSON.stringify(draft.amendmentChanges) : null,
    ],
  );
}

/** The year's next motion number (gapless: see nextYearlyNumber). */
export function takeMotionNumber(m: EntityManager, year: number): Promise<number> {
  return nextYearlyNumber(m, 'motion_number_counters', year);
}

export async function insertFirstMotionVersion(
  m: EntityManager,
  id: string,
  text: { title: string; body: string; rationale: string },
): Promise<void> {
  await m.query(
    `INSERT INTO motion_versions (motion_id, version, title, body, rationale) VALUES ($1, 1, $2, $3, $4)`,
    [id, text.title, text.body, text.rationale],
  );
}

/** Adds (or removes) one co-sponsorship; false when there was nothing to change. */
export async function setMotionCosponsor(
  m: EntityManager,
  motionId: string,
  delegateId: string,
  support: boolean,
): Promise<boolean> {
  // Counted through a CTE: TypeORM answers a bare DELETE with [rows, count] instead of rows.
  const [{ changed }]: { changed: number }[] = await m.query(
    support
      ? `WITH c AS (INSERT INTO motion_cosponsors (motion_id, delegate_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
         SELECT count(*)::int AS changed FROM c`
      : `WITH c AS (DELETE FROM motion_cosponsors WHERE motion_id = $1 AND delegate_id = $2 RETURNING 1)
         SELECT count(*)::int AS changed FROM c`,
    [motionId, delegateId],
  );
  return changed > 0;
}

/** Co-sponsors sitting on `today` (active and within term). */
/** The kind of decision the Mesa qualified the motion as at admission (an added kind of the reglamento). */
export async function writeMotionDecision(m: EntityManager, id: string, decision: string): Promise<void> {
  await m.query(`UPDATE motions SET decision = $2 WHERE id = $1`, [id, decision]);
}

/** The kind a motion was admitted as, or null: an ordinary motion. */
export async function readMotionDecision(m: EntityManager, id: string): Promise<string | null> {
  const rows: { decision: string | null }[] = await m.query(`SELECT decision FROM motions WHERE id = $1`, [
    id,
  ]);
  return rows[0]?.decision ?? null;
}

export async function countSittingCosponsors(
  m: EntityManager,
  motionId: string,
  today: string,
): Promise<number> {
  const [{ count }]: { count: number }[] = await m.query(
    `SELECT count(*)::int AS count FROM motion_cosponsors mc JOIN delegates d ON d.id = mc.delegate_id
     WHERE mc.motion_id = $1 AND d.status = 'active' AND d.term_start <= $2 AND d.term_end >= $2`,
    [motionId, today],
  );
  return count;
}

export interface MotionLinks {
  objectives: string[];
  institutions: string[];
}

/** The plan objectives and institution codes a motion is linked to, each sorted. */
export async function motionLinks(m: EntityManager, id: string): Promise<MotionLinks> {
  const objectives: { objective_code: string }[] = await m.query(
    `SELECT objective_code FROM motion_objectives WHERE motion_id = $1 ORDER BY objective_code`,
    [id],
  );
  const institutions: { code: string }[] = await m.query(
    `SELECT i.code FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id WHERE mi.motion_id = $1 ORDER BY i.code`,
    [id],
  );
  return {
    objectives: objectives.map((row) => row.objective_code),
    institutions: institutions.map((row) => row.code),
  };
}

export async function knownObjectiveCodes(m: EntityManager, codes: string[]): Promise<string[]> {
  const rows: { code: string }[] = await m.query(`SELECT code FROM plan_objectives WHERE code = ANY ($1)`, [
    codes,
  ]);
  return rows.map((row) => row.code);
}

export async function activeInstitutionsByCode(
  m: EntityManager,
  codes: string[],
): Promise<{ id: string; code: string }[]> {
  return m.query(`SELECT id, code FROM institutions WHERE code = ANY ($1) AND active`, [codes]);
}

export async function replaceMotionLinks(
  m: EntityManager,
  id: string,
  objectiveCodes: string[],
  institutionIds: string[],
): Promise<void> {
  await m.query(`DELETE FROM motion_objectives WHERE motion_id = $1`, [id]);
  await m.query(`DELETE FROM motion_institutions WHERE motion_id = $1`, [id]);
  await m.query(`INSERT INTO motion_objectives (motion_id, objective_code) SELECT $1, unnest($2::text[])`, [
    id,
    objectiveCodes,
  ]);
  await m.query(`INSERT INTO motion_institutions (motion_id, institution_id) SELECT $1, unnest($2::uuid[])`, [
    id,
    institutionIds,
  ]);
}

/** What applying an amendment reads of the amendment and of its parent. */
export type AmendableMotionRow = Omit<MotionCommandRow, 'author_delegate_id' | 'compliance_deadline'>;

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
