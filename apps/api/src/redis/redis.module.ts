import type { AppConfig } from '#config';
import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';

export const REDIS = Symbol('REDIS');

/** One shared connection when REDIS_URL is set; null in the embedded default. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis && this.redis.status !== 'end')
      await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis | null => {
        if (!config.redisUrl) return null;
        const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
        // ioredis reconnects by itself; without a listener it prints each failed attempt as unhandled.
        const logger = new Logger('Redis');
        redis.on('error', (error: Error) =>
          logger.warn({ err: error }, 'Redis connection error; reconnecting'),
        );
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
