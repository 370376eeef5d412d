import type { ResolutionSummary } from '#contracts';
import { DomainError, RESOLUTION_NUMBER_PATTERN, type ResolutionDocument } from '#domain';
import {
  readResolutionDetail,
  readResolutionSummaries,
  resolutionExists,
  type ResolutionFilter,
  type ResolutionSummaryRow,
} from '#persistence';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DocumentsService } from '../documents/documents.service.js';

export interface ResolutionListQuery extends Omit<ResolutionFilter, 'before'> {
  /** The last number of the previous page. */
  before?: string;
  limit?: number;
}

export type ResolutionDetail = ResolutionSummary & { body: string; document: ResolutionDocument };

const summary = <T extends ResolutionSummaryRow>(row: T): Omit<T, 'issuedAt'> & { issuedAt: string } => ({
  ...row,
  issuedAt: row.issuedAt.toISOString(),
});

/** The public reads of binding resolutions. */
@Injectable()
export class ResolutionQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  /** Newest first, keyset-paged by number. */
  async list(query: ResolutionListQuery): Promise<{ items: ResolutionSummary[]; next: string | null }> {
    const { before, limit = 50, ...filter } = query;
    const [, year, sequence] = before ? RESOLUTION_NUMBER_PATTERN.exec(before)! : [];
    const rows = await readResolutionSummaries(
      this.dataSource,
      { ...filter, ...(before ? { before: { year: Number(year), sequence: Number(sequence) } } : {}) },
      limit + 1,
    );
    const items = rows.slice(0, limit).map(summary);
    return { items, next: rows.length > limit ? items.at(-1)!.number : null };
  }

  async get(
    number: string,
    canonicalOnly: boolean,
  ): Promise<ResolutionDetail | { document: ResolutionDocument; digest: string }> {
    const row = await readResolutionDetail(this.dataSource, number);
    if (!row) throw new DomainError('RESOLUTION_NOT_FOUND');
    return canonicalOnly ? { document: row.document, digest: row.digest } : summary(row);
  }

  /** The printable resolution the worker generated. */
  async pdf(number: string): Promise<StreamableFile> {
    if (!(await resolutionExists(this.dataSource, number))) throw new DomainError('RESOLUTION_NOT_FOUND');
    return this.documents.file('resolution', number, `${number}.pdf`);
  }
}
