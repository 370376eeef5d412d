import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@asamblea.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'una-contraseña-larga' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token returned by login or by the previous refresh' })
  @IsString()
  @Length(20, 300)
  refreshToken: string;
}
