import { Global, Module } from '@nestjs/common';
import { PublicReadCache } from './public-read-cache.js';

/** Global: the services that change resolutions or their compliance tell it, after their commit. */
@Global()
@Module({ providers: [PublicReadCache], exports: [PublicReadCache] })
export class PublicReadCacheModule {}
