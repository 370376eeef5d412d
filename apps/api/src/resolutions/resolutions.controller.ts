import type { ResolutionSummary } from '#contracts';
import { DomainError, RESOLUTION_NUMBER_PATTERN, type ResolutionDocument } from '#domain';
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../common/auth/auth-decorators.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { PlanFilterQuery } from '../plan/dto/plan-filter.dto.js';
import { DocumentsService } from '../documents/documents.service.js';

export class ListResolutionsQuery extends PlanFilterQuery {
  @ApiPropertyOptional({
    enum: ['pending', 'in_progress', 'fulfilled', 'overdue'],
    description: 'Resolutions with at least one bound institution in this compliance status',
  })
  @IsOptional()
  @IsIn(['pending', 'in_progress', 'fulfilled', 'overdue'])
  status?: 'pending' | 'in_progress' | 'fulfilled' | 'overdue';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2999)
  year?: number;

  @IsOptional()
  @IsString()
  @Length(2, 200)
  q?: string;

  @IsOptional()
  @Matches(RESOLUTION_NUMBER_PATTERN)
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const SUMMARY = `
  SELECT r.id, r.number, r.title, r.issued_at AS "issuedAt", r.motion_id AS "motionId", r.vote_id AS "voteId",
    to_char(r.compliance_deadline, 'YYYY-MM-DD') AS "complianceDeadline", r.digest,
    ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1) AS objectives,
    ARRAY(SELECT i.code FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
          WHERE ri.resolution_id = r.id ORDER BY 1) AS institutions,
    (SELECT coalesce(json_object_agg(i.code, c.status ORDER BY i.code), '{}') FROM compliance c
       JOIN institutions i ON i.id = c.institution_id WHERE c.resolution_id = r.id) AS compliance
  FROM resolutions r`;

@ApiTags('resolutions')
@Controller('resolutions')
export class ResolutionsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly cache: PublicReadCache,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Binding resolutions, newest first, with filters and keyset paging (public)' })
  async list(
    @Query() query: ListResolutionsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const filters = Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    response.type('json');
    return this.cache.json('resolutions', `list?${JSON.stringify(filters)}`, () => this.readList(query));
  }

  private async readList(
    query: ListResolutionsQuery,
  ): Promise<{ items: ResolutionSummary[]; next: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.objective)
      where.push(
        `EXISTS (SELECT 1 FROM resolution_objectives o WHERE o.resolution_id = r.id AND o.objective_code = ${p(query.objective)})`,
      );
    if (query.institution)
      where.push(
        `EXISTS (SELECT 1 FROM resolution_institutions ri JOIN institutions i ON i.id = ri.institution_id
                 WHERE ri.resolution_id = r.id AND i.code = ${p(query.institution)})`,
      );
    if (query.dimension || query.theme)
      where.push(
        `EXISTS (SELECT 1 FROM resolution_objectives o JOIN plan_objectives po ON po.code = o.objective_code
                 JOIN plan_themes t ON t.code = po.theme_code
                 WHERE o.resolution_id = r.id
                 ${query.dimension ? `AND t.dimension_code = ${p(query.dimension)}` : ''}
                 ${query.theme ? `AND t.code = ${p(query.theme)}` : ''})`,
      );
    if (query.status)
      where.push(
        `EXISTS (SELECT 1 FROM compliance c WHERE c.resolution_id = r.id AND c.status = ${p(query.status)})`,
      );
    if (query.year) where.push(`r.year = ${p(query.year)}`);
    if (query.q) where.push(`r.search_vector @@ websearch_to_tsquery('asamblea_es', ${p(query.q)})`);
    if (query.before) {
      const [, year, sequence] = RESOLUTION_NUMBER_PATTERN.exec(query.before)!;
      where.push(`(r.year, r.sequence) < (${p(Number(year))}, ${p(Number(sequence))})`);
    }
    const limit = query.limit ?? 50;
    const rows: ResolutionSummary[] = await this.dataSource.query(
      `${SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.year DESC, r.sequence DESC LIMIT ${p(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items.at(-1)!.number : null };
  }

  @Public()
  @Get(':number')
  @ApiParam({
    name: 'number',
    example: 'RES-APR-2026-0001',
    description:
      'Add `.json` for the canonical document and its digest only, `.pdf` for the printable resolution',
  })
  @ApiOperation({
    summary: 'A resolution: frozen text, objectives, institutions, the vote and its digest (public)',
  })
  async get(
    @Param('number') raw: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string | StreamableFile> {
    if (raw.endsWith('.pdf')) {
      const pdfNumber = raw.slice(0, -'.pdf'.length);
      if (!RESOLUTION_NUMBER_PATTERN.test(pdfNumber)) throw new DomainError('RESOLUTION_NOT_FOUND');
      const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM resolutions WHERE number = $1`, [
        pdfNumber,
      ]);
      if (exists.length === 0) throw new DomainError('RESOLUTION_NOT_FOUND');
      return this.documents.file('resolution', pdfNumber, `${pdfNumber}.pdf`);
    }
    const canonicalOnly = raw.endsWith('.json');
    const number = canonicalOnly ? raw.slice(0, -'.json'.length) : raw;
    if (!RESOLUTION_NUMBER_PATTERN.test(number)) throw new DomainError('RESOLUTION_NOT_FOUND');
    response.type('json');
    return this.cache.json('resolutions', raw, () => this.readResolution(number, canonicalOnly));
  }

  private async readResolution(
    number: string,
    canonicalOnly: boolean,
  ): Promise<
    | (ResolutionSummary & { body: string; document: ResolutionDocument })
    | { document: ResolutionDocument; digest: string }
  > {
    const [row]: (ResolutionSummary & { body: string; document: ResolutionDocument })[] =
      await this.dataSource.query(
        `${SUMMARY.replace('SELECT r.id', 'SELECT r.body, r.document, r.id')} WHERE r.number = $1`,
        [number],
      );
    if (!row) throw new DomainError('RESOLUTION_NOT_FOUND');
    return canonicalOnly ? { document: row.document, digest: row.digest } : row;
  }
}
