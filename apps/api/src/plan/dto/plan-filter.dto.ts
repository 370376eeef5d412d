import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export const OBJECTIVE_CODE = /^[A-Z]{3}-[A-Z]{2,30}-O[0-9]{1,3}$/;
export const INSTITUTION_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** Where in the plan, and which institution: the filters motions and resolutions share. */
export class PlanFilterQuery {
  @ApiPropertyOptional({ example: 'SOC-SALUD-O4' })
  @IsOptional()
  @Matches(OBJECTIVE_CODE)
  objective?: string;

  @ApiPropertyOptional({ example: 'SOC' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  dimension?: string;

  @ApiPropertyOptional({ example: 'SOC-SALUD' })
  @IsOptional()
  @Matches(/^[A-Z]{3}-[A-Z]{2,30}$/)
  theme?: string;

  @ApiPropertyOptional({ example: 'DIRESA' })
  @IsOptional()
  @Matches(INSTITUTION_CODE)
  institution?: string;
}
