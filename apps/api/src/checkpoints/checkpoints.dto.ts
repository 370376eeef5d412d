import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CheckpointPageQuery {
  @ApiPropertyOptional({ description: 'Only checkpoints with a sequence below this one (the next page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class CheckpointDto {
  @ApiProperty({ description: 'The sequence of the record event it signs', example: 176 })
  sequence!: number;

  @ApiProperty({ description: "That event's hash (hex SHA-256)" })
  hash!: string;

  @ApiProperty({ description: 'When it was signed (ISO 8601, UTC)', example: '2026-12-02T08:15:00.000Z' })
  time!: string;

  @ApiProperty({ description: 'The signing key: first 16 hex characters of SHA-256 of its raw public key' })
  keyId!: string;

  @ApiProperty({
    description:
      'Ed25519 signature (base64) of the UTF-8 canonical JSON {"hash","keyId","kind":"asamblea-checkpoint/1","sequence","time"}',
  })
  signature!: string;
}

export class CheckpointPageDto {
  @ApiProperty({ type: [CheckpointDto], description: 'Newest first' })
  items!: CheckpointDto[];

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Pass as `before` for the next (older) page; null on the last page',
  })
  next!: number | null;
}

export class SigningKeyDto {
  @ApiProperty()
  keyId!: string;

  @ApiProperty({ description: 'The raw 32-byte Ed25519 public key, base64' })
  publicKey!: string;

  @ApiProperty({ example: 'Ed25519' })
  algorithm!: string;

  @ApiProperty({ description: 'The record event that states the key; it signs checkpoints from there on' })
  fromSequence!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The event that states the next key (null: in force)',
  })
  untilSequence!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'The key it replaced' })
  previousKeyId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The previous key\'s Ed25519 signature (base64) of canonical JSON {"keyId","kind":"asamblea-signing-key/1","previousKeyId","publicKey"}',
  })
  endorsement!: string | null;

  @ApiProperty({ description: 'When the record stated it' })
  statedAt!: string;
}

export class SigningKeysDto {
  @ApiProperty({ type: [SigningKeyDto], description: 'Oldest first, as the record states them' })
  keys!: SigningKeyDto[];
}
