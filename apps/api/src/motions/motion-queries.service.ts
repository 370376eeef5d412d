import type { MotionDetail, MotionSummary, MotionVersionView } from '#contracts';
import { DomainError, MOTION_NUMBER_PATTERN, diffText } from '#domain';
import {
  readDelegateIdOfUser,
  readFiledAmendments,
  readLatestMotionItem,
  readMotionCosponsors,
  readMotionKey,
  readMotionResolutionNumber,
  readMotionSummary,
  readMotionSummaryPage,
  readMotionText,
  readMotionVersions,
  readMotionVotes,
  readSubjectHistory,
  type MotionPageQuery,
  type MotionSummaryRow,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type { MotionDetail, MotionSummary, MotionVersionView };

/** The list's filters as the API takes them: the store's, with the words, page size and cursor. */
export interface MotionFilter extends Pick<
  MotionPageQuery,
  'status' | 'objective' | 'dimension' | 'theme' | 'institution' | 'author' | 'constituency'
> {
  q?: string;
  limit?: number;
  cursor?: string;
}

const summary = (row: MotionSummaryRow): MotionSummary => ({
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

  /** The delegate a signed-in user is, if any: drafts are shown to their author only. */
  async viewerDelegateId(userId: string | undefined): Promise<string | null> {
    if (!userId) return null;
    return readDelegateIdOfUser(this.dataSource, userId);
  }

  /**
   * Public listing with keyset pagination, so pages neither repeat nor skip rows while new motions
   * arrive: newest filed first, or by search rank (title weighs more than body, body more than
   * rationale). Drafts appear only to their author.
   */
  async list(
    filter: MotionFilter,
    viewerDelegateId: string | null,
  ): Promise<{ items: MotionSummary[]; nextCursor: string | null }> {
    const searching = Boolean(filter.q?.trim());
    const limit = filter.limit ?? 20;
    const rows = await readMotionSummaryPage(this.dataSource, {
      status: filter.status,
      objective: filter.objective,
      dimension: filter.dimension,
      theme: filter.theme,
      institution: filter.institution,
      author: filter.author,
      constituency: filter.constituency,
      search: searching ? filter.q : undefined,
      viewerDelegateId,
      after: filter.cursor ? decodeCursor(filter.cursor, searching) : undefined,
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summary),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
    };
  }

  async get(idOrNumber: string, viewerDelegateId: string | null): Promise<MotionDetail> {
    const byNumber = MOTION_NUMBER_PATTERN.test(idOrNumber.toUpperCase());
    const found = byNumber
      ? await readMotionKey(this.dataSource, { number: idOrNumber.toUpperCase() })
      : isUUID(idOrNumber)
        ? await readMotionKey(this.dataSource, { id: idOrNumber })
        : undefined;
    if (!found || (found.number === null && found.author_delegate_id !== viewerDelegateId))
      throw new DomainError('MOTION_NOT_FOUND');
    const base = summary((await readMotionSummary(this.dataSource, found.id))!);

    const detail = await readMotionText(this.dataSource, found.id);
    const versionRows = await readMotionVersions(this.dataSource, found.id);
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
    const cosponsors = await readMotionCosponsors(this.dataSource, found.id);
    const amendments = await readFiledAmendments(this.dataSource, found.id);
    return {
      ...base,
      body: detail.body,
      rationale: detail.rationale,
      amendmentChanges: detail.amendment_changes,
      inadmissibleReason: detail.inadmissible_reason,
      decision: detail.decision,
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
    const [agendaItem, votes, resolutionNumber] = await Promise.all([
      readLatestMotionItem(this.dataSource, motionId),
      readMotionVotes(this.dataSource, motionId),
      readMotionResolutionNumber(this.dataSource, motionId),
    ]);
    return {
      agendaItem,
      votes: votes.map((vote) => ({
        id: vote.id,
        status: vote.status,
        outcome: vote.outcome,
        closedAt: vote.closed_at?.toISOString() ?? null,
      })),
      resolutionNumber,
    };
  }
}
