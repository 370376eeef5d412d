import type { AppConfig } from '#config';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AccountReader } from './account-reader.js';
import { jwtKey } from './jwt-key.js';
import { SessionRevocations } from './session-revocations.js';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  /** The session: the refresh-token family the token was issued with. */
  sid: string;
}

/**
 * Every request re-reads the account, so a removed role or a deactivation applies at once, and checks
 * that the token's session has not ended (logout, reset, deactivation), from memory kept current by
 * notification. A token without a session (issued before sessions were named, 15 minutes at most) is
 * refused: it could not be revoked, and the client renews it with its refresh token on the 401.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly accounts: AccountReader,
    private readonly sessions: SessionRevocations,
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
    if (typeof claims.sid !== 'string' || !isUUID(claims.sid)) return false;
    const [account, live] = await Promise.all([
      this.accounts.read(claims.sub),
      this.sessions.isLive(claims.sid.toLowerCase(), claims.sub.toLowerCase()),
    ]);
    return (live && account) || false;
  }
}
