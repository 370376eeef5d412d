import type {
  FoundQuestionBallotView,
  MyBallotView,
  SecretQuestionBallotsView,
  SecretQuestionParticipationView,
  SecretQuestionReceipt,
  VoteParticipationView,
  VoteView,
} from '#contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { UuidParam } from '../common/http/validation.js';
import { SessionReader } from '../sessions/session-reader.js';
import { BallotCastingService, type BallotReceipt } from './ballot-casting.service.js';
import { FindBallotDto } from '../elections/dto/election.dto.js';
import {
  FoundQuestionBallotDto,
  SecretQuestionBallotDto,
  SecretQuestionBallotsDto,
  SecretQuestionParticipationDto,
  SecretQuestionReceiptDto,
} from './dto/secret-question.dto.js';
import { MyBallotDto, VoteParticipationDto } from './dto/vote-standing.dto.js';
import { SecretQuestionService } from './secret-question.service.js';
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
    private readonly secret: SecretQuestionService,
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
      'Record the ballot of a delegate who voted by voice, show of hands or on paper (moderator): counted like any other, marked in the public record as recorded by the Mesa; the delegate may replace it with their own while the vote is open. Refused with 409 DELEGATE_NOT_ENTITLED (not on the frozen entitled list) or DELEGATE_NOT_PRESENT (not checked in), BALLOT_CAST_BY_DELEGATE (the delegate voted themselves: only they may change it). Same idempotency and receipt as POST /api/votes/:id/ballots',
  })
  record(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: RecordBallotDto,
  ): Promise<BallotReceipt> {
    return this.casting.record(user, id, body);
  }

  @Post('votes/:id/secret-ballots')
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Cast or change your ballot in a secret question (entitled, present delegates): the tracker your device drew and yes/no/abstain. You join the public participation list; your choice is sealed without your name and published with the tracker at the close. Refused: 409 VOTE_NOT_SECRET (roll-call vote), SECRET_BALLOT_ALREADY_CAST (you voted with another tracker), TRACKER_TAKEN, VOTE_CLOSED; 403 NOT_ENTITLED_TO_VOTE; 422 TRACKER_MALFORMED',
  })
  @ApiCreatedResponse({ type: SecretQuestionReceiptDto })
  castSecret(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: SecretQuestionBallotDto,
  ): Promise<SecretQuestionReceipt> {
    return this.secret.cast(user, id, body);
  }

  @Public()
  @Get('votes/:id/secret-participation')
  @ApiOperation({
    summary:
      'Who of the entitled took part in a secret question, never how, while open and after (public; 409 VOTE_NOT_SECRET for a roll-call vote)',
  })
  @ApiOkResponse({ type: SecretQuestionParticipationDto })
  secretParticipation(@Param('id', UuidParam) id: string): Promise<SecretQuestionParticipationView> {
    return this.secret.participation(id);
  }

  @Public()
  @Get('votes/:id/secret-ballots')
  @ApiOperation({
    summary:
      'A closed secret question’s published ballots: every (tracker, choice) in tracker order, without voter or time, and their hash in the record (public; 409 VOTE_NOT_CLOSED while open, VOTE_NOT_SECRET for a roll-call vote)',
  })
  @ApiOkResponse({ type: SecretQuestionBallotsDto })
  secretBallots(@Param('id', UuidParam) id: string): Promise<SecretQuestionBallotsView> {
    return this.secret.ballots(id);
  }

  @Public()
  @Post('votes/:id/find-ballot')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Find your tracker among a closed secret question’s published ballots (public; the tracker goes in the body, never in a URL)',
  })
  @ApiOkResponse({ type: FoundQuestionBallotDto })
  findBallot(
    @Param('id', UuidParam) id: string,
    @Body() body: FindBallotDto,
  ): Promise<FoundQuestionBallotView> {
    return this.secret.find(id, body.tracker);
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
