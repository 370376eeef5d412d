import type { Position, PositionRank, Role } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface CommissionRow {
  id: string;
  name_es: string;
  name_en: string;
}

export interface PositionRow {
  id: string;
  body: 'mesa' | 'commission';
  commission_id: string | null;
  rank: PositionRank;
  title_es: string;
  title_en: string;
  seats: number;
}

export interface TermRow {
  id: string;
  label: string;
  starts_at: Date;
  ends_at: Date;
}

export interface OfficeRow {
  id: string;
  position_id: string;
  term_id: string;
  holder_id: string;
  delegate_id: string | null;
  election_id: string | null;
  starts_at: Date;
  ends_at: Date;
  ended_at: Date | null;
  taken_at: Date | null;
  granted_roles: Role[] | null;
  left_at: Date | null;
}

/** A position row as the domain's `Position`. */
export function positionOf(row: PositionRow): Position {
  return {
    id: row.id,
    body: row.body === 'mesa' ? { kind: 'mesa' } : { kind: 'commission', commissionId: row.commission_id! },
    rank: row.rank,
    title: { es: row.title_es, en: row.title_en },
    seats: row.seats,
  };
}

export async function insertCommission(m: EntityManager, row: CommissionRow): Promise<void> {
  await m.query(`INSERT INTO commissions (id, name_es, name_en) VALUES ($1, $2, $3)`, [
    row.id,
    row.name_es,
    row.name_en,
  ]);
}

export function readCommissions(source: Source): Promise<CommissionRow[]> {
  return source.query(`SELECT id, name_es, name_en FROM commissions ORDER BY name_es, id`);
}

export async function readCommission(source: Source, id: string): Promise<CommissionRow | null> {
  const rows: CommissionRow[] = await source.query(
    `SELECT id, name_es, name_en FROM commissions WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

const POSITION_COLUMNS = `id, body, commission_id, rank, title_es, title_en, seats`;

/**
 * Every position, the table locked against other writers of positions until commit (a new position is
 * checked against all of them: one presidency, one chair per commission).
 */
export async function lockPositions(m: EntityManager): Promise<PositionRow[]> {
  await m.query(`LOCK TABLE positions IN SHARE ROW EXCLUSIVE MODE`);
  return m.query(`SELECT ${POSITION_COLUMNS} FROM positions ORDER BY created_at, id`);
}

export function readPositions(source: Source): Promise<PositionRow[]> {
  return source.query(
    `SELECT ${POSITION_COLUMNS} FROM positions
     ORDER BY body DESC, commission_id NULLS FIRST,
       array_position(ARRAY['president', 'vice_president', 'secretary', 'chair', 'member'], rank), created_at, id`,
  );
}

export async function readPosition(source: Source, id: string): Promise<PositionRow | null> {
  const rows: PositionRow[] = await source.query(`SELECT ${POSITION_COLUMNS} FROM positions WHERE id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function insertPosition(m: EntityManager, row: PositionRow): Promise<void> {
  await m.query(
    `INSERT INTO positions (id, body, commission_id, rank, title_es, title_en, seats)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.body, row.commission_id, row.rank, row.title_es, row.title_en, row.seats],
  );
}

export async function insertTerm(m: EntityManager, row: TermRow): Promise<void> {
  await m.query(`INSERT INTO terms (id, label, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [
    row.id,
    row.label,
    row.starts_at,
    row.ends_at,
  ]);
}

export function readTerms(source: Source): Promise<TermRow[]> {
  return source.query(`SELECT id, label, starts_at, ends_at FROM terms ORDER BY starts_at, id`);
}

export async function readTerm(source: Source, id: string): Promise<TermRow | null> {
  const rows: TermRow[] = await source.query(
    `SELECT id, label, starts_at, ends_at FROM terms WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

const OFFICE_SELECT = `
  SELECT o.id, o.position_id, o.term_id, o.holder_id, o.delegate_id, o.election_id,
    t.starts_at, t.ends_at, o.ended_at, o.taken_at, o.granted_roles, o.left_at
  FROM offices o JOIN terms t ON t.id = o.term_id`;

/** The offices of a position, locked until commit: a new one is checked against them (seats, overlap). */
export async function lockOfficesOfPosition(m: EntityManager, positionId: string): Promise<OfficeRow[]> {
  await m.query(`SELECT 1 FROM positions WHERE id = $1 FOR UPDATE`, [positionId]);
  return m.query(`${OFFICE_SELECT} WHERE o.position_id = $1 ORDER BY o.created_at, o.id`, [positionId]);
}

export async function insertOffice(
  m: EntityManager,
  row: Pick<OfficeRow, 'id' | 'position_id' | 'term_id' | 'holder_id' | 'delegate_id' | 'election_id'>,
): Promise<void> {
  await m.query(
    `INSERT INTO offices (id, position_id, term_id, holder_id, delegate_id, election_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.id, row.position_id, row.term_id, row.holder_id, row.delegate_id, row.election_id],
  );
}

export function readOffices(source: Source, filter: { termId?: string } = {}): Promise<OfficeRow[]> {
  return filter.termId
    ? source.query(`${OFFICE_SELECT} WHERE o.term_id = $1 ORDER BY t.starts_at, o.position_id, o.id`, [
        filter.termId,
      ])
    : source.query(`${OFFICE_SELECT} ORDER BY t.starts_at, o.position_id, o.id`);
}

/**
 * Offices whose start or end the job has yet to apply, locked (one job at a time applies them); also
 * every office of their holders in force, which decides whether a role is still held by another.
 */
export async function lockUnappliedOffices(m: EntityManager): Promise<OfficeRow[]> {
  await m.query(`SELECT pg_advisory_xact_lock(7345070)`);
  return m.query(`${OFFICE_SELECT} WHERE o.left_at IS NULL ORDER BY o.id FOR UPDATE OF o`);
}

export async function markOfficeTaken(
  m: EntityManager,
  id: string,
  at: Date,
  grantedRoles: Role[],
): Promise<void> {
  await m.query(`UPDATE offices SET taken_at = $2, granted_roles = $3 WHERE id = $1 AND taken_at IS NULL`, [
    id,
    at,
    grantedRoles,
  ]);
}

export async function markOfficeLeft(m: EntityManager, id: string, at: Date): Promise<void> {
  await m.query(`UPDATE offices SET left_at = $2 WHERE id = $1 AND left_at IS NULL`, [id, at]);
}

/** An active account, by id (whom an office may be given to). */
export async function readActiveAccount(
  source: Source,
  id: string,
): Promise<{ id: string; delegate_id: string | null } | null> {
  const rows: { id: string; delegate_id: string | null }[] = await source.query(
    `SELECT u.id, d.id AS delegate_id FROM users u LEFT JOIN delegates d ON d.user_id = u.id
     WHERE u.id = $1 AND u.active`,
    [id],
  );
  return rows[0] ?? null;
}
