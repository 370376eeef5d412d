import type { AppConfig } from '#config';
import { DomainError, foldForSearch } from '#domain';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { APP_CONFIG } from '../config/config.module.js';
import { REDIS } from '../redis/redis.module.js';

/**
 * Login attempts per client address and per account (so many addresses cannot take turns guessing
 * one password). Counters live in Redis when it is configured, so every API process shares them;
 * while Redis is unreachable each process counts in memory instead, so logins neither fail nor wait.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly perIp: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis | null) {
    const make = (name: string, points: number) =>
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${config.queuePrefix}:rl:${name}`,
            points,
            duration: 60,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: 60 }),
          })
        : new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
    this.perIp = make('login-ip', config.loginRateLimit.perIpPerMinute);
    this.perAccount = make('login-account', config.loginRateLimit.perAccountPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const email = (request.body as { email?: unknown } | undefined)?.email;
    try {
      await this.perIp.consume(request.ip ?? 'unknown');
      if (typeof email === 'string') await this.perAccount.consume(foldForSearch(email));
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))));
      throw new DomainError('RATE_LIMITED');
    }
  }
}
