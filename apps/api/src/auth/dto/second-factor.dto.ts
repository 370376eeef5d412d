import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class SecondFactorCodeDto {
  @ApiProperty({
    description: 'A six-digit code from the authenticator app, or (where accepted) a recovery code',
    example: '123456',
  })
  @IsString()
  @Length(6, 20)
  code: string;
}

export class ConfirmSecondFactorDto {
  @ApiProperty({
    description: 'The six-digit code the authenticator shows for the new secret',
    example: '123456',
  })
  @IsString()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, { message: 'code must be the six digits of the authenticator' })
  code: string;
}

export class DisableSecondFactorDto {
  @ApiProperty({ description: 'The account’s current password' })
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiProperty({
    description: 'A six-digit code from the authenticator app, or a recovery code',
    example: '123456',
  })
  @IsString()
  @Length(6, 20)
  code: string;
}

export class SecondFactorSetupDto {
  @ApiProperty({
    description: 'The new secret in base32, for entering it by hand',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret: string;
  @ApiProperty({ description: 'The otpauth:// address the QR code holds' })
  otpauthUrl: string;
  @ApiProperty({ description: 'The QR code of otpauthUrl, as an SVG document' })
  qrSvg: string;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    description: 'Ten one-time recovery codes, shown only in this answer',
    example: ['k7qm-3xhd-9prt'],
  })
  recoveryCodes: string[];
}

export class SecondFactorStatusDto {
  @ApiProperty({ description: 'A confirmed second factor is on: signing in asks for a code' })
  enabled: boolean;
  @ApiProperty({ description: 'A set-up is waiting for its first code' })
  pending: boolean;
  @ApiProperty({ description: 'Unused recovery codes' })
  recoveryCodesLeft: number;
  @ApiProperty({ description: 'The reglamento requires a second factor of a role this account holds' })
  required: boolean;
}
