import { PeriodicTask } from '#jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';

const CHANNEL = 'public_record_changed';
const MAX_ENTRIES = 2000;
const RECONNECT_MS = 1000;

/** What each kind of cached answer is made of; every table here notifies its commits (a trigger). */
const MADE_OF = {
  resolutions: ['resolutions', 'resolution_objectives', 'resolution_institutions', 'compliance'],
  votes: ['votes', 'vote_entitlements', 'ballots', 'delegates', 'constituencies', 'resolutions'],
} as const;
export type CachedKind = keyof typeof MADE_OF;
const NOTIFYING_TABLES = [...new Set(Object.values(MADE_OF).flat())];

interface Entry {
  kind: CachedKind;
  json: string;
}

/**
 * Public answers (resolutions, closed votes), kept serialised in memory. Correctness comes from
 * PostgreSQL: every committed change to their tables notifies `public_record_changed` (a trigger), and
 * this process listens on a connection of its own. Answers are served from memory only while that connection is up;
 * when it drops, the cache is emptied and bypassed until it is back, so a missed notification can never
 * leave a stale answer. An answer read while a change came in is not kept.
 */
@Injectable()
export class PublicReadCache {
  private readonly logger = new Logger('PublicReadCache');
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listener: pg.Client | null = null;
  private lostAt = 0;
  private readonly keepListening = new PeriodicTask({
    everyMs: RECONNECT_MS / 4,
    // A lost connection (or a failed attempt) is retried a second later, not at whatever tick comes first.
    run: async () => {
      if (!this.listener && Date.now() - this.lostAt >= RECONNECT_MS) await this.listen();
    },
    onError: (error) =>
      this.logger.warn({ err: error }, 'cannot listen for public record changes; reads go to the database'),
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get listening(): boolean {
    return this.listener !== null;
  }

  /**
   * The JSON of `load()`, from memory when it is known to be current. `kind` names the tables the answer
   * is made of; `keep` says whether this answer may be kept at all (an open vote changes with every
   * ballot, so it is not).
   */
  async json<T>(
    kind: CachedKind,
    key: string,
    load: () => Promise<T>,
    keep: (value: T) => boolean = () => true,
  ): Promise<string> {
    const cacheKey = `${kind}:${key}`;
    if (this.listener) {
      const hit = this.entries.get(cacheKey);
      if (hit !== undefined) return hit.json;
    }
    const generation = this.generation;
    const value = await load();
    const json = JSON.stringify(value);
    if (this.listener && generation === this.generation && keep(value)) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(cacheKey, { kind, json });
    }
    return json;
  }

  /**
   * Called by this process's own writers after their commit, so whoever made a change sees it on the
   * next request even before the notification has come back; other processes learn it by notification.
   */
  changed(): void {
    this.tableChanged(undefined);
  }

  private tableChanged(table: string | undefined): void {
    this.generation += 1;
    for (const [key, entry] of this.entries)
      if (!table || (MADE_OF[entry.kind] as readonly string[]).includes(table)) this.entries.delete(key);
  }

  /** Started by the Runtime: listens now, and again within a second of losing its connection. */
  start(): void {
    this.keepListening.start();
  }

  async stop(): Promise<void> {
    await this.keepListening.stop();
    const listener = this.listener;
    this.forget();
    await listener?.end().catch(() => undefined);
  }

  private forget(): void {
    this.listener = null;
    this.changed();
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'asamblea-read-cache' });
    const lost = () => {
      if (this.listener !== client) return;
      this.lostAt = Date.now();
      this.forget();
    };
    client.on('notification', (message) => this.tableChanged(message.payload));
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Without a notifying trigger on one of its tables the cache could serve stale answers: stay off.
      const { rows } = await client.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE t.tgname = c.relname || '_public_record_changed' AND c.relname = ANY($1)`,
        [NOTIFYING_TABLES],
      );
      const missing = NOTIFYING_TABLES.filter((table) => !rows.some((row) => row.table === table));
      if (missing.length > 0) throw new Error(`no change notification on ${missing.join(', ')}`);
    } catch (error) {
      this.lostAt = Date.now();
      await client.end().catch(() => undefined);
      throw error;
    }
    // Changes committed before LISTEN took effect are not in memory either: the cache starts empty.
    this.forget();
    this.listener = client;
  }
}
