import { MOTION_STATUSES, type AmendmentChange, type MotionStatus } from '#domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INSTITUTION_CODE, OBJECTIVE_CODE, PlanFilterQuery } from '../../plan/dto/plan-filter.dto.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class AmendmentChangeDto {
  @ApiProperty({ enum: ['replace', 'delete', 'insert_after', 'append'] })
  @IsIn(['replace', 'delete', 'insert_after', 'append'])
  op: AmendmentChange['op'];

  @ApiPropertyOptional({ description: 'The passage of the parent text (exactly once); not for append' })
  @ValidateIf((change: AmendmentChangeDto) => change.op !== 'append')
  @IsString()
  @Length(1, 20000)
  find?: string;

  @ApiPropertyOptional({ description: 'New text; not for delete' })
  @ValidateIf((change: AmendmentChangeDto) => change.op !== 'delete')
  @IsString()
  @Length(1, 20000)
  text?: string;
}

class MotionFields {
  // Trimmed before the length checks: five spaces are not a title, a blank line is not a text.
  @ApiProperty({ example: 'Ambulancias para las redes de salud de Celendín y San Marcos' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(5, 300)
  title: string;

  @ApiProperty({ description: 'The operative text (what the assembly resolves)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100000)
  body: string;

  @ApiPropertyOptional({ description: 'Fundamentos' })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  rationale?: string;

  @ApiPropertyOptional({
    example: ['SOC-SALUD-O2'],
    description: 'Plan objective codes (at least one to file)',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(OBJECTIVE_CODE, { each: true })
  objectiveCodes?: string[];

  @ApiPropertyOptional({ example: ['DIRESA'], description: 'Institutions the motion would bind' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @Matches(INSTITUTION_CODE, { each: true })
  institutionCodes?: string[];

  @ApiPropertyOptional({ example: '2027-06-30', nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  complianceDeadline?: string | null;

  @ApiPropertyOptional({
    type: [AmendmentChangeDto],
    description: 'For an amendment: the changes to the parent text',
  })
  @ValidateIf((_o, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AmendmentChangeDto)
  changes?: AmendmentChangeDto[];
}

export class CreateMotionDto extends MotionFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'For an amendment: the motion it amends' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsUUID()
  parentId?: string;
}

/** Every field optional: a draft is edited piecemeal. */
export class UpdateMotionDto extends PartialType(MotionFields) {}

export class AdmitMotionDto {
  @ApiPropertyOptional({
    description:
      'A kind of decision the reglamento added (GET /api/rules: decisions), when the Mesa qualifies the motion as one; its vote is then counted by that kind',
    example: 'presupuesto',
    pattern: '^[a-z][a-z0-9_]{1,39}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/)
  decision?: string;
}

export class InadmissibleDto {
  @ApiProperty({ example: 'La materia excede las competencias del Gobierno Regional.' })
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ListMotionsQuery extends PlanFilterQuery {
  @ApiPropertyOptional({ enum: MOTION_STATUSES })
  @ValidateIf((_o, value) => value !== undefined)
  @IsIn(MOTION_STATUSES)
  status?: MotionStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Author delegate id' })
  @IsOptional()
  @IsUUID()
  author?: string;

  @ApiPropertyOptional({ example: '0603', description: "Author's province (ubigeo)" })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  constituency?: string;

  @ApiPropertyOptional({ description: 'Spanish full-text search over title, body and rationale' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  cursor?: string;
}
