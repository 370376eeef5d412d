import { DomainError, RESOLUTION_NUMBER_PATTERN } from '#domain';
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { Response } from 'express';
import { Public } from '../common/auth/auth-decorators.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { PlanFilterQuery } from '../plan/dto/plan-filter.dto.js';
import { ResolutionQueriesService } from './resolution-queries.service.js';

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

@ApiTags('resolutions')
@Controller('resolutions')
export class ResolutionsController {
  constructor(
    private readonly queries: ResolutionQueriesService,
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
    return this.cache.json('resolutions', `list?${JSON.stringify(filters)}`, () => this.queries.list(query));
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
      return this.queries.pdf(pdfNumber);
    }
    const canonicalOnly = raw.endsWith('.json');
    const number = canonicalOnly ? raw.slice(0, -'.json'.length) : raw;
    if (!RESOLUTION_NUMBER_PATTERN.test(number)) throw new DomainError('RESOLUTION_NOT_FOUND');
    response.type('json');
    return this.cache.json('resolutions', raw, () => this.queries.get(number, canonicalOnly));
  }
}
