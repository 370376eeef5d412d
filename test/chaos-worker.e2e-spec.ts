import { QUEUES } from '#contracts';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { admittedMotion, bearer, checkIn, debate, openSession } from './support/assembly.js';
import {
  crashSigns,
  remoteApi,
  seedDelegates,
  seedUser,
  startApiProcess,
  startSlowReceiver,
  startWorkerProcess,
  tomorrow,
  until,
  type Child,
} from './support/chaos.js';
import { createTestDatabase } from './support/test-api.js';
import { TEST_ENV } from './support/test-env.js';

const RESOLUTIONS = 4;
const RECEIVER_DELAY_MS = 2500;

describe('Chaos: the worker killed with SIGKILL while it sends webhooks and renders documents', () => {
  let database: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;
  let api: (Child & { url: string }) | undefined;
  const workers: Child[] = [];
  let receiver: Awaited<ReturnType<typeof startSlowReceiver>> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.kill('SIGKILL');
    await api?.kill('SIGKILL');
    await receiver?.close();
    await pool?.end();
    await database?.drop();
  });

  it('finishes every job after a restart; each delivery keeps its id (at-least-once), each document exists once', async () => {
    const secret = randomBytes(32).toString('hex');
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: process.env[TEST_ENV.redisUrl] ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: secret,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SECOND_FACTOR_ROLES: '',
      QUEUE_PREFIX: `chaosworker_${Date.now()}_${randomBytes(2).toString('hex')}`,
      COSPONSOR_THRESHOLD: '0',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '5',
      WEBHOOK_ALLOWED_DESTINATIONS: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    api = await startApiProcess(env);
    const remote = remoteApi(api.url, pool);
    const http = () => request(api!.url);
    receiver = await startSlowReceiver(RECEIVER_DELAY_MS);

    const admin = await seedUser(pool, secret, ['admin']);
    const moderator = await seedUser(pool, secret, ['moderator']);
    const delegates = await seedDelegates(pool, secret, 5);
    for (const path of ['/diresa-a', '/diresa-b'])
      await http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({ url: receiver.url(path), events: ['resolution.issued'] })
        .expect(201);

    let worker = await startWorkerProcess(env);
    workers.push(worker);

    // Several resolutions in one session, each binding DIRESA: 2 deliveries and 1 PDF each.
    const sessionId = await openSession(remote, moderator, 'Sesión de resoluciones en serie');
    await checkIn(remote, sessionId, delegates);
    const numbers: string[] = [];
    for (let i = 0; i < RESOLUTIONS; i += 1) {
      const motion = await admittedMotion(remote, delegates[0]!, moderator, {
        title: `Resolución en serie ${i + 1}`,
        institutionCodes: ['DIRESA'],
        complianceDeadline: tomorrow(),
      });
      await debate(remote, moderator, sessionId, motion.id);
      const vote = await http()
        .post(`/api/sessions/${sessionId}/votes`)
        .set(bearer(moderator))
        .send({ rule: 'simple' })
        .expect(201);
      for (const d of delegates.slice(0, 3))
        await http()
          .post(`/api/votes/${vote.body.id}/ballots`)
          .set(bearer(d))
          .send({ choice: 'yes' })
          .expect(200);
      const closed = await http().post(`/api/votes/${vote.body.id}/close`).set(bearer(moderator)).expect(200);
      numbers.push(closed.body.resolutionNumber);
    }
    expect(new Set(numbers).size).toBe(RESOLUTIONS);

    // Kill the worker while the slow receiver holds deliveries open (they reached it, nothing recorded them).
    await until(() => receiver!.received.length >= 3, 20_000, 'deliveries in flight');
    const killedAt = Date.now();
    await worker.kill('SIGKILL');
    const inFlight = new Set(receiver.received.map((r) => String(r.headers['x-asamblea-delivery'])));
    const recordedAtKill: { n: number }[] = await remote.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`,
    );
    expect(recordedAtKill[0]!.n).toBeLessThan(RESOLUTIONS * 2);

    worker = await startWorkerProcess(env);
    workers.push(worker);

    // Every delivery ends delivered; BullMQ gives the killed worker's jobs back once their locks expire.
    const deliveries = await until(
      async () => {
        const rows: { id: string; status: string; attempts: number }[] = await remote.dataSource.query(
          `SELECT id::text, status, attempts FROM webhook_deliveries ORDER BY id`,
        );
        return rows.length === RESOLUTIONS * 2 && rows.every((r) => r.status === 'delivered') ? rows : null;
      },
      120_000,
      'every delivery delivered after the restart',
    );
    const recoveredMs = Date.now() - killedAt;

    // At-least-once with a stable id: the receiver saw every delivery id; only those in flight at the kill
    // may have come twice, and a repeat is the same delivery (same header id, same body).
    const byId = new Map<string, { body: string }[]>();
    for (const r of receiver.received) {
      const id = String(r.headers['x-asamblea-delivery']);
      byId.set(id, [...(byId.get(id) ?? []), { body: r.body }]);
    }
    expect([...byId.keys()].sort()).toEqual(deliveries.map((d) => d.id).sort());
    const repeated = [...byId.entries()].filter(([, copies]) => copies.length > 1);
    for (const [id, copies] of repeated) {
      expect(inFlight.has(id)).toBe(true);
      expect(copies).toHaveLength(2);
      expect(new Set(copies.map((c) => JSON.parse(c.body).id))).toEqual(new Set([id]));
      expect(JSON.parse(copies[0]!.body).data).toEqual(JSON.parse(copies[1]!.body).data);
    }
    const payloads = [...byId.values()].map((copies) => JSON.parse(copies[0]!.body));
    expect(payloads.map((p) => `${p.data.number}`).sort()).toEqual(
      [...numbers, ...numbers].sort(), // one delivery per endpoint and resolution
    );

    // Each resolution's PDF exists once; no job is left behind or failed.
    const documents: { subject: string; n: number }[] = await remote.dataSource.query(
      `SELECT subject, count(*)::int AS n FROM documents WHERE kind = 'resolution' GROUP BY subject ORDER BY subject`,
    );
    expect(documents).toEqual([...numbers].sort().map((subject) => ({ subject, n: 1 })));
    expect(
      await remote.dataSource.query(`SELECT id FROM job_outbox WHERE dispatched_at IS NULL`),
    ).toHaveLength(0);
    for (const name of QUEUES.filter((q) => q === 'webhooks' || q === 'documents')) {
      const queue = new Queue(name, { connection: { url: env.REDIS_URL }, prefix: env.QUEUE_PREFIX });
      const counts = await queue.getJobCounts('failed', 'active', 'waiting');
      // A scheduled job's next run waits as a delayed job by design (documents.render-missing,
      // webhooks.resume-stalled): what must not be left is a delayed retry of a delivery or a render.
      const delayed = (await queue.getDelayed()).filter((job) => !job.repeatJobKey);
      await queue.close();
      expect({ name, ...counts, delayed: delayed.map((job) => job.name) }).toEqual({
        name,
        failed: 0,
        active: 0,
        waiting: 0,
        delayed: [],
      });
    }
    expect(worker.alive()).toBe(true);
    expect(crashSigns(worker.output())).toEqual([]);
    expect(crashSigns(api.output())).toEqual([]);
    process.stdout.write(
      `chaos-worker: killed with ${inFlight.size} deliveries in flight and ${recordedAtKill[0]!.n} recorded; ` +
        `all ${deliveries.length} delivered ${recoveredMs} ms after the kill; ` +
        `${repeated.length} sent twice (same x-asamblea-delivery); attempts ${deliveries.map((d) => d.attempts).join('/')}\n`,
    );
  }, 180_000);
});
