import pg from 'pg';
import { startTestApi, type TestApi } from './support/test-api.js';

// A database that holds a statement (a lock nobody releases, a runaway query) must not hold the
// request with it: PostgreSQL cancels the statement at DB_STATEMENT_TIMEOUT_MS and the caller gets a
// coded 503 it can retry, then answers come back by themselves.
describe('a statement PostgreSQL cannot finish in time', () => {
  let api: TestApi;
  let other: pg.Client;

  beforeAll(async () => {
    api = await startTestApi({ DB_STATEMENT_TIMEOUT_MS: '1000' });
    other = new pg.Client({ connectionString: api.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await api.close();
  });

  it('is cancelled at the timeout and answered 503 DATABASE_UNAVAILABLE, in the caller’s language', async () => {
    await other.query('BEGIN');
    await other.query('LOCK TABLE resolutions IN ACCESS EXCLUSIVE MODE');
    try {
      const started = Date.now();
      const es = await api.http().get('/api/resolutions?year=2031').expect(503);
      const waited = Date.now() - started;
      expect(es.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(es.body.message).toMatch(/base de datos/);
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(5000);
      const en = await api.http().get('/api/resolutions?year=2032').set('Accept-Language', 'en').expect(503);
      expect(en.body.message).toMatch(/database/i);
    } finally {
      await other.query('ROLLBACK');
    }
    expect((await api.http().get('/api/resolutions?year=2031').expect(200)).body.items).toEqual([]);
  });
});
