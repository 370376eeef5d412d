import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import { bearer, openSession } from './support/assembly.js';
import { startTestApi, userWithRoles, type TestApi } from './support/test-api.js';
import { eventually, startReceiver } from './support/webhook-receiver.js';

// Jobs vanish: Redis restarted without persistence forgets its queues, and BullMQ fails a job whose
// worker died twice in it. PostgreSQL still says what is owed; sweeps give those facts new jobs.
describe('facts whose job was lost', () => {
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

  it('webhook deliveries are sent again by the sweep, and only those overdue', async () => {
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

  it('a closed session without its minutes gets them rendered by the sweep', async () => {
    const moderator = await userWithRoles(api, ['moderator']);
    const sessionId = await openSession(api, moderator, 'Sesión cuyo acta se perdió');
    await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    const minutes = () =>
      api.dataSource.query(`SELECT generated_at FROM documents WHERE kind = 'minutes' AND subject = $1`, [
        sessionId,
      ]) as Promise<{ generated_at: Date }[]>;
    await eventually(async () => (await minutes()).length === 1, 15_000);
    // As if its render job had been lost: no document, and closed long enough ago to be owed one.
    await api.dataSource.query(`DELETE FROM documents WHERE kind = 'minutes' AND subject = $1`, [sessionId]);
    await api.dataSource.query(
      `UPDATE sessions SET closed_at = now() - interval '10 minutes' WHERE id = $1`,
      [sessionId],
    );
    await worker.queues.get('documents')!.add('documents.render-missing', {});
    await eventually(async () => (await minutes()).length === 1, 15_000);
    await api.http().get(`/api/sessions/${sessionId}/minutes.pdf`).expect(200).expect('content-type', /pdf/);
  }, 60_000);
});
