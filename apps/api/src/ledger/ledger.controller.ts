import { type ChainVerdict, type LedgerEvent } from '#domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Public } from '../common/auth/auth-decorators.js';
import { LedgerReader } from './ledger-reader.js';
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
    private readonly reader: LedgerReader,
    private readonly verifier: LedgerVerifier,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The public record, in order. hash = SHA-256 of canonical JSON {actor, occurredAt, payloadHash, previousHash, sequence, subject, type}; payloadHash = SHA-256 of the canonical payload.',
  })
  page(@Query() query: LedgerPageQuery): Promise<{ events: LedgerEvent[]; next: number | null }> {
    return this.reader.page(query.after ?? 0, query.limit ?? 500);
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
