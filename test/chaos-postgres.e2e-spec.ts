import type { LiveEnvelope } from '#contracts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import request from 'supertest';
import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../libs/persistence/src/database/embedded-postgres.js';
import { admittedMotion, bearer, checkIn, debate, openSession } from './support/assembly.js';
import {
  crashSigns,
  remoteApi,
  seedDelegates,
  seedUser,
  sleep,
  startApiProcess,
  until,
  type Child,
} from './support/chaos.js';
import type { Client } from './support/live-client.js';

const quiet = { info: () => undefined, warn: () => undefined };

/** One request during the outage: it must fail fast with the coded 503. */
async function timed(run: () => Promise<request.Response>) {
  const started = Date.now();
  const response = await run();
  return { status: response.status, body: response.body, ms: Date.now() - started };
}

describe('Chaos: PostgreSQL stopped and started again under a running API process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asamblea-chaos-pg-'));
  let server: EmbeddedDatabase | undefined;
  let pool: pg.Pool | undefined;
  let api: (Child & { url: string }) | undefined;
  let client: Client | undefined;

  afterAll(async () => {
    client?.disconnect();
    await api?.kill('SIGKILL');
    await pool?.end();
    await server?.stop();
  });

  it('answers 503 DATABASE_UNAVAILABLE fast during the outage, then 2xx again with no restart; its loops survive', async () => {
    server = await startEmbeddedPostgres(dir, quiet);
    const databaseUrl = server.url;
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined); // idle connections die with the server; that is the point
    const secret = randomBytes(32).toString('hex');
    api = await startApiProcess({
      DATABASE_URL: databaseUrl,
      REDIS_URL: '', // the embedded default: deadlines by timer, jobs in-process
      JWT_SECRET: secret,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SECOND_FACTOR_ROLES: '',
      COSPONSOR_THRESHOLD: '0',
      LOG_LEVEL: 'warn',
    });
    const pid = api.pid;
    const remote = remoteApi(api.url, pool);
    const http = () => request(api!.url);

    const moderator = await seedUser(pool, secret, ['moderator']);
    const delegates = await seedDelegates(pool, secret, 5);
    const sessionId = await openSession(remote, moderator, 'Sesión con la base de datos caída');
    const motion = await admittedMotion(remote, delegates[0]!, moderator, {
      title: 'Moción votada durante un reinicio',
    });
    await debate(remote, moderator, sessionId, motion.id);
    await checkIn(remote, sessionId, delegates);

    const events: LiveEnvelope[] = [];
    client = io(`${api.url}/live`, { transports: ['websocket'], reconnectionDelay: 200 }) as Client;
    client.on('session.event', (event) => events.push(event));
    await until(() => client!.connected, 5000, 'socket connected');
    expect((await client.timeout(5000).emitWithAck('session.join', { sessionId })).ok).toBe(true);

    // A vote whose 10-second deadline falls inside the outage: its timer must keep trying.
    const vote = await http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple', durationSeconds: 10 })
      .expect(201);
    const voteId: string = vote.body.id;
    const deadline = new Date(vote.body.deadline).getTime();
    for (const d of delegates.slice(0, 3))
      await http().post(`/api/votes/${voteId}/ballots`).set(bearer(d)).send({ choice: 'yes' }).expect(200);

    // PostgreSQL stops (fast shutdown: open connections are terminated with 57P01).
    let started = Date.now();
    await server.stop();
    const stopMs = Date.now() - started;
    const outageStarted = Date.now();

    const seen: { what: string; status: number; code: string; ms: number }[] = [];
    const record = (what: string, r: { status: number; body: { code?: string }; ms: number }) =>
      seen.push({ what, status: r.status, code: String(r.body.code), ms: r.ms });
    // First a public read (pooled connections are dead), then authenticated writes, in both languages.
    const read = await timed(() => http().get('/api/motions'));
    record('GET /api/motions', read);
    expect(read.body).toEqual({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'La base de datos no está disponible en este momento; inténtelo de nuevo en unos segundos.',
    });
    const english = await timed(() => http().get(`/api/sessions/${sessionId}`).set('Accept-Language', 'en'));
    record('GET /api/sessions/:id (en)', english);
    expect(english.body).toEqual({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unavailable right now; try again in a few seconds.',
    });
    const ballot = await timed(() =>
      http().post(`/api/votes/${voteId}/ballots`).set(bearer(delegates[3]!)).send({ choice: 'no' }),
    );
    record('POST ballot', ballot);
    const attendance = await timed(() =>
      http()
        .post(`/api/sessions/${sessionId}/attendance`)
        .set(bearer(delegates[4]!))
        .send({ present: false }),
    );
    record('POST attendance', attendance);
    const health = await timed(() => http().get('/api/health'));
    record('GET /api/health', health);
    expect(health.body).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      details: { error: { database: { status: 'down' } } },
    });
    for (const r of [read, english, ballot, attendance]) expect(r.status).toBe(503);
    for (const r of [ballot, attendance]) expect(r.body.code).toBe('DATABASE_UNAVAILABLE');
    for (const r of seen) expect(r.ms).toBeLessThan(3000);

    // The live transport answers with the same code.
    const ack = await client.timeout(5000).emitWithAck('session.join', { sessionId });
    expect(ack).toEqual({
      ok: false,
      error: {
        code: 'DATABASE_UNAVAILABLE',
        message: 'La base de datos no está disponible en este momento; inténtelo de nuevo en unos segundos.',
      },
    });

    // Stay down until the vote's deadline has passed (its timer fails at least once), and a little more.
    await sleep(Math.max(0, deadline + 2000 - Date.now(), outageStarted + 4000 - Date.now()));
    expect(api.alive()).toBe(true);
    const outageMs = Date.now() - outageStarted;

    started = Date.now();
    server = await startEmbeddedPostgres(dir, quiet);
    const startMs = Date.now() - started;
    expect(server.url).toBe(databaseUrl); // same port and credentials

    // The same process answers again, without a restart.
    started = Date.now();
    await until(
      async () => (await http().get('/api/motions')).status === 200,
      15_000,
      'GET /api/motions answers 200 again',
    );
    const recoveryMs = Date.now() - started;
    await until(async () => (await http().get('/api/health')).status === 200, 15_000, 'health 200 again');

    // The deadline timer kept retrying through the outage: the vote closed by deadline, with the 3 ballots.
    const closed = await until(
      async () => {
        const body = (await http().get(`/api/votes/${voteId}`).expect(200)).body;
        return body.status === 'closed' ? body : null;
      },
      15_000,
      'the vote closes at its (passed) deadline',
    );
    expect(closed).toMatchObject({ closedBy: 'deadline', castCount: 3 });

    // The join that failed during the outage left the room (as it should); joining again works, and the
    // relay, which kept polling through the outage, delivers what happens next.
    const rejoined = await client.timeout(5000).emitWithAck('session.join', { sessionId });
    expect(rejoined.ok).toBe(true);
    const after = rejoined.data!.sequence;
    await http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(delegates[4]!))
      .send({ present: false })
      .expect(200);
    await until(
      () => events.some((e) => e.type === 'attendance.changed' && e.sequence === after + 1),
      10_000,
      `attendance.changed #${after + 1} reaches the listener (got ${events.map((e) => `${e.type}#${e.sequence}`).join(', ')})`,
    );
    const [{ n }] = (
      await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)
    ).rows as [{ n: number }];
    expect(n).toBe(0);
    expect((await http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);

    // The very same process, alive, and nothing in its output that means a crash.
    expect(api.pid).toBe(pid);
    expect(api.alive()).toBe(true);
    expect(crashSigns(api.output())).toEqual([]);
    process.stdout.write(
      `chaos-postgres: stop ${stopMs} ms, outage ${outageMs} ms, start ${startMs} ms, first 200 ${recoveryMs} ms later; ` +
        `during the outage ${seen.map((s) => `${s.what} ${s.status} ${s.code} ${s.ms} ms`).join('; ')}\n`,
    );
    if (process.env.CHAOS_VERBOSE) process.stdout.write(`API:\n${api.output()}\n`);
  }, 120_000);
});
