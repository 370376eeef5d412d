import { Controller, Get, Req, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../common/auth/auth-decorators.js';
import { FEED_SIZE, FeedsService, type FeedOrigin } from './feeds.service.js';

const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/** Absolute links need the public origin: the request's (behind a proxy, with TRUST_PROXY on). */
function feedOrigin(request: Request): FeedOrigin {
  try {
    const url = new URL(`${request.protocol}://${request.host}`);
    if (url.hostname) return { origin: url.origin, authority: url.hostname };
  } catch {
    // A malformed Host header: fall through to a neutral origin rather than fail.
  }
  return { origin: 'http://localhost', authority: 'localhost' };
}

function atom(xml: string): StreamableFile {
  const bytes = Buffer.from(xml, 'utf8');
  return new StreamableFile(bytes, { type: ATOM_TYPE, length: bytes.length });
}

@ApiTags('open data')
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Public()
  @Get('resolutions.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: `Atom feed of the newest ${FEED_SIZE} binding resolutions (public)` })
  async resolutions(@Req() request: Request): Promise<StreamableFile> {
    return atom(await this.feeds.resolutions(feedOrigin(request)));
  }

  @Public()
  @Get('compliance.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({
    summary: `Atom feed of the newest ${FEED_SIZE} compliance changes: progress reports and missed deadlines (public)`,
  })
  async compliance(@Req() request: Request): Promise<StreamableFile> {
    return atom(await this.feeds.compliance(feedOrigin(request)));
  }
}
