import type { MotionDetail, MotionSummary, MotionVersionView } from '#contracts';
import { DomainError, MOTION_NUMBER_PATTERN, diffText, type MotionStatus } from '#domain';
import { readSubjectHistory } from '#persistence';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type { MotionDetail, MotionSummary, MotionVersionView };

export interface MotionFilter {
  status?: MotionStatus;
  objective?: string;
  dimension?: string;
  theme?: string;
  institution?: string;
  author?: string;
  constituency?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

interface SummaryRow {
  id: string;
  number: string | null;
  parent_id: string | null;
  title: string;
  status: MotionStatus;
  author_delegate_id: string;
  author_name: string;
  constituency_code: string;
  constituency_name: string;
  objectives: string[];
  institutions: string[];
  compliance_deadline: string | null;
  cosponsor_count: number;
  filed_at: Date | null;
  created_at: Date;
  sort_key: string | number;
  rank: number | null;
}

const summary = (row: SummaryRow): MotionSummary => ({
  id: row.id,
  number: row.number,
  kind: row.parent_id ? 'amendment' : 'motion',
  parentId: row.parent_id,
  title: row.title,
  status: row.status,
  author: {
    delegateId: row.author_delegate_id,
    fullName: row.author_name,
    constituency: { code: row.constituency_code, name: row.constituency_name },
  },
  objectives: row.objectives,
  institutions: row.institutions,
  complianceDeadline: row.compliance_deadline,
  cosponsorCount: row.cosponsor_count,
  filedAt: row.filed_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  ...(row.rank !== null ? { rank: row.rank } : {}),
});

function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(cursor: string, searching: boolean): [string | number, string] {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const keyOk = searching
      ? typeof key === 'number' && Number.isFinite(key) && key >= 0 && key <= 1e6
      : typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(key);
    if (!keyOk || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return [key as string | number, id];
  } catch {
    throw new DomainError('VALIDATION_FAILED', {}, [
      { field: 'cursor', problems: ['cursor: not a cursor this API issued'] },
    ]);
  }
}

@Injectable()
export class MotionQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Public listing with keyset pagination, so pages neither repeat nor skip rows while new motions
   * arrive: newest filed first, or by search rank (title weighs more than body, body more than
   * rationale). Drafts appear only to their author.
   */
  async list(
    filter: MotionFilter,
    viewerDelegateId: string | null,
  ): Promise<{ items: MotionSummary[]; nextCursor: string | null }> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    // Public means filed at some point (it has a number); a draft, even withdrawn, stays its author's.
    if (filter.status === 'draft')
      where.push(`m.status = 'draft' AND m.author_delegate_id = ${p(viewerDelegateId)}`);
    else if (filter.status) where.push(`m.status = ${p(filter.status)} AND m.number IS NOT NULL`);
    else where.push(`m.number IS NOT NULL`);
    if (filter.objective)
      where.push(
        `EXISTS (SELECT 1 FROM motion_objectives mo WHERE mo.motion_id = m.id AND mo.objective_code = ${p(filter.objective)})`,
      );
    if (filter.theme || filter.dimension) {
      const conditions = [
        filter.theme ? `o.theme_code = ${p(filter.theme)}` : null,
        filter.dimension ? `t.dimension_code = ${p(filter.dimension)}` : null,
      ].filter(Boolean);
      where.push(`EXISTS (SELECT 1 FROM motion_objectives mo JOIN plan_objectives o ON o.code = mo.objective_code
        JOIN plan_themes t ON t.code = o.theme_code WHERE mo.motion_id = m.id AND ${conditions.join(' AND ')})`);
    }
    if (filter.institution) {
      where.push(`EXISTS (SELECT 1 FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id
        WHERE mi.motion_id = m.id AND i.code = ${p(filter.institution)})`);
    }
    if (filter.author) where.push(`m.author_delegate_id = ${p(filter.author)}`);
    if (filter.constituency) where.push(`d.constituency_code = ${p(filter.constituency)}`);

    const searching = Boolean(filter.q?.trim());
    let sortKey = `to_char(coalesce(m.filed_at, m.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
    let rank = 'NULL::real';
    if (searching) {
      const query = `websearch_to_tsquery('asamblea_es', ${p(filter.q)})`;
      where.push(`m.search_vector @@ ${query}`);
      rank = `ts_rank(m.search_vector, ${query})`;
      sortKey = rank;
    }
    if (filter.cursor) {
      const [key, id] = decodeCursor(filter.cursor, searching);
      where.push(`(${sortKey}, m.id::text) < (${p(key)}, ${p(id)})`);
    }
    const limit = filter.limit ?? 20;
    const rows = await this.summaries(
      where.join(' AND '),
      `ORDER BY ${sortKey} DESC, m.id::text DESC LIMIT ${p(limit + 1)}`,
      params,
      sortKey,
      rank,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summary),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
    };
  }

  private summaries(
    where: string,
    tail: string,
    params: unknown[],
    sortKey = 'NULL',
    rank = 'NULL::real',
  ): Promise<SummaryRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.number, m.parent_id, m.title, m.status, m.author_delegate_id, d.full_name AS author_name,
              d.constituency_code, c.name AS constituency_name,
              ARRAY(SELECT objective_code FROM motion_objectives WHERE motion_id = m.id ORDER BY 1) AS objectives,
              ARRAY(SELECT i.code FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id
                    WHERE mi.motion_id = m.id ORDER BY 1) AS institutions,
              to_char(m.compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline,
              (SELECT count(*)::int FROM motion_cosponsors WHERE motion_id = m.id) AS cosponsor_count,
              m.filed_at, m.created_at, ${sortKey} AS sort_key, ${rank} AS rank
       FROM motions m JOIN delegates d ON d.id = m.author_delegate_id JOIN constituencies c ON c.code = d.constituency_code
       WHERE ${where} ${tail}`,
      params,
    );
  }

  async get(idOrNumber: string, viewerDelegateId: string | null): Promise<MotionDetail> {
    const byNumber = MOTION_NUMBER_PATTERN.test(idOrNumber.toUpperCase());
    const ids: { id: string; number: string | null; author_delegate_id: string }[] = byNumber
      ? await this.dataSource.query(`SELECT id, number, author_delegate_id FROM motions WHERE number = $1`, [
          idOrNumber.toUpperCase(),
        ])
      : isUUID(idOrNumber)
        ? await this.dataSource.query(`SELECT id, number, author_delegate_id FROM motions WHERE id = $1`, [
            idOrNumber,
          ])
        : [];
    const found = ids[0];
    if (!found || (found.number === null && found.author_delegate_id !== viewerDelegateId))
      throw new DomainError('MOTION_NOT_FOUND');
    const [row] = await this.summaries('m.id = $1', '', [found.id]);
    const base = summary(row!);

    const [detail] = await this.dataSource.query(
      `SELECT body, rationale, amendment_changes, inadmissible_reason, current_version FROM motions WHERE id = $1`,
      [found.id],
    );
    const versionRows: {
      version: number;
      title: string;
      body: string;
      rationale: string;
      amendment_id: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT version, title, body, rationale, amendment_id, created_at FROM motion_versions WHERE motion_id = $1 ORDER BY version`,
      [found.id],
    );
    const versions = versionRows.map((row, index): MotionVersionView => {
      const previous = versionRows[index - 1];
      return {
        version: row.version,
        title: row.title,
        body: row.body,
        rationale: row.rationale,
        amendmentId: row.amendment_id,
        createdAt: row.created_at.toISOString(),
        ...(previous
          ? {
              diff: {
                title: diffText(previous.title, row.title),
                body: diffText(previous.body, row.body),
                rationale: diffText(previous.rationale, row.rationale),
              },
            }
          : {}),
      };
    });
    const cosponsors: { delegate_id: string; full_name: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT mc.delegate_id, d.full_name, mc.created_at FROM motion_cosponsors mc JOIN delegates d ON d.id = mc.delegate_id
       WHERE mc.motion_id = $1 ORDER BY mc.created_at, mc.delegate_id`,
        [found.id],
      );
    const amendments = await this.dataSource.query(
      `SELECT id, number, status, title FROM motions WHERE parent_id = $1 AND number IS NOT NULL ORDER BY filed_at, id`,
      [found.id],
    );
    return {
      ...base,
      body: detail.body,
      rationale: detail.rationale,
      amendmentChanges: detail.amendment_changes,
      inadmissibleReason: detail.inadmissible_reason,
      currentVersion: detail.current_version,
      versions,
      cosponsors: cosponsors.map((row) => ({
        delegateId: row.delegate_id,
        fullName: row.full_name,
        since: row.created_at.toISOString(),
      })),
      amendments,
      history: await readSubjectHistory(this.dataSource, `motion:${found.id}`),
      ...(await this.whereDealtWith(found.id)),
    };
  }

  /** Its latest agenda item (with the session), the votes held on it and the resolution it became. */
  private async whereDealtWith(
    motionId: string,
  ): Promise<Pick<MotionDetail, 'agendaItem' | 'votes' | 'resolutionNumber'>> {
    const [items, votes, resolutions] = await Promise.all([
      this.dataSource.query(
        `SELECT s.id AS "sessionId", s.title AS "sessionTitle", s.status AS "sessionStatus",
                ai.id AS "itemId", ai.status AS "itemStatus"
         FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id
         WHERE ai.motion_id = $1 ORDER BY ai.created_at DESC, ai.id DESC LIMIT 1`,
        [motionId],
      ) as Promise<NonNullable<MotionDetail['agendaItem']>[]>,
      this.dataSource.query(
        `SELECT id, status, outcome, closed_at FROM votes WHERE motion_id = $1 ORDER BY opened_at, id`,
        [motionId],
      ) as Promise<
        {
          id: string;
          status: 'open' | 'closed';
          outcome: 'adopted' | 'rejected' | null;
          closed_at: Date | null;
        }[]
      >,
      this.dataSource.query(`SELECT number FROM resolutions WHERE motion_id = $1`, [motionId]) as Promise<
        { number: string }[]
      >,
    ]);
    return {
      agendaItem: items[0] ?? null,
      votes: votes.map((vote) => ({
        id: vote.id,
        status: vote.status,
        outcome: vote.outcome,
        closedAt: vote.closed_at?.toISOString() ?? null,
      })),
      resolutionNumber: resolutions[0]?.number ?? null,
    };
  }
}
