import type { SecretBallotReceipt } from '#application';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ElectionParticipationView, MyElectionStandingView } from '../election-reads.service.js';

export class SecretBallotReceiptDto implements SecretBallotReceipt {
  @ApiProperty({ format: 'uuid' })
  electionId: string;
  @ApiProperty({ format: 'uuid' })
  roundId: string;
  @ApiProperty({ example: '7K3M-Q9TX-4HWR-ZB2E', description: 'Your tracker in its published form' })
  tracker: string;
  @ApiProperty({
    enum: ['cast', 'replaced', 'repeat'],
    description: 'cast: first ballot; replaced: your change of mind; repeat: a retry, nothing changed',
  })
  status: 'cast' | 'replaced' | 'repeat';
}

class ConstituencyRefDto {
  @ApiProperty({ example: '0601' })
  code: string;
  @ApiProperty({ example: 'Cajamarca' })
  name: string;
}

export class ElectionParticipantDto {
  @ApiProperty({ format: 'uuid' })
  delegateId: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ type: ConstituencyRefDto })
  constituency: ConstituencyRefDto;
  @ApiProperty({ description: 'Has cast a secret ballot (never which)' })
  hasVoted: boolean;
}

export class ElectionParticipationDto implements ElectionParticipationView {
  @ApiProperty({ format: 'uuid' })
  electionId: string;
  @ApiProperty({ format: 'uuid' })
  roundId: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';
  @ApiProperty()
  entitledCount: number;
  @ApiProperty()
  participationCount: number;
  @ApiProperty({
    type: [ElectionParticipantDto],
    description: 'The frozen entitled list, by province then name',
  })
  entitled: ElectionParticipantDto[];
}

export class FoundBallotDto {
  @ApiProperty({ description: 'Whether the tracker is among the published ballots of a closed round' })
  found: boolean;
  @ApiPropertyOptional({ description: 'When found: the tracker in its published form' })
  tracker?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'When found: the round it was cast in' })
  roundId?: string;
  @ApiPropertyOptional({ description: 'When found: the choice published under it', type: Object })
  choice?: unknown;
  @ApiPropertyOptional({
    enum: ['malformed', 'absent'],
    description: 'When not found: the tracker is not one (mistyped), or no closed round holds it',
  })
  reason?: 'malformed' | 'absent';
}

export class MyElectionStandingDto implements MyElectionStandingView {
  @ApiProperty({ format: 'uuid' })
  electionId: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    description: 'The latest round (null before the first opens)',
  })
  roundId: string | null;
  @ApiProperty({ enum: ['open', 'closed'], nullable: true })
  status: 'open' | 'closed' | null;
  @ApiProperty({ description: 'On the entitled list frozen when the round opened' })
  entitled: boolean;
  @ApiProperty({
    description:
      'On the participation list. What you chose is not kept with your name: find it with your tracker after the close',
  })
  participated: boolean;
}
