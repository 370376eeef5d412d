import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createTestDatabase, startTestApi, type TestApi } from './support/test-api.js';

const API_MAIN = 'dist/apps/api/src/main.js';
const CLI = 'dist/apps/api/src/cli.js';
const DEMO_PASSWORD = 'clave-demo-de-prueba';

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

/** Starts the built API as a real process and resolves with its URL once it listens. */
function startProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [API_MAIN], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('Processes: the embedded default, configuration errors, the admin CLI', () => {
  it('starts with zero setup on embedded PostgreSQL with the demo assembly, stops cleanly, and reuses the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'asamblea-embedded-'));
    const env = { DATA_DIR: dataDir, PORT: '0', ASAMBLEA_DEMO_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'warn' };

    const first = await startProcess(env);
    const http = request(first.url);
    const health = await http.get('/api/health').expect(200);
    expect(health.body.details.database.status).toBe('up');
    expect(first.output()).toContain('delegado01@asamblea.local');
    expect(first.output().split(DEMO_PASSWORD)).toHaveLength(2); // the password printed once, in the banner
    expect(first.output().match(/Asamblea Popular Regional de Cajamarca/g)).toHaveLength(1);
    const delegates = await http.get('/api/delegates').expect(200);
    expect(delegates.body).toHaveLength(60);
    expect(
      new Set(delegates.body.map((d: { constituency: { code: string } }) => d.constituency.code)).size,
    ).toBe(13);
    expect(
      delegates.body.filter((d: { alternateOfId: string | null }) => d.alternateOfId).length,
    ).toBeGreaterThan(0);
    const motions = await http.get('/api/motions').expect(200);
    expect(motions.body.items).toHaveLength(5);
    expect(motions.body.items.map((m: { status: string }) => m.status).sort()).toEqual([
      'adopted',
      'filed',
      'filed',
      'scheduled',
      'voting',
    ]);
    // A session in progress: one resolution already issued, the next motion under an open vote.
    const [session] = (await http.get('/api/sessions').expect(200)).body;
    expect(session.status).toBe('open');
    const snapshot = (await http.get(`/api/sessions/${session.id}`).expect(200)).body;
    expect(snapshot.attendance.quorum).toMatchObject({ present: 45, hasQuorum: true });
    expect(snapshot.vote).toMatchObject({ status: 'open', castCount: 30, entitledCount: 45, ballots: null });
    const resolutions = (await http.get('/api/resolutions').expect(200)).body.items;
    expect(resolutions.map((r: { number: string }) => r.number)).toEqual([
      expect.stringMatching(/^RES-APR-\d{4}-0001$/),
    ]);
    const compliance = (await http.get(`/api/resolutions/${resolutions[0].number}/compliance`).expect(200))
      .body;
    expect(compliance).toEqual([
      expect.objectContaining({
        institution: expect.objectContaining({ code: 'DIRESA' }),
        status: 'in_progress',
        progress: 25,
      }),
    ]);
    expect((await http.get('/api/ledger/verify').expect(200)).body).toMatchObject({ ok: true });
    const login = await http
      .post('/api/auth/login')
      .send({ email: 'delegado01@asamblea.local', password: DEMO_PASSWORD })
      .expect(200);
    expect(login.body.user.roles).toEqual(['delegate']);
    await http
      .post('/api/auth/login')
      .send({ email: 'moderador@asamblea.local', password: DEMO_PASSWORD })
      .expect(200);
    expect(await stop(first.child)).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false); // the embedded server stopped too

    const second = await startProcess(env);
    // Not seeded twice: the banner still names the demo accounts, and where the password is, not the password.
    expect(second.output()).toContain('delegado01@asamblea.local');
    expect(second.output()).not.toContain(DEMO_PASSWORD);
    expect(second.output()).toContain(join(dataDir, 'demo-credentials.txt'));
    const again = await request(second.url).get('/api/delegates').expect(200);
    expect(again.body.map((d: { id: string }) => d.id).sort()).toEqual(
      delegates.body.map((d: { id: string }) => d.id).sort(),
    );
    await request(second.url)
      .post('/api/auth/login')
      .send({ email: 'admin@asamblea.local', password: DEMO_PASSWORD })
      .expect(200);
    expect(readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8')).toContain(DEMO_PASSWORD);
    expect(await stop(second.child)).toBe(0);
  });

  it.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be a whole number, got "abc"'],
    [
      { DATABASE_URL: 'postgres://x@127.0.0.1:1/none' },
      'Configuration error: JWT_SECRET is required when DATABASE_URL is set or NODE_ENV=production',
    ],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'y'.repeat(40), ASAMBLEA_DEMO: 'true' },
      'Configuration error: ASAMBLEA_DEMO cannot be on in production (NODE_ENV=production)',
    ],
  ])('stops at boot on a bad setting %p with one line naming it', (env, line) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'asamblea-config-'));
    const result = spawnSync(process.execPath, [API_MAIN], {
      env: cleanEnv({ DATA_DIR: dataDir, ...env }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(line);
  });

  describe('admin CLI', () => {
    let api: TestApi;
    let database: { url: string; drop(): Promise<void> };
    const secret = randomBytes(32).toString('hex');

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await api?.close();
      await database.drop();
    });

    it('creates an admin that can log in, refuses bad arguments, and sets passwords', async () => {
      const env = cleanEnv({
        DATABASE_URL: database.url,
        JWT_SECRET: secret,
        SECRETS_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'silent',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-cli-')),
      });
      const created = spawnSync(
        process.execPath,
        [
          CLI,
          'create-user',
          '--email',
          'Jefa@Secretaria.pe',
          '--role',
          'admin',
          '--role',
          'moderator',
          '--name',
          'Jefa',
          '--password',
          'clave-del-cli-1',
        ],
        { env, encoding: 'utf8' },
      );
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      expect(created.stdout).toMatch(/Created jefa@secretaria\.pe \(admin, moderator\)/);

      const badRole = spawnSync(
        process.execPath,
        [CLI, 'create-user', '--email', 'x@y.pe', '--role', 'king'],
        { env, encoding: 'utf8' },
      );
      expect(badRole.status).toBe(2);
      expect(badRole.stderr).toContain('unknown role(s): king');
      const duplicate = spawnSync(
        process.execPath,
        [CLI, 'create-user', '--email', 'jefa@secretaria.pe', '--role', 'admin'],
        { env, encoding: 'utf8' },
      );
      expect(duplicate.status).toBe(1);
      expect(duplicate.stderr).toContain('EMAIL_TAKEN');

      const generated = spawnSync(process.execPath, [CLI, 'set-password', '--email', 'jefa@secretaria.pe'], {
        env,
        encoding: 'utf8',
      });
      expect(generated.status).toBe(0);
      const password = /Password: (\S+)/.exec(generated.stdout)![1]!;

      api = await startTestApi({ DATABASE_URL: database.url, JWT_SECRET: secret });
      const login = await api
        .http()
        .post('/api/auth/login')
        .send({ email: 'jefa@secretaria.pe', password })
        .expect(200);
      expect(login.body.user.roles).toEqual(['admin', 'moderator']);
      await api
        .http()
        .post('/api/auth/login')
        .send({ email: 'jefa@secretaria.pe', password: 'clave-del-cli-1' })
        .expect(401);

      // A weak password is refused by the CLI too; a code lets the person choose their own.
      const weak = spawnSync(
        process.execPath,
        [CLI, 'set-password', '--email', 'jefa@secretaria.pe', '--password', 'password123'],
        { env, encoding: 'utf8' },
      );
      expect(weak.status).toBe(1);
      expect(weak.stderr).toContain('PASSWORD_TOO_WEAK');
      const enrolment = spawnSync(
        process.execPath,
        [CLI, 'issue-enrolment', '--email', 'jefa@secretaria.pe'],
        {
          env,
          encoding: 'utf8',
        },
      );
      expect(enrolment.status).toBe(0);
      const code = /Reset code for jefa@secretaria\.pe: (\S+)/.exec(enrolment.stdout)![1]!;
      expect(enrolment.stdout).toContain(`/alta#codigo=${code}`);
      await api.http().post('/api/auth/login').send({ email: 'jefa@secretaria.pe', password }).expect(401);
      await api
        .http()
        .post('/api/auth/enrolment')
        .send({ code, password: 'la jefa elige su clave' })
        .expect(200);
      const record: { type: string; actor: string | null; payload: { via?: string } }[] =
        await api.dataSource.query(
          `SELECT type, actor, payload FROM ledger_events WHERE type LIKE 'account.%' ORDER BY sequence`,
        );
      expect(record.map((e) => [e.type, e.actor, e.payload.via ?? null])).toEqual([
        ['account.created', null, null],
        ['account.password_set', null, 'operator'],
        ['account.password_set', null, 'operator'],
        ['account.enrolment_issued', null, null],
        ['account.password_set', expect.stringMatching(/^user:/), 'reset'],
      ]);
    });
  });
});
