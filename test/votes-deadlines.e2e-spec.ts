import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import request from 'supertest';
import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { startBuiltApi } from './support/built-api.js';
import {
  createTestDatabase,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';
import { TEST_ENV } from './support/test-env.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a 10-second vote with 4 of 5 delegates present and one yes ballot; returns its id. */
async function voteWithDeadline(api: TestApi, moderator: TestUser, base: string = ''): Promise<string> {
  const http = () => (base ? request(base) : api.http());
  const author = await seatDelegate(api);
  const delegates = await seatDelegatesInBulk(api, 4);
  const sessionId = await openSession(api, moderator);
  const motion = await admittedMotion(api, author, moderator, { title: 'Moción con plazo de votación' });
  await debate(api, moderator, sessionId, motion.id);
  await checkIn(api, sessionId, delegates);
  const opened = await http()
    .post(`/api/sessions/${sessionId}/votes`)
    .set(bearer(moderator))
    .send({ rule: 'simple', durationSeconds: 10 })
    .expect(201);
  await http()
    .post(`/api/votes/${opened.body.id}/ballots`)
    .set(bearer(delegates[0]!))
    .send({ choice: 'yes' })
    .expect(200);
  return opened.body.id;
}

async function closedVote(
  http: () => request.Agent | ReturnType<typeof request>,
  voteId: string,
  ms: number,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const vote = await http().get(`/api/votes/${voteId}`).expect(200);
    if (vote.body.status === 'closed') return vote.body;
    if (Date.now() > deadline) throw new Error(`vote ${voteId} still open: ${JSON.stringify(vote.body)}`);
    await sleep(200);
  }
}

describe('Vote deadlines', () => {
  // One API per test: passport keeps one JWT strategy per process, so two apps side by side would mix accounts.
  it('with Redis, closes at the deadline by the worker’s delayed job', async () => {
    const api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    let worker: RunningWorker | null = null;
    try {
      expect(api.config.redisUrl).not.toBeNull();
      worker = await startWorker(api.config);
      const voteId = await voteWithDeadline(api, await userWithRoles(api, ['moderator']));
      const job = await worker!.queues.get('votes')!.getJob(`vote-deadline-${voteId}`);
      expect(job?.name).toBe('votes.close-at-deadline');
      expect(await job!.getState()).toBe('delayed');
      const vote = await closedVote(() => api.http(), voteId, 20_000);
      expectClosedAtDeadline(vote);
      const [event]: { actor: string | null }[] = await api.dataSource.query(
        `SELECT actor FROM ledger_events WHERE type = 'vote.closed'`,
      );
      expect(event!.actor).toBeNull();
      expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
    } finally {
      await worker?.close();
      await api.close();
    }
  }, 60_000);

  it('without Redis (embedded default), closes at the deadline by a timer in the API', async () => {
    const api = await startTestApi({ COSPONSOR_THRESHOLD: '0', REDIS_URL: '' });
    try {
      expect(api.config.redisUrl).toBeNull();
      const voteId = await voteWithDeadline(api, await userWithRoles(api, ['moderator']));
      expectClosedAtDeadline(await closedVote(() => api.http(), voteId, 20_000));
    } finally {
      await api.close();
    }
  }, 60_000);
});

function expectClosedAtDeadline(vote: {
  closedAt: string;
  deadline: string;
  resolutionNumber: string | null;
}): void {
  expect(vote).toMatchObject({
    closedBy: 'deadline',
    tally: { counts: { yes: 1, no: 0 }, outcome: 'adopted' },
  });
  expect(vote.resolutionNumber).toMatch(/^RES-APR-\d{4}-0001$/);
  expect(new Date(vote.closedAt).getTime()).toBeGreaterThanOrEqual(new Date(vote.deadline).getTime());
}

describe('An API process killed with SIGKILL in the middle of a ballot burst', () => {
  let database: { url: string; drop(): Promise<void> };
  let setup: TestApi;
  let children: { child: import('node:child_process').ChildProcess }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const c of children) c.child.kill('SIGKILL');
    await setup?.close();
    await database.drop();
  });

  it('keeps every acknowledged ballot, once; the expired deadline closes the vote after restart', async () => {
    const shared = {
      DATABASE_URL: database.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      SECOND_FACTOR_ROLES: '',
      QUEUE_PREFIX: `votecrash_${Date.now()}`,
      COSPONSOR_THRESHOLD: '0',
    };
    // The setup process schedules deadlines in Redis (no worker here), so it never closes the vote itself.
    setup = await startTestApi({
      ...shared,
      REDIS_URL: process.env[TEST_ENV.redisUrl] ?? 'redis://127.0.0.1:6379',
      LIVE_RELAY: 'false',
    });
    const moderator = await userWithRoles(setup, ['moderator']);
    const author = await seatDelegate(setup);
    const delegates = await seatDelegatesInBulk(setup, 150);
    const sessionId = await openSession(setup, moderator);
    const motion = await admittedMotion(setup, author, moderator, {
      title: 'Moción votada durante una caída',
    });
    await debate(setup, moderator, sessionId, motion.id);
    await checkIn(setup, sessionId, delegates);
    const opened = await setup
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple', durationSeconds: 10 })
      .expect(201);
    const voteId: string = opened.body.id;
    const deadline = new Date(opened.body.deadline).getTime();

    // Process A (embedded mode: no Redis) takes the burst and is killed once some ballots are acknowledged.
    const env = (name: string) => ({
      ...shared,
      REDIS_URL: '',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(joinPath(tmpdir(), `asamblea-${name}-`)),
    });
    const a = await startBuiltApi(env('a'));
    children.push(a);
    const acknowledged: { delegateId: string; receipt: string; choice: string }[] = [];
    let failed = 0;
    const exited = new Promise((resolve) => a.child.once('exit', resolve));
    await Promise.all(
      delegates.map(async (d, i) => {
        const choice = i % 3 === 0 ? 'no' : 'yes';
        // Spread over ~450 ms and killed at the 20th acknowledgement: ballots are committed in batches, so a
        // burst sent in one instant could be acknowledged whole before the kill (it was, once, at 300 ms and
        // the 40th on a loaded CI machine); spread, the kill lands with ballots still in flight.
        await sleep(i * 3);
        return request(a.url)
          .post(`/api/votes/${voteId}/ballots`)
          .set(bearer(d))
          .send({ choice, idempotencyKey: `crash-${d.delegateId}` })
          .then((response) => {
            if (response.status !== 200)
              throw new Error(`HTTP ${response.status} ${JSON.stringify(response.body)}`);
            acknowledged.push({ delegateId: d.delegateId, receipt: response.body.receipt, choice });
            if (acknowledged.length === 20) a.child.kill('SIGKILL');
          })
          .catch((error: { code?: string; message?: string }) => {
            if (!/ECONNRESET|ECONNREFUSED|socket hang up/.test(`${error.code} ${error.message}`)) throw error;
            failed += 1;
          });
      }),
    );
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(failed).toBeGreaterThan(0);

    const stored: { delegate_id: string; receipt: string; choice: string; n: number }[] =
      await setup.dataSource.query(
        `SELECT b.delegate_id, r.receipt, b.choice,
              (SELECT count(*)::int FROM ballot_revisions x WHERE x.vote_id = b.vote_id AND x.delegate_id = b.delegate_id) AS n
       FROM ballots b JOIN ballot_revisions r USING (vote_id, delegate_id, revision) WHERE b.vote_id = $1`,
        [voteId],
      );
    const byDelegate = new Map(stored.map((row) => [row.delegate_id, row]));
    for (const ack of acknowledged)
      expect(byDelegate.get(ack.delegateId)).toMatchObject({
        receipt: ack.receipt,
        choice: ack.choice,
        n: 1,
      });
    expect(stored.every((row) => row.n === 1)).toBe(true);

    // Every process is down until the deadline has passed; then process B comes up and closes the vote.
    await sleep(Math.max(0, deadline - Date.now() + 500));
    expect((await setup.http().get(`/api/votes/${voteId}`).expect(200)).body.status).toBe('open');
    const b = await startBuiltApi(env('b'));
    children.push(b);
    const closed = await closedVote(() => request(b.url), voteId, 15_000);
    expect(closed).toMatchObject({ closedBy: 'deadline', castCount: stored.length });
    expect(closed.tally.counts.yes + closed.tally.counts.no).toBe(stored.length);
    expect(closed.ballots).toHaveLength(stored.length);
    expect((await request(b.url).get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: true,
      firstProblem: null,
    });
    const stopped = new Promise((resolve) => b.child.once('exit', resolve));
    b.child.kill('SIGTERM');
    await stopped;
    children = [];
  }, 90_000);
});
