import type { AppConfig } from '#config';
import { UserEntity } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Repository } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

/** Every request re-reads the account, so a removed role or a deactivation applies at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      issuer: 'asamblea',
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser | false> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return false;
    const user = await this.users.findOneBy({ id: claims.sub });
    if (!user || !user.active) return false;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      institutionId: user.institutionId,
    };
  }
}
