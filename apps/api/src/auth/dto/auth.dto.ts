import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@asamblea.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'una-contraseña-larga' })
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiPropertyOptional({
    description:
      'Accounts with a second factor: the six-digit code of the authenticator app, or an unused recovery code (consumed)',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Length(6, 20)
  code?: string;

  @ApiPropertyOptional({
    description:
      'Browsers: true puts the refresh token in the httpOnly cookie `asamblea_refresh` (Path=/api/auth, SameSite=Strict) instead of the body',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  refreshCookie?: boolean;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'The refresh token returned by login or by the previous refresh. Absent: it is read from the `asamblea_refresh` cookie',
  })
  @IsOptional()
  @IsString()
  @Length(20, 300)
  refreshToken?: string;
}

class TokenUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  email: string;
  @ApiProperty()
  displayName: string;
  @ApiProperty({ type: [String], example: ['delegate'] })
  roles: string[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  institutionId: string | null;
}

export class TokenPairDto {
  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';
  @ApiProperty()
  accessToken: string;
  @ApiProperty({ description: 'Seconds the access token lives' })
  expiresIn: number;
  @ApiPropertyOptional({
    description:
      'Absent when the refresh token travels in the `asamblea_refresh` cookie (refreshCookie, or a cookie refresh)',
  })
  refreshToken?: string;
  @ApiProperty({ description: 'Seconds the refresh token lives' })
  refreshExpiresIn: number;
  @ApiProperty({ type: TokenUserDto })
  user: TokenUserDto;
}
