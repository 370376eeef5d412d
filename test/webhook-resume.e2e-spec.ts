import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import { bearer } from './support/assembly.js';
import { startTestApi, userWithRoles, type TestApi } from './support/test-api.js';
import { eventually, startReceiver } from './support/webhook-receiver.js';

// A delivery whose job vanished (Redis restarted without persistence, or BullMQ failed a job whose worker
// died twice in it) must not stay pending forever: the sweep gives it a new job, once it is overdue.
describe('webhook deliveries whose job was lost', () => {
  let api: TestApi;
  let worker: RunningWorker;

  beforeAll(async () => {
    api = await startTestApi({ WEBHOOK_BACKOFF_MS: '200', WEBHOOK_MAX_ATTEMPTS: '3' });
    const started = await startWorker(api.config);
    if (!started) throw new Error('the worker needs REDIS_URL');
    worker = started;
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('are sent again by the sweep, and only those overdue', async () => {
    const receiver = await startReceiver({ '/diresa': [200] });
    try {
      const admin = await userWithRoles(api, ['admin']);
      const hook = await api
        .http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({ url: receiver.url('/diresa'), events: ['resolution.issued'] })
        .expect(201);
      const insert = (key: string, columns: string, values: string) =>
        api.dataSource
          .query(
            `INSERT INTO webhook_deliveries (endpoint_id, event_type, event_key, payload, ${columns})
             VALUES ($1, 'resolution.issued', $2, '{"number":"RES-APR-2026-0001"}', ${values}) RETURNING id`,
            [hook.body.id, key],
          )
          .then((rows: { id: string }[]) => rows[0]!.id);
      // Lost before its first attempt; lost after two; one whose next attempt is not due yet; one delivered.
      const lost = await insert('lost', 'created_at', `now() - interval '10 minutes'`);
      const lostLater = await insert(
        'lost-later',
        'attempts, last_attempt_at, created_at',
        `2, now() - interval '5 minutes', now() - interval '20 minutes'`,
      );
      const waiting = await insert(
        'waiting',
        'attempts, last_attempt_at',
        `2, now() - interval '10 seconds'`,
      );
      await insert('done', 'status, attempts, delivered_at', `'delivered', 1, now()`);

      await worker.queues.get('webhooks')!.add('webhooks.resume-stalled', {});
      await eventually(async () => receiver.received.length >= 2, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const ids = receiver.received.map((hit) => hit.headers['x-asamblea-delivery']).sort();
      expect(ids).toEqual([lost, lostLater].sort());

      const rows: { id: string; status: string; attempts: number; resumed: boolean }[] =
        await api.dataSource.query(
          `SELECT id, status, attempts, resumed_at IS NOT NULL AS resumed FROM webhook_deliveries
           WHERE id = ANY ($1::uuid[])`,
          [[lost, lostLater, waiting]],
        );
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(lost)).toMatchObject({ status: 'delivered', attempts: 1, resumed: true });
      expect(byId.get(lostLater)).toMatchObject({ status: 'delivered', attempts: 3, resumed: true });
      expect(byId.get(waiting)).toMatchObject({ status: 'pending', attempts: 2, resumed: false });

      // A second sweep finds nothing more to resume.
      const [{ count }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM job_outbox`);
      await worker.queues.get('webhooks')!.add('webhooks.resume-stalled', {});
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [{ count: after }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM job_outbox`);
      expect(after).toBe(count);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});
