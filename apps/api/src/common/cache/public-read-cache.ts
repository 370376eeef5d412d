import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';

const CHANNEL = 'public_record_changed';
const MAX_ENTRIES = 2000;
const RECONNECT_MS = 1000;

/**
 * Public answers about resolutions, kept serialised in memory. Correctness comes from PostgreSQL: every
 * committed change to their tables notifies `public_record_changed` (a trigger), and this process
 * listens on a connection of its own. Answers are served from memory only while that connection is up;
 * when it drops, the cache is emptied and bypassed until it is back, so a missed notification can never
 * leave a stale answer. An answer read while a change came in is not kept.
 */
@Injectable()
export class PublicReadCache implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PublicReadCache');
  private readonly entries = new Map<string, string>();
  private generation = 0;
  private listener: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get listening(): boolean {
    return this.listener !== null;
  }

  /** The JSON of `load()`, from memory when it is known to be current. */
  async json(key: string, load: () => Promise<unknown>): Promise<string> {
    if (this.listener) {
      const hit = this.entries.get(key);
      if (hit !== undefined) return hit;
    }
    const generation = this.generation;
    const json = JSON.stringify(await load());
    if (this.listener && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, json);
    }
    return json;
  }

  /**
   * Called by this process's own writers after their commit, so whoever made a change sees it on the
   * next request even before the notification has come back; other processes learn it by notification.
   */
  changed(): void {
    this.generation += 1;
    this.entries.clear();
  }

  onApplicationBootstrap(): void {
    this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connecting;
    const listener = this.listener;
    this.forget();
    await listener?.end().catch(() => undefined);
  }

  private forget(): void {
    this.listener = null;
    this.changed();
  }

  private connect(): void {
    if (this.closing || this.connecting) return;
    this.connecting = this.listen()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'cannot listen for public record changes; reads go to the database');
        this.reconnectLater();
      })
      .finally(() => {
        this.connecting = null;
      });
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'asamblea-read-cache' });
    const lost = () => {
      if (this.listener !== client) return;
      this.forget();
      this.reconnectLater();
    };
    client.on('notification', () => this.changed());
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closing) {
      await client.end();
      return;
    }
    // Changes committed before LISTEN took effect are not in memory either: the cache starts empty.
    this.forget();
    this.listener = client;
  }

  private reconnectLater(): void {
    if (this.closing || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
