import { type ChainVerdict, type LedgerEvent } from '#domain';
import { readLedger } from '#persistence';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { Public } from '../common/auth/auth-decorators.js';
import { LedgerVerifier } from './ledger-verifier.js';

export class LedgerPageQuery {
  @ApiPropertyOptional({ description: 'Return events with a sequence number above this one', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ default: 500, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

@ApiTags('public record')
@Public()
@Controller('ledger')
export class LedgerController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifier: LedgerVerifier,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The public record, in order. hash = SHA-256 of canonical JSON {actor, occurredAt, payloadHash, previousHash, sequence, subject, type}; payloadHash = SHA-256 of the canonical payload.',
  })
  async page(@Query() query: LedgerPageQuery): Promise<{ events: LedgerEvent[]; next: number | null }> {
    const limit = query.limit ?? 500;
    const events = await readLedger(this.dataSource, query.after ?? 0, limit);
    return { events, next: events.length === limit ? events[events.length - 1]!.sequence : null };
  }

  @Get('verify')
  @ApiOperation({
    summary:
      'Recompute every hash of the stored record and name the first broken link (concurrent requests share one run)',
  })
  verify(): Promise<ChainVerdict & { verifiedAt: string }> {
    return this.verifier.verify();
  }
}
