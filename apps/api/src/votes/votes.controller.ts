import type { MyBallotView, VoteParticipationView, VoteView } from '#contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { UuidParam } from '../common/http/validation.js';
import { SessionReader } from '../sessions/session-reader.js';
import { BallotCastingService, type BallotReceipt } from './ballot-casting.service.js';
import { MyBallotDto, VoteParticipationDto } from './dto/vote-standing.dto.js';
import { CastBallotDto, OpenVoteDto, RecordBallotDto } from './dto/vote.dto.js';
import { VoteClosingService } from './vote-closing.service.js';
import { VoteOpeningService } from './vote-opening.service.js';
import { VoteStandingService } from './vote-standing.service.js';

@ApiTags('votes')
@Controller()
export class VotesController {
  constructor(
    private readonly opening: VoteOpeningService,
    private readonly casting: BallotCastingService,
    private readonly closing: VoteClosingService,
    private readonly standing: VoteStandingService,
    private readonly reader: SessionReader,
    private readonly cache: PublicReadCache,
  ) {}

  @Post('sessions/:id/votes')
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Open a roll-call vote on the current agenda item (moderator; needs quorum; freezes the entitled list)',
  })
  open(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) sessionId: string,
    @Body() body: OpenVoteDto,
  ): Promise<VoteView> {
    return this.opening.open(user, sessionId, body);
  }

  @Public()
  @Get('sessions/:id/votes')
  @ApiOperation({ summary: 'Every vote of a session, oldest first; ballots shown once closed (public)' })
  list(@Param('id', UuidParam) sessionId: string): Promise<VoteView[]> {
    return this.reader.votes(sessionId);
  }

  @Public()
  @Get('votes/:id')
  @ApiOperation({
    summary: 'A vote: progress while open; tally, outcome and every ballot once closed (public)',
  })
  async get(
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    response.type('json');
    // A closed vote never changes again: its answer is kept (everyone who opens its ballots asks for it).
    return this.cache.json(
      'votes',
      id,
      () => this.reader.vote(id),
      (vote) => vote.status === 'closed',
    );
  }

  @Get('votes/:id/my-ballot')
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Your standing in a vote, open or closed (delegate): entitled or why not, and your standing ballot with its receipt',
  })
  @ApiOkResponse({ type: MyBallotDto })
  myBallot(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<MyBallotView> {
    return this.standing.myBallot(user, id);
  }

  @Get('votes/:id/participation')
  @Roles('moderator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Who of the entitled has voted, never how, while open or after (moderator, admin)',
  })
  @ApiOkResponse({ type: VoteParticipationDto })
  participation(@Param('id', UuidParam) id: string): Promise<VoteParticipationView> {
    return this.standing.participation(id);
  }

  @Post('votes/:id/ballots')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Cast or change your ballot (entitled delegates); answers with the receipt, the hash of its public-record event',
  })
  cast(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: CastBallotDto,
  ): Promise<BallotReceipt> {
    return this.casting.cast(user, id, body);
  }

  @Post('votes/:id/recorded-ballots')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Record the ballot of a delegate who voted by voice, show of hands or on paper (moderator): counted like any other, marked in the public record as recorded by the Mesa; the delegate may replace it with their own while the vote is open. Refused with 409 DELEGATE_NOT_ENTITLED (not on the frozen entitled list) or DELEGATE_NOT_PRESENT (not checked in). Same idempotency and receipt as POST /api/votes/:id/ballots',
  })
  record(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: RecordBallotDto,
  ): Promise<BallotReceipt> {
    return this.casting.record(user, id, body);
  }

  @Post('votes/:id/close')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close the vote: count it and settle the outcome (moderator)' })
  close(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam) id: string): Promise<VoteView> {
    return this.closing.close(user, id);
  }
}
