import { INSTITUTION_KINDS, type InstitutionKind } from '#persistence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateInstitutionDto {
  @ApiProperty({ example: 'DIRESA', description: 'Upper-case letters, digits and dashes' })
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/)
  code: string;

  @ApiProperty({ example: 'Dirección Regional de Salud Cajamarca' })
  @IsString()
  @Length(3, 200)
  name: string;

  @ApiProperty({ enum: INSTITUTION_KINDS })
  @IsIn(INSTITUTION_KINDS)
  kind: InstitutionKind;
}

export class UpdateInstitutionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(3, 200)
  name?: string;

  @ApiPropertyOptional({ enum: INSTITUTION_KINDS })
  @IsOptional()
  @IsIn(INSTITUTION_KINDS)
  kind?: InstitutionKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
