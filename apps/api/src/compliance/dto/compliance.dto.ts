import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

export class ComplianceReportDto {
  @ApiPropertyOptional({
    example: 'DIRESA',
    description: 'Required for the secretariat; a liaison reports for their own institution',
  })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/)
  institutionCode?: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 40 })
  @IsInt()
  @Min(0)
  @Max(100)
  progress: number;

  @ApiPropertyOptional({ enum: ['in_progress', 'fulfilled'], default: 'in_progress' })
  @IsOptional()
  @IsIn(['in_progress', 'fulfilled'])
  status?: 'in_progress' | 'fulfilled';

  @ApiProperty({ example: 'Se adquirieron dos de las tres ambulancias; la tercera llega en marzo.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(5, 5000)
  body: string;

  @ApiPropertyOptional({ type: [String], example: ['https://diresacajamarca.gob.pe/actas/2027-01.pdf'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  @Length(12, 500, { each: true })
  evidence?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    description:
      'SHA-256 digests of files uploaded first with POST /api/evidence, in order; at most EVIDENCE_MAX_FILES (default 5). Their digest, name, size and type go into the public record.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[0-9a-f]{64}$/, {
    each: true,
    message: 'each evidenceFiles entry must be a lower-case hex SHA-256',
  })
  evidenceFiles?: string[];
}
