import {
  BALLOT_CHOICES,
  BALLOT_RECORDING_METHODS,
  COUNTING_RULES,
  type BallotChoice,
  type BallotRecordingMethod,
  type CountingRule,
} from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export class OpenVoteDto {
  @ApiPropertyOptional({
    enum: COUNTING_RULES,
    description:
      "Counting rule (see DESIGN.md). Omitted: the reglamento's rule for the decision; another only where the reglamento lets the moderator choose (else 409 RULE_NOT_ALLOWED)",
  })
  @IsOptional()
  @IsIn(COUNTING_RULES)
  rule?: CountingRule;

  @ApiPropertyOptional({
    description:
      "The kind of decision in the reglamento's terms (GET /api/rules: decisions). Omitted: what is under debate; a motion may be ruled on as a kind the assembly added",
    example: 'motion',
    pattern: '^[a-z][a-z0-9_]{1,39}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/)
  decision?: string;

  @ApiPropertyOptional({
    description: 'A procedural question instead of the current item’s motion (needs `question`)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  procedural?: boolean;

  @ApiPropertyOptional({ example: '¿Se amplía el debate por quince minutos?' })
  @ValidateIf((dto: OpenVoteDto) => dto.procedural === true || dto.question !== undefined)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 1000)
  question?: string;

  @ApiPropertyOptional({
    description: 'Closes by itself after this many seconds (10 s to 7 days)',
    example: 300,
  })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(7 * 24 * 3600)
  durationSeconds?: number;
}

export class CastBallotDto {
  @ApiProperty({ enum: BALLOT_CHOICES })
  @IsIn(BALLOT_CHOICES)
  choice: BallotChoice;

  @ApiPropertyOptional({
    description:
      'Chosen by the client per intended ballot: a retry with the same key returns the first answer',
    example: '3f1c9a52-0b7e-4c1e-9d7a-2a5f0e6b8c11',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{8,100}$/)
  idempotencyKey?: string;
}

/** A ballot the Mesa records for a delegate who voted by voice, show of hands or on paper. */
export class RecordBallotDto extends CastBallotDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The delegate who voted (entitled in this vote and checked in)',
  })
  @IsUUID()
  delegateId: string;

  @ApiProperty({
    enum: BALLOT_RECORDING_METHODS,
    description: 'How the delegate voted: by voice, by show of hands, or on paper',
  })
  @IsIn(BALLOT_RECORDING_METHODS)
  method: BallotRecordingMethod;
}

/** The socket's `ballot.cast`: the HTTP body with the vote's id, under the same rules. */
export class SocketBallotDto extends CastBallotDto {
  @IsUUID()
  voteId: string;
}
