/** Where the e2e suite finds its services; global-setup fills these for the test workers. */
export const TEST_ENV = {
  pgAdminUrl: 'ASAMBLEA_TEST_PG_ADMIN_URL',
  redisUrl: 'ASAMBLEA_TEST_REDIS_URL',
  embeddedDir: 'ASAMBLEA_TEST_EMBEDDED_DIR',
} as const;

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
