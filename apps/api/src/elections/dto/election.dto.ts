import { ELECTION_METHODS, type ElectionMethod } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class ListElectionsQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the elections with a round held in this session (what the board and projector read)',
  })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

export class CallElectionDto {
  @ApiProperty({ format: 'uuid', description: 'The position whose seats the election fills' })
  @IsUUID()
  positionId: string;

  @ApiProperty({ format: 'uuid', description: 'The term the elected will hold office for' })
  @IsUUID()
  termId: string;

  @ApiProperty({
    enum: ELECTION_METHODS,
    description:
      'yes_no_abstain_per_candidate: every candidate marked; single_choice: one name (one seat only); approval_up_to_n: up to maxChoices names',
  })
  @IsIn(ELECTION_METHODS)
  method: ElectionMethod;

  @ApiPropertyOptional({
    description: 'approval_up_to_n only: how many names a ballot may mark (default: the seats)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxChoices?: number;

  @ApiPropertyOptional({ example: 'Elección de la Mesa Directiva 2027' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 300)
  title?: string;
}

export class NominateDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The delegate nominated (who must accept); omitted: yourself (accepted at once)',
  })
  @IsOptional()
  @IsUUID()
  candidateId?: string;
}

export class OpenElectionRoundDto {
  @ApiProperty({ format: 'uuid', description: 'The open session the round is held in' })
  @IsUUID()
  sessionId: string;

  @ApiPropertyOptional({
    description: 'Closes by itself after this many seconds (10 s to 7 days)',
    example: 600,
  })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(7 * 24 * 3600)
  durationSeconds?: number;
}

export class SecretBallotDto {
  @ApiProperty({
    example: '7K3M-Q9TX-4HWR-ZB2E',
    description:
      'Drawn by your device (newTrackerCode): the key to your ballot. The same tracker changes your ballot until the close or retries it; keep it like a PIN',
  })
  @IsString()
  @Length(1, 40)
  tracker: string;

  @ApiProperty({
    description:
      'One of { kind: "blank" }, { kind: "null" }, { kind: "candidates", candidates: [delegate ids] } (single_choice, approval_up_to_n), { kind: "marks", marks: { <delegate id>: "yes" | "no" | "abstain" } } (yes_no_abstain_per_candidate)',
    example: { kind: 'candidates', candidates: ['3f1c9a52-0b7e-4c1e-9d7a-2a5f0e6b8c11'] },
  })
  @IsObject()
  choice: Record<string, unknown>;
}

export class FindBallotDto {
  @ApiProperty({
    example: '7K3M-Q9TX-4HWR-ZB2E',
    description: 'Your tracker, as typed (any case, spaces or dashes)',
  })
  @IsString()
  @Length(1, 40)
  tracker: string;
}
