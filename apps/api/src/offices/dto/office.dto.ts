import { COMMISSION_RANKS, MESA_RANKS, type PositionRank } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const RANKS = [...MESA_RANKS, ...COMMISSION_RANKS];

/** A name in Spanish (first) and English. */
export class BilingualTextDto {
  @ApiProperty({ example: 'Vicepresidencia' })
  @IsString()
  @Length(3, 200)
  es: string;

  @ApiProperty({ example: 'Vice-presidency' })
  @IsString()
  @Length(3, 200)
  en: string;
}

export class CreateCommissionDto {
  @ApiProperty({ type: BilingualTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualTextDto)
  name: BilingualTextDto;
}

export class CreatePositionDto {
  @ApiProperty({ enum: ['mesa', 'commission'] })
  @IsIn(['mesa', 'commission'])
  body: 'mesa' | 'commission';

  @ApiPropertyOptional({ format: 'uuid', description: 'The commission (body: commission only)' })
  @IsOptional()
  @IsUUID()
  commissionId?: string;

  @ApiProperty({
    enum: RANKS,
    description: 'The Mesa: president, vice_president, secretary; a commission: chair, member',
  })
  @IsIn(RANKS)
  rank: PositionRank;

  @ApiProperty({ type: BilingualTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualTextDto)
  title: BilingualTextDto;

  @ApiProperty({ description: 'How many hold it at once (the presidency and a chair: 1)', example: 2 })
  @IsInt()
  @Min(1)
  @Max(100)
  seats: number;
}

export class CreateTermDto {
  @ApiProperty({ example: 'Mesa 2027' })
  @IsString()
  @Length(3, 100)
  label: string;

  @ApiProperty({ example: '2027-01-01T05:00:00Z', description: 'Start, included (ISO 8601)' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2028-01-01T05:00:00Z', description: 'End, excluded (ISO 8601)' })
  @IsISO8601({ strict: true })
  endsAt: string;
}

export class AssignOfficeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  positionId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  termId: string;

  @ApiProperty({ format: 'uuid', description: 'The account that will hold the office' })
  @IsUUID()
  holderId: string;
}

export class ListOfficesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the offices of this term' })
  @IsOptional()
  @IsUUID()
  termId?: string;
}
