import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class ListObjectivesQuery {
  @ApiPropertyOptional({
    description: 'Spanish search, accent- and case-insensitive (e.g. "educacion", "desnutricion")',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Dimension code: SOC, ECO, AMB, INS' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}$/)
  dimension?: string;

  @ApiPropertyOptional({ description: 'Theme code (SOC-SALUD) or slug (SALUD)' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3}-[A-Za-z]{2,30}$|^[A-Za-z]{2,30}$/)
  theme?: string;
}
