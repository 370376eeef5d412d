import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import { delegateIdOfUser, readUser, readUserWithPasswordHash, type UserEntity } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AccessTokenClaims } from './jwt.strategy.js';
import { PasswordHasher } from './password-hasher.js';
import { RefreshTokens } from './refresh-tokens.js';
import { SecondFactorService } from './second-factor.service.js';

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: { id: string; email: string; displayName: string; roles: string[]; institutionId: string | null };
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly secondFactor: SecondFactorService,
  ) {}

  delegateOf(userId: string): Promise<string | null> {
    return delegateIdOfUser(this.dataSource, userId);
  }

  /**
   * Wrong email, wrong password, no password yet or a deactivated account: one answer, same cost. Only
   * then is the second factor asked for (`code`, when the account has one on).
   */
  async login(email: string, password: string, code?: string): Promise<TokenPair> {
    const user = await readUserWithPasswordHash(this.dataSource, email.trim().toLowerCase());
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !user.passwordHash || !valid || !user.active) throw new DomainError('INVALID_CREDENTIALS');
    await this.secondFactor.checkAtLogin(user.id, code);
    const refresh = await this.refreshTokens.issue(this.dataSource.manager, user.id);
    return this.pair(user, refresh);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    const user = await readUser(this.dataSource, rotated.userId);
    if (!user || !user.active) {
      await this.refreshTokens.revoke(rotated.token);
      throw new DomainError('REFRESH_TOKEN_INVALID');
    }
    return this.pair(user, rotated);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  /** The access token names its session (the refresh token's family), so ending one ends the other. */
  private async pair(user: UserEntity, refresh: { token: string; familyId: string }): Promise<TokenPair> {
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access', sid: refresh.familyId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
      issuer: 'asamblea',
      algorithm: 'HS256',
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      refreshToken: refresh.token,
      refreshExpiresIn: this.config.refreshTokenTtlSeconds,
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        roles: user.roles,
        institutionId: user.institutionId,
      },
    };
  }
}
