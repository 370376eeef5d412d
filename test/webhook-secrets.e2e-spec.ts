import { sealLegacyWebhookSecrets } from '#application';
import { SecretBox } from '#domain';
import { createHmac, randomBytes } from 'node:crypto';
import { UseCaseRunner } from '../apps/api/src/application/use-case-runner.js';
import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import { bearer } from './support/assembly.js';
import { startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';
import { eventually, startReceiver, type ReceivedHook } from './support/webhook-receiver.js';

const signature = (secret: string, hook: ReceivedHook) =>
  `sha256=${createHmac('sha256', secret)
    .update(`${String(hook.headers['x-asamblea-timestamp'])}.${hook.body}`)
    .digest('hex')}`;

describe('Webhook signing secrets are sealed at rest (SECRETS_KEY) and deliveries still verify', () => {
  let api: TestApi;
  let worker: RunningWorker;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ WEBHOOK_BACKOFF_MS: '200' });
    const started = await startWorker(api.config);
    if (!started) throw new Error('the worker needs REDIS_URL');
    worker = started;
    admin = await userWithRoles(api, ['admin']);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** A pending delivery of `endpointId` that the stalled-delivery sweep picks up at once. */
  async function deliveryTo(endpointId: string, key: string): Promise<string> {
    const [delivery]: { id: string }[] = await api.dataSource.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_type, event_key, payload, created_at)
       VALUES ($1, 'resolution.issued', $2, '{"number":"R-1"}', now() - interval '10 minutes') RETURNING id`,
      [endpointId, key],
    );
    await worker.queues.get('webhooks')!.add('webhooks.resume-stalled', {});
    return delivery!.id;
  }

  const rowText = async (id: string): Promise<string> =>
    (
      await api.dataSource.query(
        `SELECT row_to_json(e)::text AS text, encode(secret_sealed, 'escape') AS sealed FROM webhook_endpoints e WHERE id = $1`,
        [id],
      )
    ).map((row: { text: string; sealed: string }) => row.text + row.sealed)[0];

  it('stores no clear secret at registration or rotation; deliveries are signed with the secret shown once', async () => {
    const receiver = await startReceiver({ '/sealed': [200] });
    try {
      const hook = await api
        .http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({ url: receiver.url('/sealed'), events: ['resolution.issued'] })
        .expect(201);
      const secret: string = hook.body.secret;
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const text = await rowText(hook.body.id);
      expect(text).not.toContain(secret);
      const [stored] = await api.dataSource.query(
        `SELECT secret, get_byte(secret_sealed, 0) AS format FROM webhook_endpoints WHERE id = $1`,
        [hook.body.id],
      );
      expect(stored).toEqual({ secret: null, format: 1 });
      // Listing endpoints never answers the secret either.
      const listed = await api.http().get('/api/institutions/DIRESA/webhooks').set(bearer(admin)).expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      await deliveryTo(hook.body.id, 'sealed-1');
      const first = await eventually(async () => receiver.received[0]);
      expect(first.headers['x-asamblea-signature']).toBe(signature(secret, first));

      const rotated = await api
        .http()
        .post(`/api/webhooks/${hook.body.id}/rotate-secret`)
        .set(bearer(admin))
        .expect(200);
      expect(await rowText(hook.body.id)).not.toContain(rotated.body.secret);
      await deliveryTo(hook.body.id, 'sealed-2');
      const second = await eventually(async () => receiver.received[1]);
      expect(second.headers['x-asamblea-signature']).toBe(signature(rotated.body.secret, second));
    } finally {
      await receiver.close();
    }
  });

  it('the database refuses a clear secret, and a sealed one copied to another row does not sign there', async () => {
    const [{ id: institutionId }] = await api.dataSource.query(
      `SELECT id FROM institutions WHERE code = 'DIRESA'`,
    );
    await expect(
      api.dataSource.query(
        `INSERT INTO webhook_endpoints (institution_id, url, secret, events) VALUES ($1, 'http://127.0.0.1:9/x', repeat('s', 64), '{resolution.issued}')`,
        [institutionId],
      ),
    ).rejects.toThrow(/no clear secret/);
    const [existing] = await api.dataSource.query(`SELECT id FROM webhook_endpoints LIMIT 1`);
    await expect(
      api.dataSource.query(`UPDATE webhook_endpoints SET secret = repeat('t', 64) WHERE id = $1`, [
        existing.id,
      ]),
    ).rejects.toThrow(/no clear secret/);
    await expect(
      api.dataSource.query(`UPDATE webhook_endpoints SET secret_sealed = NULL WHERE id = $1`, [existing.id]),
    ).rejects.toThrow(/webhook_endpoints_one_secret/);

    // Sealed for one endpoint, stored in another: it fails authentication, the delivery is not sent.
    const box = new SecretBox(api.config.secretsKey);
    const receiver = await startReceiver({ '/swapped': [200] });
    try {
      const other = await api
        .http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({ url: receiver.url('/swapped'), events: ['resolution.issued'] })
        .expect(201);
      await api.dataSource.query(`UPDATE webhook_endpoints SET secret_sealed = $2 WHERE id = $1`, [
        other.body.id,
        box.seal('x'.repeat(64), { purpose: 'webhook-secret', id: existing.id }),
      ]);
      const id = await deliveryTo(other.body.id, 'swapped-1');
      const settled = await eventually(async () => {
        const [row] = await api.dataSource.query(
          `SELECT status, last_error AS "lastError" FROM webhook_deliveries WHERE id = $1`,
          [id],
        );
        return row.status === 'failed' && row;
      });
      expect(settled).toEqual({ status: 'failed', lastError: 'secret unreadable' });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('seals secrets stored in clear before the key existed, once, and their deliveries still verify', async () => {
    const [{ id: institutionId }] = await api.dataSource.query(
      `SELECT id FROM institutions WHERE code = 'DIRESA'`,
    );
    const receiver = await startReceiver({ '/legacy': [200] });
    try {
      const legacySecret = randomBytes(32).toString('hex');
      // As the rows were before migration 1765400000000 (its trigger refuses new clear secrets).
      await api.dataSource.query(
        `ALTER TABLE webhook_endpoints DISABLE TRIGGER webhook_endpoints_no_clear_secret`,
      );
      const [legacy] = await api.dataSource.query(
        `INSERT INTO webhook_endpoints (institution_id, url, secret, events) VALUES ($1, $2, $3, '{resolution.issued}') RETURNING id`,
        [institutionId, receiver.url('/legacy'), legacySecret],
      );
      await api.dataSource.query(
        `ALTER TABLE webhook_endpoints ENABLE TRIGGER webhook_endpoints_no_clear_secret`,
      );

      const runner = api.app.get(UseCaseRunner);
      const box = api.app.get(SecretBox);
      expect(await runner.run((uow) => sealLegacyWebhookSecrets(uow, box))).toBe(1);
      expect(await runner.run((uow) => sealLegacyWebhookSecrets(uow, box))).toBe(0);
      expect(await rowText(legacy.id)).not.toContain(legacySecret);
      const [clear] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_endpoints WHERE secret IS NOT NULL`,
      );
      expect(clear.n).toBe(0);

      await deliveryTo(legacy.id, 'legacy-1');
      const hook = await eventually(async () => receiver.received[0]);
      expect(hook.headers['x-asamblea-signature']).toBe(signature(legacySecret, hook));
    } finally {
      await receiver.close();
    }
  });
});
