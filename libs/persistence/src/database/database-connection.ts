import type { AppConfig } from '#config';

export interface DatabaseConnection {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded server under the data directory. */
export async function connectDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  logger: { info(message: string): void; warn(message: string): void },
): Promise<DatabaseConnection> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  // Loaded only when needed: production (DATABASE_URL set) never loads the embedded server's code.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const embedded = await startEmbeddedPostgres(config.dataDir, logger);
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
