import { SESSION_KINDS, SPEAKER_STANCES, type SessionKind, type SpeakerStance } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  IsInt,
  Max,
  Min,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

export class CreateSessionDto {
  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ example: 'Sesión ordinaria de diciembre' })
  @IsString()
  @Length(3, 300)
  title: string;

  @ApiProperty({ example: '2026-12-05T15:00:00Z' })
  @IsISO8601({ strict: true })
  scheduledAt: string;

  @ApiPropertyOptional({ example: 'Auditorio del Gobierno Regional, Cajamarca' })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  place?: string;

  @ApiPropertyOptional({ example: 'https://meet.example.pe/asamblea' })
  @IsOptional()
  @Matches(/^https:\/\/\S{3,500}$/)
  virtualUrl?: string;
}

export class AddAgendaItemDto {
  @ApiProperty({ enum: ['motion', 'amendment', 'report', 'topic'] })
  @IsIn(['motion', 'amendment', 'report', 'topic'])
  kind: 'motion' | 'amendment' | 'report' | 'topic';

  @ApiPropertyOptional({ format: 'uuid', description: 'For motion and amendment items: an admitted motion' })
  @ValidateIf((item: AddAgendaItemDto) => item.kind === 'motion' || item.kind === 'amendment')
  @IsUUID()
  motionId?: string;

  @ApiPropertyOptional({ description: 'For reports and free topics (motions use their own title)' })
  @ValidateIf((item: AddAgendaItemDto) => item.kind === 'report' || item.kind === 'topic')
  @IsString()
  @Length(3, 300)
  title?: string;
}

export class ReorderAgendaDto {
  @ApiProperty({ type: [String], description: 'Every item id of the agenda, in the new order' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  itemIds: string[];
}

export class AttendanceDto {
  @ApiProperty({ description: 'true: checked in; false: checked out' })
  @IsBoolean()
  present: boolean;
}

export class FloorDto {
  @ApiProperty({ enum: SPEAKER_STANCES })
  @IsIn(SPEAKER_STANCES)
  stance: SpeakerStance;
}

export class GiveFloorDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A waiting request; default: the first in the list' })
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

export class ExtendSpeechDto {
  @ApiProperty({ minimum: 1, maximum: 1800 })
  @IsInt()
  @Min(1)
  @Max(1800)
  seconds: number;
}

export class VotingNowDto {
  @ApiProperty({ enum: ['vote', 'election'] })
  kind: 'vote' | 'election';

  @ApiProperty({ description: "The open vote's question, or the open election round's title" })
  title: string;
}

export class SessionListItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'SES-2026-0003' })
  number: string;

  @ApiProperty({ enum: ['ordinary', 'extraordinary'] })
  kind: 'ordinary' | 'extraordinary';

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: ['scheduled', 'open', 'suspended', 'closed'] })
  status: 'scheduled' | 'open' | 'suspended' | 'closed';

  @ApiProperty({ format: 'date-time' })
  scheduledAt: string;

  @ApiProperty({ type: String, nullable: true })
  place: string | null;

  @ApiProperty({ type: String, nullable: true })
  virtualUrl: string | null;

  @ApiProperty({
    type: VotingNowDto,
    nullable: true,
    description: 'What is being voted on in the session right now (a vote or an election round), else null',
  })
  votingNow: VotingNowDto | null;
}
