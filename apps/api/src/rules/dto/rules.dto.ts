import { COUNTING_RULES, ROLES, RULES_LIMITS, type CountingRule, type Role } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** 2027-02-30T00:00Z has the shape of an instant and is none. */
@ValidatorConstraint({ name: 'validInstant' })
class ValidInstant implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const time = Date.parse(value);
    if (Number.isNaN(time)) return false;
    // Date.parse rolls 30 February over into March: the day written must be the day parsed.
    const [date] = value.split('T');
    const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
    const shift = offset
      ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000
      : 0;
    return new Date(time + shift).toISOString().slice(0, 10) === date;
  }
  defaultMessage(): string {
    return 'effectiveAt is not a real date and time';
  }
}

export class FractionDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  numerator: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  denominator: number;
}

export class DecisionLabelDto {
  @ApiProperty({ example: 'Moción ordinaria' })
  @IsString()
  @Length(1, RULES_LIMITS.labelLength)
  es: string;

  @ApiProperty({ example: 'Ordinary motion' })
  @IsString()
  @Length(1, RULES_LIMITS.labelLength)
  en: string;
}

export class DecisionRuleDto {
  @ApiProperty({
    description: '`motion`, `amendment`, `procedural` (all three required) or a kind the assembly adds',
    example: 'motion',
    pattern: '^[a-z][a-z0-9_]{1,39}$',
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/)
  kind: string;

  @ApiProperty({ type: DecisionLabelDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionLabelDto)
  label: DecisionLabelDto;

  @ApiProperty({ enum: COUNTING_RULES, description: 'The counting rule that applies to this kind' })
  @IsIn(COUNTING_RULES)
  rule: CountingRule;

  @ApiProperty({ description: 'Whether the moderator may open the vote under another counting rule' })
  @IsBoolean()
  moderatorMayChoose: boolean;

  @ApiPropertyOptional({
    description:
      'Voted by secret ballot: a tracker per ballot, the participation list public, every (tracker, choice) published at the close (docs/secret-ballots.md). Absent: false',
  })
  @IsOptional()
  @IsBoolean()
  secret?: boolean;
}

export class ComplianceRulesDto {
  @ApiProperty({
    description: "Deadline of a resolution whose motion names none, in days after it's issued",
    example: 90,
  })
  @IsInt()
  @Min(RULES_LIMITS.defaultDeadlineDays[0])
  @Max(RULES_LIMITS.defaultDeadlineDays[1])
  defaultDeadlineDays: number;

  @ApiProperty({
    description: 'Days before a deadline at which a track is marked as approaching',
    example: 14,
  })
  @IsInt()
  @Min(RULES_LIMITS.warningDays[0])
  @Max(RULES_LIMITS.warningDays[1])
  warningDays: number;
}

export class AssemblyRulesDto {
  @ApiProperty({
    type: FractionDto,
    description: 'Present seats must exceed this share of the seated delegates',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => FractionDto)
  quorum: FractionDto;

  @ApiProperty({ description: 'Co-sponsors a motion needs before it can be admitted', example: 2 })
  @IsInt()
  @Min(RULES_LIMITS.cosponsorThreshold[0])
  @Max(RULES_LIMITS.cosponsorThreshold[1])
  cosponsorThreshold: number;

  @ApiProperty({ description: 'Default length of a speech, in seconds', example: 180 })
  @IsInt()
  @Min(RULES_LIMITS.speechSeconds[0])
  @Max(RULES_LIMITS.speechSeconds[1])
  speechSeconds: number;

  @ApiProperty({ type: [DecisionRuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RULES_LIMITS.decisions)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DecisionRuleDto)
  decisions: DecisionRuleDto[];

  @ApiProperty({
    description: 'Seconds a vote stays open before a moderator may close it (0: none)',
    example: 0,
  })
  @IsInt()
  @Min(RULES_LIMITS.minimumOpenSeconds[0])
  @Max(RULES_LIMITS.minimumOpenSeconds[1])
  minimumOpenSeconds: number;

  @ApiProperty({
    type: FractionDto,
    nullable: true,
    description:
      'Ballots cast (abstentions included) over the entitled, below which a vote cannot adopt; null: none',
  })
  @IsDefined()
  @ValidateIf((_o, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => FractionDto)
  minimumTurnout: FractionDto | null;

  @ApiProperty({ type: ComplianceRulesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ComplianceRulesDto)
  compliance: ComplianceRulesDto;

  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    description:
      'Roles that must enable a second factor (TOTP) before acting as such. Left out: the latest version’s list is kept (versions from before the field: admin and moderator)',
    example: ['admin', 'moderator'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  secondFactorRoles?: Role[];
}

export class ChangeRulesDto {
  @ApiProperty({ type: AssemblyRulesDto, description: 'The whole new version (not a patch)' })
  @IsObject()
  @ValidateNested()
  @Type(() => AssemblyRulesDto)
  rules: AssemblyRulesDto;

  @ApiPropertyOptional({
    description:
      'From when it applies: a date and time with its offset (2027-01-01T00:00:00-05:00); omitted: at once',
    format: 'date-time',
  })
  @IsOptional()
  @IsString()
  // A full instant with its offset: a bare date or local time would silently be read as UTC, not Lima.
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/)
  @Validate(ValidInstant)
  effectiveAt?: string;

  @ApiPropertyOptional({
    description: 'Why: the session agreement or the reason for the change',
    maxLength: 2000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RulesAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  name: string;
}

export class RulesVersionDto {
  @ApiProperty({ example: 2 })
  version: number;
  @ApiProperty({ format: 'date-time' })
  effectiveAt: string;
  @ApiProperty({ format: 'date-time' })
  adoptedAt: string;
  @ApiProperty({
    type: RulesAuthorDto,
    nullable: true,
    description: 'null: version 1, from the configuration',
  })
  adoptedBy: RulesAuthorDto | null;
  @ApiProperty()
  note: string;
  @ApiProperty({ type: AssemblyRulesDto })
  rules: AssemblyRulesDto;
}

export class RulesInForceDto extends AssemblyRulesDto {
  @ApiProperty({ example: 1, description: 'The version in force' })
  version: number;
  @ApiProperty({ format: 'date-time' })
  effectiveAt: string;
  @ApiProperty({ format: 'date-time' })
  adoptedAt: string;
  @ApiProperty({ enum: ['America/Lima'] })
  timeZone: 'America/Lima';
  @ApiProperty({ type: [RulesVersionDto], description: 'Versions adopted to apply later' })
  pending: RulesVersionDto[];
}
