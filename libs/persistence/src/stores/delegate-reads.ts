import type { DelegateStatus } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { ConstituencyEntity } from '../entities/constituency.entity.js';

type Source = DataSource | EntityManager;

export interface DelegateRow {
  id: string;
  full_name: string;
  constituency_code: string;
  constituency_name: string;
  organization: string | null;
  term_start: string;
  term_end: string;
  status: DelegateStatus;
  alternate_of_id: string | null;
  alternate_id: string | null;
  document_id: string;
  user_id: string | null;
  email: string | null;
  /** Since when, and why, the delegate holds their status (set by a dated change; null before any). */
  status_since: string | null;
  status_reason: string | null;
}

export interface DelegateFilter {
  constituency?: string;
  status?: DelegateStatus;
  /** Part of the name or organisation, accents and case aside (and the start of the document, when `byDocument`). */
  q?: string;
  /** Whether `q` also matches the start of the identity document (the secretariat only: documents are private). */
  byDocument?: boolean;
  /** Whose term covers `today` (current), has ended (past) or has not begun (upcoming). */
  term?: 'current' | 'past' | 'upcoming';
  /** The assembly's day the term filter is read against (YYYY-MM-DD). */
  today?: string;
}

const SELECT_DELEGATES = `
  SELECT d.id, d.full_name, d.constituency_code, c.name AS constituency_name, d.organization,
         to_char(d.term_start, 'YYYY-MM-DD') AS term_start, to_char(d.term_end, 'YYYY-MM-DD') AS term_end,
         d.status, d.alternate_of_id, a.id AS alternate_id, d.document_id, d.user_id, u.email,
         to_char(d.status_since, 'YYYY-MM-DD') AS status_since, d.status_reason
  FROM delegates d
  JOIN constituencies c ON c.code = d.constituency_code
  LEFT JOIN delegates a ON a.alternate_of_id = d.id
  LEFT JOIN users u ON u.id = d.user_id`;

/** The provinces, by ubigeo. */
export function readConstituencies(source: Source): Promise<ConstituencyEntity[]> {
  return source.getRepository(ConstituencyEntity).find({ order: { code: 'ASC' } });
}

/** Delegates by province, titulars before their alternates, then by name. */
export function readDelegateRows(source: Source, filter: DelegateFilter): Promise<DelegateRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.constituency) {
    params.push(filter.constituency);
    where.push(`d.constituency_code = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`d.status = $${params.length}`);
  }
  if (filter.q) {
    const escaped = filter.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    params.push(`%${escaped}%`);
    const byName = `unaccent(lower(d.full_name)) LIKE unaccent(lower($${params.length})) OR unaccent(lower(coalesce(d.organization, ''))) LIKE unaccent(lower($${params.length}))`;
    if (filter.byDocument) {
      params.push(`${escaped.trim().toUpperCase()}%`);
      where.push(`(${byName} OR d.document_id LIKE $${params.length})`);
    } else where.push(`(${byName})`);
  }
  if (filter.term && filter.today) {
    params.push(filter.today);
    const day = `$${params.length}::date`;
    where.push(
      filter.term === 'current'
        ? `d.term_start <= ${day} AND d.term_end >= ${day}`
        : filter.term === 'past'
          ? `d.term_end < ${day}`
          : `d.term_start > ${day}`,
    );
  }
  return source.query(
    `${SELECT_DELEGATES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.name, d.alternate_of_id NULLS FIRST, d.full_name`,
    params,
  );
}

export async function readDelegateRow(source: Source, id: string): Promise<DelegateRow | undefined> {
  const rows: DelegateRow[] = await source.query(`${SELECT_DELEGATES} WHERE d.id = $1`, [id]);
  return rows[0];
}
