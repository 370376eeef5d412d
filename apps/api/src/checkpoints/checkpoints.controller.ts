import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth-decorators.js';
import { CheckpointDto, CheckpointPageDto, CheckpointPageQuery, SigningKeysDto } from './checkpoints.dto.js';
import { CheckpointsService } from './checkpoints.service.js';

@ApiTags('public record')
@Public()
@Controller()
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointsService) {}

  @Get('ledger/checkpoints')
  @ApiOperation({
    summary:
      'Signed checkpoints of the record, newest first (page with `before`). Each signs {sequence, hash, time, keyId}; verify with the key in force at that sequence (GET /api/ledger/keys)',
  })
  @ApiOkResponse({ type: CheckpointPageDto })
  page(@Query() query: CheckpointPageQuery): Promise<CheckpointPageDto> {
    return this.checkpoints.page(query.before ?? null, query.limit ?? 100);
  }

  @Get('ledger/checkpoints/latest')
  @ApiOperation({ summary: 'The newest signed checkpoint' })
  @ApiOkResponse({ type: CheckpointDto })
  @ApiNotFoundResponse({ description: 'CHECKPOINT_NOT_FOUND: none signed yet' })
  latest(): Promise<CheckpointDto> {
    return this.checkpoints.latest();
  }

  @Get('ledger/keys')
  @ApiOperation({
    summary:
      'Every key that signs checkpoints, as the record states it (record.signing_key_* events): validity range and the endorsement by the key it replaced',
  })
  @ApiOkResponse({ type: SigningKeysDto })
  keys(): Promise<SigningKeysDto> {
    return this.checkpoints.keys();
  }

  @Get('feeds/checkpoints.atom')
  @ApiTags('open data')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: 'Atom feed of the newest 50 signed checkpoints (public)' })
  async feed(): Promise<StreamableFile> {
    const bytes = Buffer.from(await this.checkpoints.feed(), 'utf8');
    return new StreamableFile(bytes, { type: 'application/atom+xml; charset=utf-8', length: bytes.length });
  }
}
