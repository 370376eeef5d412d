import type { AppConfig } from '#config';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AccountReader } from './account-reader.js';
import { jwtKey } from './jwt-key.js';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

/** Every request re-reads the account, so a removed role or a deactivation applies at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly accounts: AccountReader,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject; its types say string | Buffer.
      secretOrKey: jwtKey(config.jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: 'asamblea',
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser | false> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !isUUID(claims.sub)) return false;
    return (await this.accounts.read(claims.sub)) ?? false;
  }
}
