import type { Response } from 'supertest';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  openVote,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { urlOf } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

const DELEGATES = 60;

// Ballots that arrive together are written in one transaction (group commit). These tests look at
// what that must never change: each answer is the committed truth, and one request's failure is its own.
describe('ballots written in batches', () => {
  let api: TestApi;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  let voteId: string;

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    moderator = await userWithRoles(api, ['moderator']);
    delegates = await seatDelegatesInBulk(api, DELEGATES);
    const author = await seatDelegate(api);
    const sessionId = await openSession(api, moderator);
    const motion = await admittedMotion(api, author, moderator, { title: 'Moción votada en lotes' });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, delegates);
    const opened = await openVote(api, moderator, sessionId);
    voteId = opened.id;
  }, 120_000);
  afterAll(async () => {
    await api.dataSource.query('DROP TRIGGER IF EXISTS test_poison_ballot ON ballot_revisions');
    await api.dataSource.query('DROP FUNCTION IF EXISTS test_poison_ballot()');
    await api.close();
  });

  const castAll = async (group: SeatedDelegate[], choice: string): Promise<Response[]> => {
    const { default: request } = await import('supertest');
    const url = urlOf(api);
    // `.then` sends each request now, so they are all in flight together.
    const sent = group.map((d) =>
      request(url)
        .post(`/api/votes/${voteId}/ballots`)
        .set(bearer(d))
        .send({ choice })
        .then((r) => r),
    );
    return Promise.all(sent);
  };

  it('commits a burst in fewer transactions than ballots, each receipt a distinct event of the chain', async () => {
    const group = delegates.slice(0, 30);
    const responses = await castAll(group, 'yes');
    expect(responses.map((r) => r.status)).toEqual(group.map(() => 200));
    const receipts = new Set(responses.map((r) => r.body.receipt as string));
    expect(receipts.size).toBe(group.length);

    // Every event of one batch carries the batch's single timestamp: fewer timestamps, fewer commits.
    const events: { hash: string; occurred_at: Date }[] = await api.dataSource.query(
      `SELECT hash, occurred_at FROM ledger_events WHERE type = 'ballot.cast' AND subject = $1`,
      [`vote:${voteId}`],
    );
    expect(new Set(events.map((e) => e.hash))).toEqual(receipts);
    const commits = new Set(events.map((e) => e.occurred_at.toISOString()));
    expect(commits.size).toBeLessThan(group.length);

    const verdict = await api.http().get('/api/ledger/verify').expect(200);
    expect(verdict.body.ok).toBe(true);
  });

  it('keeps the others when one request of a batch fails, and records that one once it can be', async () => {
    const group = delegates.slice(30, 60);
    const poisoned = group[group.length - 1]!;
    // A real failure inside PostgreSQL for one delegate's row, as an unforeseen error would be.
    await api.dataSource.query(`
      CREATE FUNCTION test_poison_ballot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'poisoned ballot'; END $$`);
    await api.dataSource.query(
      `CREATE TRIGGER test_poison_ballot BEFORE INSERT ON ballot_revisions
       FOR EACH ROW WHEN (NEW.delegate_id = '${poisoned.delegateId}') EXECUTE FUNCTION test_poison_ballot()`,
    );
    const responses = await castAll(group, 'no');
    const statusOf = new Map(group.map((d, i) => [d.delegateId, responses[i]!.status]));
    expect(statusOf.get(poisoned.delegateId)).toBe(500);
    statusOf.delete(poisoned.delegateId);
    expect([...statusOf.values()]).toEqual(group.slice(0, -1).map(() => 200));

    const stored: { delegate_id: string }[] = await api.dataSource.query(
      `SELECT delegate_id FROM ballots WHERE vote_id = $1 AND choice = 'no'`,
      [voteId],
    );
    expect(stored.map((b) => b.delegate_id).sort()).toEqual(
      group
        .slice(0, -1)
        .map((d) => d.delegateId)
        .sort(),
    );

    await api.dataSource.query('DROP TRIGGER test_poison_ballot ON ballot_revisions');
    // Cast through an upper-case URL: the record still names the vote by its canonical id.
    const { default: request } = await import('supertest');
    const retried = [
      await request(urlOf(api))
        .post(`/api/votes/${voteId.toUpperCase()}/ballots`)
        .set(bearer(poisoned))
        .send({ choice: 'no' }),
    ];
    expect(retried[0]!.body.voteId).toBe(voteId);
    const [event]: { subject: string }[] = await api.dataSource.query(
      `SELECT subject FROM ledger_events WHERE hash = $1`,
      [retried[0]!.body.receipt],
    );
    expect(event!.subject).toBe(`vote:${voteId}`);
    expect(retried[0]!.status).toBe(200);
    expect(retried[0]!.body).toMatchObject({ revision: 1, choice: 'no', replayed: false });

    const verdict = await api.http().get('/api/ledger/verify').expect(200);
    expect(verdict.body.ok).toBe(true);
    const closed = await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
    expect(closed.body.tally.counts).toMatchObject({ yes: 30, no: 30, notVoted: 0 });
  });
});
