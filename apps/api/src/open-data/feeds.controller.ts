import type { AppConfig } from '#config';
import { Controller, Get, Inject, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { FEED_SIZE, FeedsService, type FeedOrigin } from './feeds.service.js';

const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Absolute links are built on the configured PUBLIC_URL (validated at boot as an http(s) origin), never
 * on the request's Host or X-Forwarded-Host: a client must not choose where a feed's links point.
 */
function feedOrigin(publicUrl: string): FeedOrigin {
  const url = new URL(publicUrl);
  return { origin: url.origin, authority: url.hostname };
}

function atom(xml: string): StreamableFile {
  const bytes = Buffer.from(xml, 'utf8');
  return new StreamableFile(bytes, { type: ATOM_TYPE, length: bytes.length });
}

@ApiTags('open data')
@Controller('feeds')
export class FeedsController {
  private readonly origin: FeedOrigin;

  constructor(
    private readonly feeds: FeedsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.origin = feedOrigin(config.publicUrl);
  }

  @Public()
  @Get('resolutions.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: `Atom feed of the newest ${FEED_SIZE} binding resolutions (public)` })
  async resolutions(): Promise<StreamableFile> {
    return atom(await this.feeds.resolutions(this.origin));
  }

  @Public()
  @Get('compliance.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({
    summary: `Atom feed of the newest ${FEED_SIZE} compliance changes: progress reports and missed deadlines (public)`,
  })
  async compliance(): Promise<StreamableFile> {
    return atom(await this.feeds.compliance(this.origin));
  }
}
