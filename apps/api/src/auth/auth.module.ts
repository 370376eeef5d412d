import type { AppConfig } from '#config';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthController } from './auth.controller.js';
import { AccountReader } from './account-reader.js';
import { AuthService } from './auth.service.js';
import { jwtKey } from './jwt-key.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicy } from './password-policy.js';
import { RefreshTokens } from './refresh-tokens.js';
import { SessionRevocations } from './session-revocations.js';
import { SecondFactorController } from './second-factor.controller.js';
import { SecondFactorService } from './second-factor.service.js';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: jwtKey(config.jwtSecret) }),
    }),
  ],
  controllers: [AuthController, SecondFactorController],
  providers: [
    AuthService,
    AccountReader,
    JwtStrategy,
    PasswordHasher,
    PasswordPolicy,
    RefreshTokens,
    LoginRateLimitGuard,
    SessionRevocations,
    SecondFactorService,
  ],
  exports: [
    PasswordHasher,
    PasswordPolicy,
    LoginRateLimitGuard,
    RefreshTokens,
    JwtModule,
    JwtStrategy,
    AccountReader,
    SessionRevocations,
    SecondFactorService,
  ],
})
export class AuthModule {}
