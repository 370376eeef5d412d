import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
  voteYesAndClose,
} from './support/assembly.js';
import { asOwner, databaseWithRuntimeRole, startApiOn } from './support/runtime-role.js';
import { startTestApi, TEST_PASSWORD, userWithRoles, type TestApi } from './support/test-api.js';

const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point (npm run backup / restore / verify without the build step) and answers how it ended. */
async function node(script: string, args: string[], env: Record<string, string>): Promise<Ran> {
  try {
    const { stdout, stderr } = await run('node', [script, ...args], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function head(url: string): Promise<{ sequence: string; hash: string }> {
  return asOwner(url, async (client) => {
    const rows = await client.query<{ sequence: string; hash: string }>(
      `SELECT sequence::text, hash FROM ledger_events ORDER BY sequence DESC LIMIT 1`,
    );
    return rows.rows[0]!;
  });
}

describe('Backup and restore: npm run backup → a fresh database → npm run restore → the API boots and verifies', () => {
  let original: TestApi;
  let restored: TestApi | undefined;
  let target: Awaited<ReturnType<typeof databaseWithRuntimeRole>>;
  const dir = mkdtempSync(join(tmpdir(), 'asamblea-backup-'));
  const file = join(dir, 'asamblea.dump');

  beforeAll(async () => {
    original = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    target = await databaseWithRuntimeRole();
  });
  afterAll(async () => {
    await restored?.close();
    await original?.close();
    await target?.drop();
  });

  it('restores the record exactly, refuses a non-empty database, and the restored API verifies', async () => {
    const moderator = await userWithRoles(original, ['moderator']);
    const delegates = await seatDelegatesInBulk(original, 3);
    const sessionId = await openSession(original, moderator, 'Sesión antes de la copia de seguridad');
    const motion = await admittedMotion(original, delegates[0]!, moderator, { title: 'Moción respaldada' });
    await debate(original, moderator, sessionId, motion.id);
    await checkIn(original, sessionId, delegates);
    const closed = await voteYesAndClose(original, moderator, sessionId, delegates);
    await original.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    const before = await head(original.databaseUrl);
    expect(Number(before.sequence)).toBeGreaterThan(5);

    // The same settings as the original instance: DATA_DIR keeps its keys, SECRETS_KEY opens its secrets.
    const settings = {
      DATA_DIR: original.config.dataDir,
      JWT_SECRET: original.config.jwtSecret,
      SECRETS_KEY: original.config.secretsKey.toString('base64'),
    };
    const backup = await node('dist/libs/persistence/src/cli/backup.js', ['--out', file], {
      ...settings,
      DATABASE_URL: original.databaseUrl,
    });
    expect(backup).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Record head: #${before.sequence} ${before.hash}`),
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Into a fresh database, as the owner, with the runtime role set up after it (the production shape).
    const production = { ...settings, DATABASE_URL: target.runtimeUrl, DATABASE_OWNER_URL: target.ownerUrl };
    const restore = await node('dist/libs/persistence/src/cli/restore.js', [file], production);
    expect(restore).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Record head: #${before.sequence} ${before.hash}`),
    });
    expect(await head(target.ownerUrl)).toEqual(before);

    const again = await node('dist/libs/persistence/src/cli/restore.js', [file], production);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/Refusing to restore over database .*: it is not empty .* --force/);
    const notADump = await node(
      'dist/libs/persistence/src/cli/restore.js',
      [join(dir, '..', 'nonexistent.dump')],
      production,
    );
    expect(notADump).toMatchObject({ code: 1, stderr: expect.stringContaining('No such file') });

    restored = await startApiOn(target.runtimeUrl, { DATABASE_OWNER_URL: target.ownerUrl, ...settings });
    const [{ user }]: { user: string }[] = await restored.dataSource.query(`SELECT current_user AS user`);
    expect(user).toBe(target.role);
    const verdict = await restored.http().get('/api/ledger/verify').expect(200);
    expect(verdict.body.ok).toBe(true);
    expect(await head(target.ownerUrl)).toEqual(before);
    const resolution = await restored.http().get(`/api/resolutions/${closed.resolutionNumber}`).expect(200);
    expect(resolution.body.number).toBe(closed.resolutionNumber);
    // The moderator's account came along: the same password logs in on the restored instance.
    await restored
      .http()
      .post('/api/auth/login')
      .send({ email: moderator.email, password: TEST_PASSWORD })
      .expect(200);

    // `npm run verify` (the public API only) agrees.
    await restored.app.listen(0, '127.0.0.1');
    const { port } = restored.app.getHttpServer().address() as AddressInfo;
    const verify = await node('dist/apps/api/src/verify.js', ['--url', `http://127.0.0.1:${port}`], {});
    expect(verify).toMatchObject({ code: 0 });
  });
});
