import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import request from 'supertest';
import { connect, join, urlOf } from './support/live-client.js';
import { startBuiltApi } from './support/built-api.js';
import {
  createTestDatabase,
  seatDelegate,
  outboxDrained,
  startTestApi,
  userWithRoles,
  type TestApi,
} from './support/test-api.js';
import { TEST_ENV } from './support/test-env.js';

describe('A process killed with SIGKILL right after commit', () => {
  let database: { url: string; drop(): Promise<void> };
  let setup: TestApi;
  let survivor: TestApi | undefined;
  let shared: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    shared = {
      DATABASE_URL: database.url,
      REDIS_URL: process.env[TEST_ENV.redisUrl] ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SECOND_FACTOR_ROLES: '',
      QUEUE_PREFIX: `crash_${Date.now()}`,
    };
    // Setting up data must not publish anything either: every live event stays in the outbox.
    setup = await startTestApi({ ...shared, LIVE_RELAY: 'false' });
  });
  afterAll(async () => {
    await survivor?.close();
    await setup.close();
    await database.drop();
  });

  it('loses nothing: the next process publishes the pending events and a rejoining client sees the change', async () => {
    const moderator = await userWithRoles(setup, ['moderator']);
    const delegate = await seatDelegate(setup);
    const created = await setup
      .http()
      .post('/api/sessions')
      .set('Authorization', `Bearer ${moderator.token}`)
      .send({
        kind: 'ordinary',
        title: 'Sesión interrumpida',
        scheduledAt: '2026-12-05T15:00:00Z',
        place: 'Cajamarca',
      })
      .expect(201);
    const sessionId = created.body.session.id;
    await setup
      .http()
      .post(`/api/sessions/${sessionId}/open`)
      .set('Authorization', `Bearer ${moderator.token}`)
      .expect(200);

    // Process A commits a check-in and dies before any relay publishes it.
    const a = await startBuiltApi({
      ...shared,
      PORT: '0',
      LOG_LEVEL: 'warn',
      LIVE_RELAY: 'false',
      DATA_DIR: mkdtempSync(joinPath(tmpdir(), 'asamblea-a-')),
    });
    await request(a.url)
      .post(`/api/sessions/${sessionId}/attendance`)
      .set('Authorization', `Bearer ${delegate.token}`)
      .send({ present: true })
      .expect(200);
    const exited = new Promise((resolve) => a.child.once('exit', resolve));
    a.child.kill('SIGKILL');
    await exited;
    const pending: { type: string }[] = await setup.dataSource.query(
      `SELECT type FROM outbox WHERE session_id = $1 AND sent_at IS NULL ORDER BY sequence`,
      [sessionId],
    );
    expect(pending.map((row) => row.type)).toEqual(['session.opened', 'attendance.changed']);

    // Process B starts: its relay sends what A left, and a client joining B sees the check-in.
    survivor = await startTestApi(shared);
    await survivor.app.listen(0, '127.0.0.1');
    const client = await connect(urlOf(survivor));
    const snapshot = await join(client, sessionId);
    expect(snapshot.data!.attendance.presentDelegateIds).toEqual([delegate.delegateId]);
    expect(await outboxDrained(survivor)).toBe(0);
    client.disconnect();
  });
});
