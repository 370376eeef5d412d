import type { LiveEnvelope } from '#contracts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { io } from 'socket.io-client';
import request from 'supertest';
import { admittedMotion, bearer, checkIn, debate, openSession } from './support/assembly.js';
import {
  crashSigns,
  remoteApi,
  seedDelegates,
  seedUser,
  sleep,
  startApiProcess,
  startPrivateRedis,
  startWorkerProcess,
  tomorrow,
  until,
  type Child,
} from './support/chaos.js';
import type { Client } from './support/live-client.js';
import { createTestDatabase } from './support/test-api.js';
import { startReceiver } from './support/webhook-receiver.js';

const PASSWORD = 'contraseña-de-caos-2026';

describe('Chaos: Redis killed and restarted in the middle of a session', () => {
  let database: { url: string; drop(): Promise<void> };
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let pool: pg.Pool;
  let api: (Child & { url: string }) | undefined;
  let worker: Child | undefined;
  let client: Client | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startPrivateRedis();
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
  });
  afterAll(async () => {
    client?.disconnect();
    await worker?.kill('SIGKILL');
    await api?.kill('SIGKILL');
    await receiver?.close();
    await redis?.stop();
    await pool?.end();
    await database?.drop();
  });

  it('keeps recording ballots on PostgreSQL, resumes live events and runs every job once Redis is back', async () => {
    const secret = randomBytes(32).toString('hex');
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      JWT_SECRET: secret,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SECOND_FACTOR_ROLES: '',
      QUEUE_PREFIX: `chaosredis_${Date.now()}`,
      COSPONSOR_THRESHOLD: '0',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '5',
      WEBHOOK_ALLOWED_DESTINATIONS: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    api = await startApiProcess(env);
    worker = await startWorkerProcess(env);
    const remote = remoteApi(api.url, pool);
    const http = () => request(api!.url);

    const admin = await seedUser(pool, secret, ['admin']);
    const moderator = await seedUser(pool, secret, ['moderator']);
    const loginUser = await seedUser(pool, secret, ['delegate'], PASSWORD);
    const delegates = await seedDelegates(pool, secret, 5);
    receiver = await startReceiver({ '/diresa': [200] });
    await http()
      .post('/api/institutions/DIRESA/webhooks')
      .set(bearer(admin))
      .send({ url: receiver.url('/diresa'), events: ['resolution.issued'] })
      .expect(201);

    const sessionId = await openSession(remote, moderator, 'Sesión con Redis caído');
    const motion = await admittedMotion(remote, delegates[0]!, moderator, {
      title: 'Moción votada sin Redis',
      institutionCodes: ['DIRESA'],
      complianceDeadline: tomorrow(),
    });
    await debate(remote, moderator, sessionId, motion.id);
    await checkIn(remote, sessionId, delegates);

    // A public listener that reconnects by itself (as the web client does) and joins again on reconnect.
    const events: LiveEnvelope[] = [];
    client = io(`${api.url}/live`, {
      transports: ['websocket'],
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    }) as Client;
    client.on('session.event', (event) => events.push(event));
    client.on('connect', () => void client!.emitWithAck('session.join', { sessionId }));
    await until(() => client!.connected, 5000, 'socket connected');

    const vote = await http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(201);
    const voteId: string = vote.body.id;
    await http()
      .post(`/api/votes/${voteId}/ballots`)
      .set(bearer(delegates[0]!))
      .send({ choice: 'yes' })
      .expect(200);
    await until(
      () => events.some((e) => e.type === 'vote.progress'),
      5000,
      'a vote.progress event with Redis up',
    );

    // Redis dies (SIGKILL: no goodbye to its clients).
    await redis.kill();
    const outageStarted = Date.now();
    await sleep(300);

    // HTTP keeps answering: health names Redis as down within its 2 s budget, reads and ballots work.
    let started = Date.now();
    const health = await http().get('/api/health');
    const healthMs = Date.now() - started;
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } },
    });
    expect(healthMs).toBeLessThan(3000);

    const ballotTimes: number[] = [];
    for (const [i, d] of delegates.slice(1, 4).entries()) {
      started = Date.now();
      const ballot = await http()
        .post(`/api/votes/${voteId}/ballots`)
        .set(bearer(d))
        .send({ choice: i === 2 ? 'no' : 'yes' });
      ballotTimes.push(Date.now() - started);
      expect({ status: ballot.status, body: ballot.body }).toMatchObject({
        status: 200,
        body: { receipt: expect.any(String) },
      });
    }
    expect(Math.max(...ballotTimes)).toBeLessThan(2000);
    const stored: { n: number }[] = await remote.dataSource.query(
      `SELECT count(*)::int AS n FROM ballots WHERE vote_id = $1`,
      [voteId],
    );
    expect(stored[0]!.n).toBe(4);
    expect((await http().get(`/api/votes/${voteId}`).expect(200)).body).toMatchObject({
      status: 'open',
      castCount: 4,
    });

    // Logging in uses Redis for its rate limits: it must still work (per-process limits meanwhile).
    started = Date.now();
    const login = await http().post('/api/auth/login').send({ email: loginUser.email, password: PASSWORD });
    const loginMs = Date.now() - started;
    expect({ status: login.status, code: login.body.code }).toEqual({ status: 200, code: undefined });
    expect(loginMs).toBeLessThan(3000);

    // The resolution is issued while Redis is down: its jobs wait in the job outbox, undispatched.
    const closed = await http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
    const number: string = closed.body.resolutionNumber;
    expect(number).toMatch(/^RES-APR-\d{4}-0001$/);
    await sleep(1500); // three dispatcher polls
    const waiting: { name: string }[] = await remote.dataSource.query(
      `SELECT name FROM job_outbox WHERE dispatched_at IS NULL ORDER BY id`,
    );
    expect(waiting.map((row) => row.name).sort()).toEqual([
      'documents.render-resolution',
      'webhooks.deliver',
    ]);
    expect(receiver.received).toHaveLength(0);
    // Long enough for every client's reconnection backoff to grow (BullMQ's reaches seconds by then).
    await sleep(Math.max(0, outageStarted + 10_000 - Date.now()));
    const duringOutage = events.map((e) => e.type);
    const outageMs = Date.now() - outageStarted;

    // Redis comes back on the same port, with its data.
    await redis.restart();
    const restarted = Date.now();

    const delivered = await until(
      async () => {
        const rows: { id: string; status: string; attempts: number }[] = await remote.dataSource.query(
          `SELECT id, status, attempts FROM webhook_deliveries WHERE status = 'delivered'`,
        );
        return rows.length ? rows : null;
      },
      30_000,
      'the webhook of the resolution issued during the outage is delivered',
    );
    const deliveredMs = Date.now() - restarted;
    expect(delivered).toHaveLength(1);
    expect(receiver.received.map((r) => r.headers['x-asamblea-delivery'])).toEqual([delivered[0]!.id]);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: 'resolution.issued',
      data: { number },
    });
    await until(
      async () =>
        (
          await remote.dataSource.query(
            `SELECT 1 FROM documents WHERE kind = 'resolution' AND subject = $1`,
            [number],
          )
        ).length === 1,
      30_000,
      'the resolution PDF is rendered',
    );
    expect((await http().get(`/api/resolutions/${number}.pdf`)).headers['content-type']).toBe(
      'application/pdf',
    );
    expect(
      await remote.dataSource.query(`SELECT id FROM job_outbox WHERE dispatched_at IS NULL`),
    ).toHaveLength(0);
    await until(async () => (await http().get('/api/health')).status === 200, 30_000, 'health 200');

    // Live events: everything that happened reached the listener, and a change made now arrives too.
    await until(
      () => client!.connected && events.some((e) => e.type === 'resolution.issued'),
      15_000,
      'vote.closed and resolution.issued reach the listener',
    );
    await http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    await until(
      () => events.some((e) => e.type === 'session.closed'),
      15_000,
      `session.closed after the restart (got ${events.map((e) => e.type).join(', ')})`,
    );
    const sequences = [...new Set(events.map((e) => e.sequence))].sort((a, b) => a - b);
    expect(sequences).toEqual(
      Array.from({ length: sequences.length }, (_, i) => sequences[0]! + i), // no gap
    );
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['vote.closed', 'resolution.issued']));
    await until(
      async () =>
        (
          await remote.dataSource.query(`SELECT 1 FROM documents WHERE kind = 'minutes' AND subject = $1`, [
            sessionId,
          ])
        ).length === 1,
      30_000,
      'the minutes of the session closed after the restart',
    );

    // Nothing crashed: the same API and worker processes did all of it.
    expect(api.alive()).toBe(true);
    expect(worker.alive()).toBe(true);
    expect(crashSigns(api.output())).toEqual([]);
    expect(crashSigns(worker.output())).toEqual([]);
    if (process.env.CHAOS_VERBOSE)
      process.stdout.write(`API:\n${api.output()}\nWORKER:\n${worker.output()}\n`);
    process.stdout.write(
      `chaos-redis: outage ${outageMs} ms; health ${healthMs} ms; ballots ${ballotTimes.join('/')} ms; ` +
        `login ${loginMs} ms; webhook delivered ${deliveredMs} ms after restart; ` +
        `live events during the outage: ${duringOutage.join(', ')}\n`,
    );
  }, 120_000);
});
