import type { AppConfig } from '#config';

export interface DatabaseConnection {
  /** What the API and the worker connect with (the runtime role when there is one). */
  url: string;
  /** What migrations (and backups) connect with: DATABASE_OWNER_URL, the embedded superuser, or `url`. */
  ownerUrl: string;
  /** The runtime role's password must be (re)set on the role: only the embedded server says so. */
  syncRuntimePassword: boolean;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface BootLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** DATABASE_URL when set; otherwise the embedded server under the data directory. */
export async function connectDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'databaseOwnerUrl' | 'dataDir'>,
  logger: BootLogger,
): Promise<DatabaseConnection> {
  if (config.databaseUrl)
    return {
      url: config.databaseUrl,
      ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl,
      syncRuntimePassword: false,
      embedded: false,
      stop: async () => undefined,
    };
  // Loaded only when needed: production (DATABASE_URL set) never loads the embedded server's code.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const embedded = await startEmbeddedPostgres(config.dataDir, logger);
  return {
    url: embedded.runtimeUrl,
    ownerUrl: embedded.url,
    syncRuntimePassword: embedded.runtimePasswordNew,
    embedded: true,
    stop: () => embedded.stop(),
  };
}

/**
 * A database connection under way, started before the process has loaded the rest of its code (the
 * embedded server boots while Node loads Nest, typeorm and the app). What it logs meanwhile is held
 * until the process's logger exists.
 */
export interface StartingDatabase {
  connection: Promise<DatabaseConnection>;
  /** Writes the held messages to `logger`, and every later one straight to it. */
  logTo(logger: BootLogger): void;
}

/** connectDatabase, started now; see StartingDatabase. This module loads nothing else on its own. */
export function startDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'databaseOwnerUrl' | 'dataDir'>,
): StartingDatabase {
  const held: Array<['info' | 'warn', string]> = [];
  let target: BootLogger | null = null;
  const log = (level: 'info' | 'warn') => (message: string) =>
    target ? target[level](message) : held.push([level, message]);
  const connection = connectDatabase(config, { info: log('info'), warn: log('warn') });
  // Whoever awaits the connection gets its failure; until then it must not count as unhandled.
  connection.catch(() => undefined);
  return {
    connection,
    logTo(logger) {
      target = logger;
      for (const [level, message] of held.splice(0)) logger[level](message);
    },
  };
}
