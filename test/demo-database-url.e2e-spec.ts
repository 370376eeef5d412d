import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap.js';
import { startupBanner } from '../apps/api/src/startup-banner.js';
import { createTestDatabase, testConfig } from './support/test-api.js';

describe('The demo assembly on an external PostgreSQL (DATABASE_URL)', () => {
  it('seeds, writes its credentials under a DATA_DIR it creates, and starts again on the seeded data', async () => {
    const database = await createTestDatabase();
    // A DATA_DIR that does not exist yet: with DATABASE_URL and JWT_SECRET nothing else creates it.
    const dataDir = join(mkdtempSync(join(tmpdir(), 'asamblea-demo-url-')), 'nested', 'data');
    const config = testConfig(database.url, { ASAMBLEA_DEMO: 'true', DATA_DIR: dataDir });
    expect(config).toMatchObject({ demo: true, databaseUrl: database.url, dataDir });
    expect(existsSync(dataDir)).toBe(false);
    try {
      const first = await createApi(config);
      try {
        await first.app.init();
        const credentials = join(dataDir, 'demo-credentials.txt');
        expect(first.demo).toEqual({ credentialsFile: credentials, password: expect.any(String) });
        const password = first.demo!.password!;
        expect(statSync(credentials).mode & 0o777).toBe(0o600);
        const text = readFileSync(credentials, 'utf8');
        expect(text).toContain('admin@asamblea.local');
        expect(text).toContain(`Contraseña / password: ${password}`);
        expect(startupBanner({ baseUrl: 'http://localhost:3000', demo: first.demo })).toContain(password);

        const http = request(first.app.getHttpServer());
        const login = await http
          .post('/api/auth/login')
          .send({ email: 'admin@asamblea.local', password })
          .expect(200);
        expect(login.body.accessToken).toEqual(expect.any(String));
        expect((await http.get('/api/delegates').expect(200)).body).toHaveLength(60);
        // The Mesa Directiva's positions, next year's term and the vice-presidencies' election.
        const positions = (await http.get('/api/positions').expect(200)).body;
        expect(positions.map((p: { rank: string; seats: number }) => [p.rank, p.seats]).sort()).toEqual([
          ['president', 1],
          ['secretary', 1],
          ['vice_president', 2],
        ]);
        const [election] = (await http.get('/api/elections').expect(200)).body;
        expect(election).toMatchObject({ status: 'nominating', method: 'approval_up_to_n', seats: 2 });
        expect(election.candidacies.map((c: { status: string }) => c.status).sort()).toEqual([
          'accepted',
          'accepted',
          'accepted',
          'proposed',
        ]);
      } finally {
        await first.close();
      }

      // A second start finds the demo seeded: nothing reseeded, the banner points at the file.
      const second = await createApi(config);
      try {
        expect(second.demo).toEqual({
          credentialsFile: join(dataDir, 'demo-credentials.txt'),
          password: null,
        });
        await second.app.init();
        const delegates = await request(second.app.getHttpServer()).get('/api/delegates').expect(200);
        expect(delegates.body).toHaveLength(60);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  }, 120_000);
});
