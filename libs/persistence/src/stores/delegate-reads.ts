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
}

export interface DelegateFilter {
  constituency?: string;
  status?: DelegateStatus;
  /** Part of the name or organisation, accents and case aside. */
  q?: string;
}

const SELECT_DELEGATES = `
  SELECT d.id, d.full_name, d.constituency_code, c.name AS constituency_name, d.organization,
         to_char(d.term_start, 'YYYY-MM-DD') AS term_start, to_char(d.term_end, 'YYYY-MM-DD') AS term_end,
         d.status, d.alternate_of_id, a.id AS alternate_id, d.document_id, d.user_id, u.email
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
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(unaccent(lower(d.full_name)) LIKE unaccent(lower($${params.length})) OR unaccent(lower(coalesce(d.organization, ''))) LIKE unaccent(lower($${params.length})))`,
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
