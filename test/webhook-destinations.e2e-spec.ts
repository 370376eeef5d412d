import { SecretBox } from '#domain';
import { randomUUID } from 'node:crypto';
import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import { bearer } from './support/assembly.js';
import { countRows, startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';
import { eventually, startReceiver } from './support/webhook-receiver.js';

// Webhooks may not reach this machine or its networks (SSRF). No test here sends traffic outside
// loopback: private and reserved ranges are covered by the address check's unit tests.
describe('Webhook destinations: this machine and internal networks are refused, at registration and at delivery', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let admin: TestUser;

  beforeAll(async () => {
    // No allow-list: production's default.
    api = await startTestApi({
      WEBHOOK_ALLOWED_DESTINATIONS: '',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '1',
    });
    const started = await startWorker(api.config);
    if (!started) throw new Error('the worker needs REDIS_URL');
    worker = started;
    admin = await userWithRoles(api, ['admin']);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('refuses loopback URLs at registration and delivers nothing to a name or address on this machine', async () => {
    const receiver = await startReceiver({ '/hook': [200, 200, 200, 200] });
    try {
      const port = new URL(receiver.url('/hook')).port;
      const before = await countRows(api, 'webhook_endpoints');
      for (const url of [
        `http://127.0.0.1:${port}/hook`,
        `http://127.0.0.2:${port}/hook`,
        `http://[::1]:${port}/hook`,
        `http://localhost:${port}/hook`,
        'http://169.254.169.254/latest/meta-data',
        'http://10.0.0.1/hook',
      ]) {
        const refused = await api
          .http()
          .post('/api/institutions/DIRESA/webhooks')
          .set(bearer(admin))
          .send({ url, events: ['resolution.issued'] })
          .expect(422);
        expect({ url, code: refused.body.code }).toEqual({ url, code: 'WEBHOOK_DESTINATION_REFUSED' });
      }
      expect(await countRows(api, 'webhook_endpoints')).toBe(before);

      // Endpoints whose names point here at delivery time (as a re-pointed DNS name would), stored
      // behind registration's back: every delivery is refused before a byte is sent.
      const [{ id: institutionId }] = await api.dataSource.query(
        `SELECT id FROM institutions WHERE code = 'DIRESA'`,
      );
      const deliveries: string[] = [];
      for (const url of [
        `http://localhost:${port}/hook`,
        `http://127.0.0.1:${port}/hook`,
        `http://[::ffff:127.0.0.1]:${port}/hook`,
      ]) {
        const id = randomUUID();
        const sealed = new SecretBox(api.config.secretsKey).seal('s'.repeat(64), {
          purpose: 'webhook-secret',
          id,
        });
        const [endpoint] = await api.dataSource.query(
          `INSERT INTO webhook_endpoints (id, institution_id, url, secret_sealed, events) VALUES ($1, $2, $3, $4, '{resolution.issued}') RETURNING id`,
          [id, institutionId, url, sealed],
        );
        const [delivery] = await api.dataSource.query(
          `INSERT INTO webhook_deliveries (endpoint_id, event_type, event_key, payload, created_at)
           VALUES ($1, 'resolution.issued', $2, '{}', now() - interval '10 minutes') RETURNING id`,
          [endpoint.id, `ssrf-${deliveries.length}`],
        );
        deliveries.push(delivery.id);
      }
      await worker.queues.get('webhooks')!.add('webhooks.resume-stalled', {});
      const settled = async () => {
        const rows: { status: string; last_error: string | null }[] = await api.dataSource.query(
          `SELECT status, last_error FROM webhook_deliveries WHERE id = ANY ($1::uuid[])`,
          [deliveries],
        );
        return rows.every((row) => row.status === 'failed') ? rows : null;
      };
      const rows = await eventually(settled, 15_000);
      expect(rows.map((row) => row.last_error)).toEqual([
        'refused destination',
        'refused destination',
        'refused destination',
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  }, 30_000);
});
