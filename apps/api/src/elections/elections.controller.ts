import type { CandidacyView, ElectionView, SecretBallotReceipt } from '#application';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import {
  CallElectionDto,
  FindBallotDto,
  ListElectionsQuery,
  NominateDto,
  OpenElectionRoundDto,
  SecretBallotDto,
} from './dto/election.dto.js';
import {
  ElectionParticipationDto,
  FoundBallotDto,
  MyElectionStandingDto,
  SecretBallotReceiptDto,
} from './dto/election-answers.dto.js';
import { ElectionNominationsService } from './election-nominations.service.js';
import {
  ElectionReadsService,
  type ElectionParticipationView,
  type FoundBallotView,
  type MyElectionStandingView,
  type PublishedBallotsView,
} from './election-reads.service.js';
import { ElectionVotingService } from './election-voting.service.js';

@ApiTags('elections')
@Controller('elections')
export class ElectionsController {
  constructor(
    private readonly nominations: ElectionNominationsService,
    private readonly voting: ElectionVotingService,
    private readonly reads: ElectionReadsService,
  ) {}

  @Post()
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Call an election for all the seats of a position in a term, with its method (moderator; public record: election.called)',
  })
  call(@CurrentUser() user: AuthenticatedUser, @Body() body: CallElectionDto): Promise<ElectionView> {
    return this.nominations.call(user, body);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: "Every election (or a session's), newest first: candidacies, rounds, outcome (public)",
  })
  list(@Query() query: ListElectionsQuery): Promise<ElectionView[]> {
    return this.reads.list(query.sessionId);
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary:
      'An election: candidacies, each round with its method explained, entitled and participation counts (never a partial tally), the outcome once closed (public)',
  })
  get(@Param('id', UuidParam) id: string): Promise<ElectionView> {
    return this.reads.get(id);
  }

  @Post(':id/candidacies')
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Stand (no candidateId: accepted at once) or nominate another active delegate, who must accept (delegate; while the election takes candidacies)',
  })
  nominate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: NominateDto,
  ): Promise<CandidacyView> {
    return this.nominations.nominate(user, id, body);
  }

  @Post(':id/candidacies/:candidacyId/accept')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Accept your nomination (the candidate only; 403 CANDIDACY_NOT_YOURS otherwise)' })
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('candidacyId', UuidParam) candidacyId: string,
  ): Promise<CandidacyView> {
    return this.nominations.answer(user, id, candidacyId, 'accept');
  }

  @Post(':id/candidacies/:candidacyId/withdraw')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw your candidacy before the first round opens (the candidate only)' })
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('candidacyId', UuidParam) candidacyId: string,
  ): Promise<CandidacyView> {
    return this.nominations.answer(user, id, candidacyId, 'withdraw');
  }

  @Post(':id/rounds')
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Open the next round (the first, or the run-off the first called) in an open session (moderator): quorum, the entitled list frozen and hashed, optional deadline',
  })
  open(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: OpenElectionRoundDto,
  ): Promise<ElectionView> {
    return this.voting.open(user, id, body);
  }

  @Post(':id/ballots')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Cast a secret ballot in the open round with your tracker; the same tracker changes it until the close (or retries it). A second ballot without it: 409 SECRET_BALLOT_ALREADY_CAST (entitled delegates)',
  })
  @ApiOkResponse({ type: SecretBallotReceiptDto })
  cast(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: SecretBallotDto,
  ): Promise<SecretBallotReceipt> {
    return this.voting.cast(user, id, body);
  }

  @Get(':id/my-standing')
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Your standing in the latest round (delegate): entitled, and whether you took part; never your choice, which is not kept with your name',
  })
  @ApiOkResponse({ type: MyElectionStandingDto })
  myStanding(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<MyElectionStandingView> {
    return this.reads.myStanding(user.id, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Close the open round (moderator): publish every (tracker, choice), decide the round; a run-off is then opened like the first; the elected get their offices',
  })
  close(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam) id: string): Promise<ElectionView> {
    return this.voting.close(user, id);
  }

  @Public()
  @Get(':id/rounds/:roundId/participation')
  @ApiOperation({ summary: 'Who of the entitled took part in a round, never how (public, live while open)' })
  @ApiOkResponse({ type: ElectionParticipationDto })
  participation(
    @Param('id', UuidParam) id: string,
    @Param('roundId', UuidParam) roundId: string,
  ): Promise<ElectionParticipationView> {
    return this.reads.participation(id, roundId);
  }

  @Public()
  @Get(':id/rounds/:roundId/ballots')
  @ApiOperation({
    summary:
      'A closed round’s published ballots: every (tracker, choice) in tracker order, without voter or time (public; 409 ELECTION_NOT_CLOSED while open)',
  })
  ballots(
    @Param('id', UuidParam) id: string,
    @Param('roundId', UuidParam) roundId: string,
  ): Promise<PublishedBallotsView> {
    return this.reads.ballots(id, roundId);
  }

  @Public()
  @Post(':id/find-ballot')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Find your tracker among the published ballots (public; the tracker goes in the body, never in a URL)',
  })
  @ApiOkResponse({ type: FoundBallotDto })
  find(@Param('id', UuidParam) id: string, @Body() body: FindBallotDto): Promise<FoundBallotView> {
    return this.reads.find(id, body.tracker);
  }
}
