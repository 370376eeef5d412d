import type { AppConfig } from '#config';
import { foldForSearch } from '#domain';
import { UserEntity } from '#persistence';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokens } from './refresh-tokens.js';

const MINUTE = 60_000;

@Module({
  imports: [
    PassportModule,
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret }),
    }),
    // Only the login route uses the throttler guard: per client address, and per account so that
    // many addresses cannot take turns guessing one password.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'login-ip', ttl: MINUTE, limit: config.loginRateLimit.perIpPerMinute },
          {
            name: 'login-account',
            ttl: MINUTE,
            limit: config.loginRateLimit.perAccountPerMinute,
            getTracker: (request: Record<string, unknown>) => {
              const email = (request.body as { email?: unknown } | undefined)?.email;
              return Promise.resolve(typeof email === 'string' ? foldForSearch(email) : '(none)');
            },
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy, PasswordHasher, RefreshTokens],
  exports: [PasswordHasher, RefreshTokens],
})
export class AuthModule {}
