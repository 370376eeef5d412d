import { loadConfig } from '#config';
import { QueueEvents } from 'bullmq';
import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import { countRows, startTestApi, userWithRoles, type TestApi } from './support/test-api.js';

describe('Worker on real Redis', () => {
  let api: TestApi;
  let worker: RunningWorker | null;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startWorker(api.config);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('boots without Redis as a no-op that says why', async () => {
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: api.databaseUrl,
      JWT_SECRET: 'z'.repeat(40),
      SECRETS_KEY: api.config.secretsKey.toString('base64'),
      SECOND_FACTOR_ROLES: '',
      REDIS_URL: '',
      LOG_LEVEL: 'silent',
    });
    expect(await startWorker(config)).toBeNull();
  });

  it('schedules the daily maintenance job and runs it from the queue: old refresh tokens are purged', async () => {
    const queue = worker!.queues.get('maintenance')!;
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toContain('maintenance.purge-refresh-tokens');

    const user = await userWithRoles(api, ['delegate']);
    await api.http().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await userWithRoles(api, ['delegate']); // a live token that must survive
    await api.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() - interval '40 days' WHERE user_id = $1`,
      [user.id],
    );
    const before = await countRows(api, 'refresh_tokens');

    const events = new QueueEvents('maintenance', {
      connection: { url: api.config.redisUrl! },
      prefix: api.config.queuePrefix,
    });
    await events.waitUntilReady();
    const job = await queue.add('maintenance.purge-refresh-tokens', { olderThanDays: 30 });
    const result = await job.waitUntilFinished(events, 15_000);
    await events.close();

    expect(result).toEqual({ deleted: 1 });
    expect(await countRows(api, 'refresh_tokens')).toBe(before - 1);
  });
});
