import { DELEGATE_STATUSES, type DelegateStatus } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export const DELEGATE_TERMS = ['current', 'past', 'upcoming'] as const;
export type DelegateTerm = (typeof DELEGATE_TERMS)[number];

export class CreateDelegateDto {
  @ApiProperty({ example: 'Rosa Elvira Chávez Huamán' })
  @IsString()
  @Length(3, 200)
  fullName: string;

  @ApiProperty({ example: '41234567', description: 'DNI or other identity document (not published)' })
  @IsString()
  @Matches(/^[0-9A-Z]{8,12}$/)
  documentId: string;

  @ApiProperty({ example: '0601', description: 'Province ubigeo (GET /api/constituencies)' })
  @IsString()
  @Matches(/^[0-9]{4}$/)
  constituencyCode: string;

  @ApiPropertyOptional({ example: 'Federación de Rondas Campesinas' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organization?: string;

  @ApiProperty({ example: '2026-01-01' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  termStart: string;

  @ApiProperty({ example: '2028-12-31' })
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  termEnd: string;

  @ApiPropertyOptional({ enum: DELEGATE_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(DELEGATE_STATUSES)
  status?: DelegateStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The titular this delegate is the alternate (suplente) of',
  })
  @IsOptional()
  @IsUUID()
  alternateOfId?: string;

  @ApiPropertyOptional({
    description: 'Account to link: an existing one is linked, otherwise one is created without password',
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    description:
      'Seat it even though the account holds staff roles (admin, moderator, liaison), which makes that person a voter; without it such an account is refused with 409 ACCOUNT_HOLDS_STAFF_ROLES',
  })
  @IsOptional()
  @IsBoolean()
  confirmStaffAccount?: boolean;
}

/** The roster import's options (query string). */
export class ImportQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'Seat rows whose email belongs to a staff account (admin, moderator, liaison); without it those rows are errors (email_staff)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  confirmStaffAccounts?: 'true' | 'false';
}

export class UpdateDelegateDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(3, 200)
  fullName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{4}$/)
  constituencyCode?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(200)
  organization?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  termStart?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  termEnd?: string;

  @ApiPropertyOptional({ enum: DELEGATE_STATUSES })
  @IsOptional()
  @IsIn(DELEGATE_STATUSES)
  status?: DelegateStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  alternateOfId?: string | null;

  @ApiPropertyOptional({
    example: '2026-03-01',
    description:
      'With a change of status: the day it takes effect (not in the future, not before the term; today when omitted). Public.',
  })
  @IsOptional()
  @Matches(DATE_ONLY)
  @IsISO8601({ strict: true })
  statusDate?: string;

  @ApiPropertyOptional({
    example: 'Resolución de Secretaría 012-2026: inasistencia a tres sesiones',
    description: 'With a change of status: why. It goes into the public record.',
    minLength: 3,
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  statusReason?: string;
}

export class ListDelegatesQuery {
  @ApiPropertyOptional({ description: 'Province ubigeo' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  constituency?: string;

  @ApiPropertyOptional({ enum: DELEGATE_STATUSES })
  @IsOptional()
  @IsIn(DELEGATE_STATUSES)
  status?: DelegateStatus;

  @ApiPropertyOptional({
    description:
      'Name or organization, accent-insensitive; for the secretariat also the start of the identity document',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({
    enum: DELEGATE_TERMS,
    description: 'current: the term covers today; past: it has ended; upcoming: it has not begun',
  })
  @IsOptional()
  @IsIn(DELEGATE_TERMS)
  term?: DelegateTerm;
}
