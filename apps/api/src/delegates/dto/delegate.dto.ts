import { DELEGATE_STATUSES, type DelegateStatus } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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

  @ApiPropertyOptional({ description: 'Name or organization, accent-insensitive' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}
