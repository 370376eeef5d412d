import type { ComplianceStatus } from '#contracts';
import type { ResolutionDocument } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface ResolutionSummaryRow {
  id: string;
  number: string;
  title: string;
  issuedAt: Date;
  motionId: string;
  voteId: string;
  complianceDeadline: string | null;
  digest: string;
  objectives: string[];
  institutions: string[];
  compliance: Record<string, ComplianceStatus>;
}

export interface ResolutionDetailRow extends ResolutionSummaryRow {
  body: string;
  document: ResolutionDocument;
}

/** What verification compares with the record: lists as stored, unordered. */
export interface ResolutionAuditRow {
  document: ResolutionDocument;
  digest: string;
  objectives: string[];
  institutions: string[];
}

export interface ResolutionFilter {
  objective?: string;
  institution?: string;
  dimension?: string;
  theme?: string;
  /** At least one bound institution in this compliance status. */
  status?: ComplianceStatus;
  year?: number;
  /** Full-text search over title and body. */
  q?: string;
  /** Keyset paging: only resolutions numbered before this one. */
  before?: { year: number; sequence: number };
}

const SUMMARY_COLUMNS = [
  'r.id',
  'r.number',
  'r.title',
  'r.issued_at AS "issuedAt"',
  'r.motion_id AS "motionId"',
  'r.vote_id AS "voteId"',
  `to_char(r.compliance_deadline, 'YYYY-MM-DD') AS "complianceDeadline"`,
  'r.digest',
  'ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1) AS objectives',
  `ARRAY(SELECT i.code FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
         WHERE ri.resolution_id = r.id ORDER BY 1) AS institutions`,
  `(SELECT coalesce(json_object_agg(i.code, c.status ORDER BY i.code), '{}') FROM compliance c
      JOIN institutions i ON i.id = c.institution_id WHERE c.resolution_id = r.id) AS compliance`,
];

/** Columns listed before the summary's come first in each row (and so in its JSON). */
const selectSummaries = (leadingColumns: string[] = []): string =>
  `SELECT ${[...leadingColumns, ...SUMMARY_COLUMNS].join(', ')} FROM resolutions r`;

/** Adds a value to the query's parameters and answers its placeholder. */
type Bind = (value: unknown) => string;

/** One condition of the WHERE clause, or null when its filter is not set. */
type FilterPart = (filter: ResolutionFilter, bind: Bind) => string | null;

// Parameters are numbered in this order.
const FILTER_PARTS: FilterPart[] = [
  ({ objective }, bind) =>
    objective
      ? `EXISTS (SELECT 1 FROM resolution_objectives o WHERE o.resolution_id = r.id AND o.objective_code = ${bind(objective)})`
      : null,
  ({ institution }, bind) =>
    institution
      ? `EXISTS (SELECT 1 FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
                 WHERE ri.resolution_id = r.id AND i.code = ${bind(institution)})`
      : null,
  // Dimension and theme must hold for the same objective, so they share one EXISTS.
  ({ dimension, theme }, bind) => {
    if (!dimension && !theme) return null;
    const conditions = [
      'o.resolution_id = r.id',
      ...(dimension ? [`t.dimension_code = ${bind(dimension)}`] : []),
      ...(theme ? [`t.code = ${bind(theme)}`] : []),
    ];
    return `EXISTS (SELECT 1 FROM resolution_objectives o JOIN plan_objectives po ON po.code = o.objective_code
                    JOIN plan_themes t ON t.code = po.theme_code
                    WHERE ${conditions.join(' AND ')})`;
  },
  ({ status }, bind) =>
    status
      ? `EXISTS (SELECT 1 FROM compliance c WHERE c.resolution_id = r.id AND c.status = ${bind(status)})`
      : null,
  ({ year }, bind) => (year ? `r.year = ${bind(year)}` : null),
  ({ q }, bind) => (q ? `r.search_vector @@ websearch_to_tsquery('asamblea_es', ${bind(q)})` : null),
  ({ before }, bind) =>
    before ? `(r.year, r.sequence) < (${bind(before.year)}, ${bind(before.sequence)})` : null,
];

/** Resolutions matching every filter set, newest first. */
export async function readResolutionSummaries(
  source: Source,
  filter: ResolutionFilter,
  limit: number,
): Promise<ResolutionSummaryRow[]> {
  const params: unknown[] = [];
  const bind: Bind = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = FILTER_PARTS.map((part) => part(filter, bind)).filter((condition) => condition !== null);
  return source.query(
    `${selectSummaries()} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY r.year DESC, r.sequence DESC LIMIT ${bind(limit)}`,
    params,
  );
}

export async function readResolutionDetail(
  source: Source,
  number: string,
): Promise<ResolutionDetailRow | null> {
  const [row]: ResolutionDetailRow[] = await source.query(
    `${selectSummaries(['r.body', 'r.document'])} WHERE r.number = $1`,
    [number],
  );
  return row ?? null;
}

export async function resolutionExists(source: Source, number: string): Promise<boolean> {
  const rows: unknown[] = await source.query(`SELECT 1 FROM resolutions WHERE number = $1`, [number]);
  return rows.length > 0;
}

export async function readResolutionAudit(
  source: Source,
  number: string,
): Promise<ResolutionAuditRow | null> {
  const [row]: ResolutionAuditRow[] = await source.query(
    `SELECT r.document, r.digest,
       ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id) AS objectives,
       ARRAY(SELECT i.code FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
             WHERE ri.resolution_id = r.id) AS institutions
     FROM resolutions r WHERE r.number = $1`,
    [number],
  );
  return row ?? null;
}

/** Every resolution number, in the order they were issued. */
export async function readResolutionNumbers(source: Source): Promise<string[]> {
  const rows: { number: string }[] = await source.query(
    `SELECT number FROM resolutions ORDER BY year, sequence`,
  );
  return rows.map((row) => row.number);
}
