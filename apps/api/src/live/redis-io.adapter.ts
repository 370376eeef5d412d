import { Logger, type INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { LiveIoAdapter } from './live-io.adapter.js';

/** With REDIS_URL, every API process shares socket.io rooms: an event emitted by one reaches clients of all. */
export class RedisIoAdapter extends LiveIoAdapter {
  private readonly clients: Redis[] = [];
  private readonly redisLogger = new Logger('RedisIoAdapter');

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const publisher = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    const subscriber = publisher.duplicate();
    for (const client of [publisher, subscriber])
      client.on('error', (error: Error) =>
        this.redisLogger.warn({ err: error }, 'socket.io Redis adapter connection error; reconnecting'),
      );
    this.clients.push(publisher, subscriber);
    server.adapter(createAdapter(publisher, subscriber, { key: `${this.prefix}:socket.io` }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}
