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

/** Longest wait a run of wrong passwords from one address earns for that account (growing delays). */
const MAX_BLOCK_SECONDS = 15 * 60;

/**
 * Login throttling that never locks the owner out (issue 17): every attempt counts against its source
 * address; wrong passwords count against the (account, address) pair — which, past its allowance, waits
 * 2, 4, 8 … seconds per further failure, up to 15 minutes — and, with a much larger allowance, against the
 * account from all addresses (so many addresses cannot take turns guessing). A stranger failing from
 * their address therefore does not stop the owner signing in from theirs; a right password clears its
 * pair. Counters live in Redis when configured, shared by every process; while Redis is unreachable
 * each process counts in memory, so logins neither fail nor wait.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly perIp: RateLimiterAbstract;
  /** Wrong passwords per (account, address) within the hour: the run the delays grow with. */
  private readonly pairFailures: RateLimiterAbstract;
  /** A pair's current wait, set by block() for 2, 4, 8 … seconds. */
  private readonly pairWaits: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;
  private readonly pairAllowance: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis | null) {
    const make = (name: string, points: number, duration: number) =>
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${config.queuePrefix}:rl:${name}`,
            points,
            duration,
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix: name, points, duration });
    this.pairAllowance = config.loginRateLimit.perAccountPerMinute;
    this.perIp = make('login-ip', config.loginRateLimit.perIpPerMinute, 60);
    // A window long enough to remember a run of failures, so the delays keep growing within it.
    this.pairFailures = make('login-pair-failures', 1_000_000, 60 * 60);
    this.pairWaits = make('login-pair-wait', 1, 1);
    this.perAccount = make('login-account', config.loginRateLimit.failuresPerAccountPerHour, 60 * 60);
  }

  private static keys(request: Request, knownEmail?: string): { ip: string; account: string | null } {
    const email = knownEmail ?? (request.body as { email?: unknown } | undefined)?.email;
    return { ip: request.ip ?? 'unknown', account: typeof email === 'string' ? foldForSearch(email) : null };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const { ip, account } = LoginRateLimitGuard.keys(request);
    try {
      await this.perIp.consume(ip);
      if (account) {
        for (const [limiter, key] of [
          [this.pairWaits, `${account}|${ip}`],
          [this.perAccount, account],
        ] as const) {
          const state = await limiter.get(key);
          if (state && state.consumedPoints >= limiter.points && state.msBeforeNext > 0)
            throw new RateLimiterRes(0, state.msBeforeNext);
        }
      }
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

  /** A wrong password: counts for the pair (with a growing wait once past its allowance) and the account. */
  async failed(request: Request, email?: string): Promise<void> {
    const { ip, account } = LoginRateLimitGuard.keys(request, email);
    if (!account) return;
    const pair = `${account}|${ip}`;
    await this.perAccount.penalty(account).catch(() => undefined);
    const run = await this.pairFailures.penalty(pair).catch(() => null);
    const excess = run ? run.consumedPoints - this.pairAllowance : -1;
    if (excess >= 0)
      await this.pairWaits.block(pair, Math.min(MAX_BLOCK_SECONDS, 2 ** (excess + 1))).catch(() => undefined);
  }

  /** The right password: that address's run of failures for the account is forgiven. */
  async succeeded(request: Request): Promise<void> {
    const { ip, account } = LoginRateLimitGuard.keys(request);
    if (!account) return;
    await this.pairFailures.delete(`${account}|${ip}`).catch(() => false);
    await this.pairWaits.delete(`${account}|${ip}`).catch(() => false);
  }
}
