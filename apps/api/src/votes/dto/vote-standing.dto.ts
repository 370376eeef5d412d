import type { MyBallotView, VoteParticipationView } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

class RecordedByDto {
  @ApiProperty({ enum: ['voice', 'hands', 'paper'], description: 'By voice, show of hands or on paper' })
  method: 'voice' | 'hands' | 'paper';
}

class StandingBallotDto {
  @ApiProperty({ enum: ['yes', 'no', 'abstain'] })
  choice: 'yes' | 'no' | 'abstain';
  @ApiProperty({ description: 'Revision of the standing ballot (1 = first cast; each change adds one)' })
  revision: number;
  @ApiProperty({ description: 'Receipt of that revision: the hash of its public-record event' })
  receipt: string;
  @ApiProperty({ format: 'date-time' })
  castAt: string;
  @ApiProperty({
    type: RecordedByDto,
    nullable: true,
    description:
      'Set when the Mesa recorded this ballot for you; your own ballot replaces it while the vote is open',
  })
  recordedBy: RecordedByDto | null;
}

export class MyBallotDto implements MyBallotView {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';
  @ApiProperty({
    description:
      'A secret question: vote at POST /api/votes/:id/secret-ballots; `ballot` is then always null',
  })
  secret: boolean;
  @ApiProperty({ description: 'Took part (a standing ballot, or on a secret question’s participation list)' })
  participated: boolean;
  @ApiProperty({ description: 'On the list of entitled delegates frozen when the vote opened' })
  entitled: boolean;
  @ApiProperty({
    enum: ['titular_present', 'absent_at_opening', 'not_seated'],
    nullable: true,
    description:
      'Why not entitled (null when entitled): the titular took the seat, not checked in at opening, or no active seat',
  })
  reason: MyBallotView['reason'];
  @ApiProperty({ type: StandingBallotDto, nullable: true })
  ballot: StandingBallotDto | null;
}

class ConstituencyRefDto {
  @ApiProperty({ example: '0601' })
  code: string;
  @ApiProperty({ example: 'Cajamarca' })
  name: string;
}

class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  delegateId: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ type: ConstituencyRefDto })
  constituency: ConstituencyRefDto;
  @ApiProperty({ description: 'Has cast a ballot (never which)' })
  hasVoted: boolean;
}

export class VoteParticipationDto implements VoteParticipationView {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';
  @ApiProperty()
  entitledCount: number;
  @ApiProperty()
  castCount: number;
  @ApiProperty({ type: [ParticipantDto], description: 'By constituency name, then full name' })
  entitled: ParticipantDto[];
}
