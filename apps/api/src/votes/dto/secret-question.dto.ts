import type {
  FoundQuestionBallotView,
  SecretQuestionBallotsView,
  SecretQuestionChoice,
  SecretQuestionParticipationView,
  SecretQuestionReceipt,
} from '#contracts';
import { BALLOT_CHOICES } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ElectionParticipantDto } from '../../elections/dto/election-answers.dto.js';

export class SecretQuestionBallotDto {
  @ApiProperty({
    example: '7K3M-Q9TX-4HWR-ZB2E',
    description:
      'Drawn by your device (newTrackerCode): the key to your ballot. The same tracker changes your ballot until the close or retries it; keep it like a PIN',
  })
  @IsString()
  @Length(1, 40)
  tracker: string;

  @ApiProperty({ enum: BALLOT_CHOICES })
  @IsIn(BALLOT_CHOICES)
  choice: SecretQuestionChoice;
}

export class SecretQuestionReceiptDto implements SecretQuestionReceipt {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
  @ApiProperty({ example: '7K3M-Q9TX-4HWR-ZB2E', description: 'Your tracker in its published form' })
  tracker: string;
  @ApiProperty({
    enum: ['cast', 'replaced', 'repeat'],
    description: 'cast: first ballot; replaced: your change of mind; repeat: a retry, nothing changed',
  })
  status: 'cast' | 'replaced' | 'repeat';
}

export class SecretQuestionParticipationDto implements SecretQuestionParticipationView {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
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

class PublishedQuestionBallotDto {
  @ApiProperty({ example: '7K3M-Q9TX-4HWR-ZB2E' })
  tracker: string;
  @ApiProperty({ enum: BALLOT_CHOICES })
  choice: SecretQuestionChoice;
}

export class SecretQuestionBallotsDto implements SecretQuestionBallotsView {
  @ApiProperty({ format: 'uuid' })
  voteId: string;
  @ApiProperty({
    type: [PublishedQuestionBallotDto],
    description: 'Every (tracker, choice), in tracker order',
  })
  ballots: PublishedQuestionBallotDto[];
  @ApiProperty({ description: 'secretBallotsHash of the close’s secret.ballots_published record event' })
  secretBallotsHash: string;
}

export class FoundQuestionBallotDto {
  @ApiProperty({ description: 'Whether the tracker is among the published ballots of the closed vote' })
  found: boolean;
  @ApiPropertyOptional({ format: 'uuid' })
  voteId?: string;
  @ApiPropertyOptional({ description: 'When found: the tracker in its published form' })
  tracker?: string;
  @ApiPropertyOptional({ enum: BALLOT_CHOICES, description: 'When found: the choice published under it' })
  choice?: SecretQuestionChoice;
  @ApiPropertyOptional({
    enum: ['malformed', 'absent', 'open'],
    description: 'When not found: not a tracker (mistyped), not among the ballots, or the vote is still open',
  })
  reason?: 'malformed' | 'absent' | 'open';
}

/** Kept for the type check: the DTO answers what the view says. */
export type FoundQuestionBallotAnswer = FoundQuestionBallotView;
