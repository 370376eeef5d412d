import type { DelegateStatus } from '#domain';
import type { EntityManager } from 'typeorm';
import { ConstituencyEntity } from '../entities/constituency.entity.js';
import { DelegateEntity } from '../entities/delegate.entity.js';

/** Delegates' rows: the secretariat's roster and its CSV import, and the delegate acting behind an account. */

export interface DelegateColumns {
  fullName: string;
  constituencyCode: string;
  organization: string | null;
  termStart: string;
  termEnd: string;
  status: DelegateStatus;
  alternateOfId: string | null;
}

export interface NewDelegateRow extends DelegateColumns {
  documentId: string;
  userId: string | null;
}

export function constituencyExists(m: EntityManager, code: string): Promise<boolean> {
  return m.getRepository(ConstituencyEntity).existsBy({ code });
}

/** The delegate, locked (FOR UPDATE) until commit; null when there is none. */
export function lockDelegate(m: EntityManager, id: string): Promise<DelegateEntity | null> {
  return m.getRepository(DelegateEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** The alternate (suplente) of a titular, if any. */
export function alternateOfTitular(m: EntityManager, titularId: string): Promise<DelegateEntity | null> {
  return m.getRepository(DelegateEntity).findOneBy({ alternateOfId: titularId });
}

export function delegateHasAlternate(m: EntityManager, id: string): Promise<boolean> {
  return m.getRepository(DelegateEntity).existsBy({ alternateOfId: id });
}

export function accountHasDelegate(m: EntityManager, userId: string): Promise<boolean> {
  return m.getRepository(DelegateEntity).existsBy({ userId });
}

/** Inserts a delegate; answers its id. */
export async function insertDelegate(m: EntityManager, row: NewDelegateRow): Promise<string> {
  const saved = await m.getRepository(DelegateEntity).save(row);
  return saved.id;
}

export async function writeDelegate(m: EntityManager, id: string, columns: DelegateColumns): Promise<void> {
  await m.update(DelegateEntity, { id }, columns);
}

/** Since when and why the delegate holds their (just changed) status. */
export async function writeDelegateStatusFacts(
  m: EntityManager,
  id: string,
  since: string,
  reason: string | null,
): Promise<void> {
  await m.query(`UPDATE delegates SET status_since = $2, status_reason = $3 WHERE id = $1`, [
    id,
    since,
    reason,
  ]);
}

/** Serialises imports and manual creation checks against each other until commit. */
export async function lockDelegatesTable(m: EntityManager): Promise<void> {
  await m.query('LOCK TABLE delegates IN SHARE ROW EXCLUSIVE MODE');
}

export function readAllConstituencies(m: EntityManager): Promise<ConstituencyEntity[]> {
  return m.getRepository(ConstituencyEntity).find();
}

export interface DelegateOnFileRow {
  id: string;
  document_id: string;
  constituency_code: string;
  status: DelegateStatus;
  alternate_of_id: string | null;
  term_start: string;
  term_end: string;
  alternate_id: string | null;
}

/** Every delegate on file with its alternate, for checking an import against. */
export function readDelegatesOnFile(m: EntityManager): Promise<DelegateOnFileRow[]> {
  return m.query(`
      SELECT d.id, d.document_id, d.constituency_code, d.status, d.alternate_of_id,
             to_char(d.term_start, 'YYYY-MM-DD') AS term_start, to_char(d.term_end, 'YYYY-MM-DD') AS term_end,
             a.id AS alternate_id
      FROM delegates d LEFT JOIN delegates a ON a.alternate_of_id = d.id`);
}

/** The emails of accounts already linked to a delegate. */
export async function readDelegateAccountEmails(m: EntityManager): Promise<string[]> {
  const linked: { email: string }[] = await m.query(
    `SELECT u.email FROM users u JOIN delegates d ON d.user_id = u.id`,
  );
  return linked.map((row) => row.email);
}

/** Accounts holding a staff role (admin, moderator, liaison), by lower-cased email, with those roles. */
export async function readStaffAccountRoles(m: EntityManager): Promise<Map<string, string[]>> {
  const rows: { email: string; roles: string[] }[] = await m.query(
    `SELECT email, ARRAY(SELECT r FROM unnest(roles) r WHERE r IN ('admin', 'moderator', 'liaison') ORDER BY r) AS roles
     FROM users WHERE roles && ARRAY['admin', 'moderator', 'liaison']::text[]`,
  );
  return new Map(rows.map((row) => [row.email.toLowerCase(), row.roles]));
}

export async function delegateIdByDocument(
  m: EntityManager,
  documentId: string,
): Promise<string | undefined> {
  const rows: { id: string }[] = await m.query('SELECT id FROM delegates WHERE document_id = $1', [
    documentId,
  ]);
  return rows[0]?.id;
}

/**
 * The active, in-term delegate behind an account, locked (FOR SHARE) for the caller's transaction so a
 * suspension cannot slip in between the check and the action.
 */
export async function lockSittingDelegateOfUser(
  m: EntityManager,
  userId: string,
  today: string,
): Promise<{ id: string; constituency_code: string } | undefined> {
  const rows: { id: string; constituency_code: string }[] = await m.query(
    `SELECT id, constituency_code FROM delegates
     WHERE user_id = $1 AND status = 'active' AND term_start <= $2 AND term_end >= $2
     FOR SHARE`,
    [userId, today],
  );
  return rows[0];
}
