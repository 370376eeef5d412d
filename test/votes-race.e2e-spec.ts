import type { Response } from 'supertest';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
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

const DELEGATES = 300;

interface Attempt {
  delegate: SeatedDelegate;
  choice: 'yes' | 'no' | 'abstain';
  response: Response;
}

describe('300 delegates voting at once while the moderator closes', () => {
  let api: TestApi;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    moderator = await userWithRoles(api, ['moderator']);
    delegates = await seatDelegatesInBulk(api, DELEGATES);
  }, 120_000);
  afterAll(() => api.close());

  it('counts every acknowledged ballot exactly once and refuses the rest with VOTE_CLOSED', async () => {
    const author = await seatDelegate(api);
    const sessionId = await openSession(api, moderator);
    const motion = await admittedMotion(api, author, moderator, { title: 'Moción votada bajo presión' });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, delegates);
    const opened = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(201);
    const voteId: string = opened.body.id;
    expect(opened.body.entitledCount).toBe(DELEGATES);

    const url = urlOf(api);
    const { default: request } = await import('supertest');
    const post = (d: SeatedDelegate, body: object) =>
      request(url).post(`/api/votes/${voteId}/ballots`).set(bearer(d)).send(body);
    const attempts: Attempt[] = [];
    let answered = 0;
    let closeSent: Promise<Response> | null = null;
    const record = (delegate: SeatedDelegate, choice: Attempt['choice']) => (response: Response) => {
      attempts.push({ delegate, choice, response });
      answered += 1;
      // Close while most ballots are still in flight.
      if (answered === 60 && !closeSent)
        // `.then` sends it now (a supertest request is lazy until then).
        closeSent = request(url)
          .post(`/api/votes/${voteId}/close`)
          .set(bearer(moderator))
          .then((closing) => closing);
    };
    const choices = ['yes', 'no', 'abstain', 'yes'] as const;
    await Promise.all(
      delegates.map(async (d, i) => {
        const choice = choices[i % 4]!;
        if (i % 3 === 0) {
          // A retry on a bad connection: the same request twice at once, with the same key.
          const body = { choice, idempotencyKey: `retry-${d.delegateId}` };
          await Promise.all([post(d, body).then(record(d, choice)), post(d, body).then(record(d, choice))]);
        } else if (i % 3 === 1) {
          // A change of mind: yes, then the final choice.
          await post(d, { choice: 'yes' }).then(record(d, 'yes'));
          await post(d, { choice: choice === 'yes' ? 'no' : choice }).then(
            record(d, choice === 'yes' ? 'no' : choice),
          );
        } else {
          await post(d, { choice }).then(record(d, choice));
        }
      }),
    );
    expect(closeSent).not.toBeNull();
    const closed = await closeSent!;
    expect(closed.status).toBe(200);

    // Every answer is a receipt or the coded refusal; nothing else.
    const accepted = attempts.filter((a) => a.response.status === 200);
    const refused = attempts.filter((a) => a.response.status !== 200);
    expect(refused.every((a) => a.response.status === 409 && a.response.body.code === 'VOTE_CLOSED')).toBe(
      true,
    );
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    // What each delegate's acknowledged ballots say must stand: the highest acknowledged revision counts.
    const expected = new Map<string, { revision: number; choice: string; receipts: Set<string> }>();
    for (const a of accepted) {
      const seen = expected.get(a.delegate.delegateId);
      expect(a.response.body.choice).toBe(a.choice);
      if (!seen || a.response.body.revision > seen.revision)
        expected.set(a.delegate.delegateId, {
          revision: a.response.body.revision,
          choice: a.choice,
          receipts: new Set([...(seen?.receipts ?? []), a.response.body.receipt]),
        });
      else seen.receipts.add(a.response.body.receipt);
    }
    const ballots: { delegate_id: string; revision: number; choice: string }[] = await api.dataSource.query(
      `SELECT delegate_id, revision, choice FROM ballots WHERE vote_id = $1`,
      [voteId],
    );
    expect(ballots).toHaveLength(expected.size);
    for (const ballot of ballots) {
      expect(expected.get(ballot.delegate_id)).toMatchObject({
        revision: ballot.revision,
        choice: ballot.choice,
      });
    }
    // Every receipt given out names a stored revision and a public-record event; retries made no second one.
    const receipts: { receipt: string; n: number }[] = await api.dataSource.query(
      `SELECT r.receipt, (SELECT count(*)::int FROM ledger_events e WHERE e.hash = r.receipt AND e.type = 'ballot.cast') AS n
       FROM ballot_revisions r WHERE r.vote_id = $1`,
      [voteId],
    );
    const stored = new Set(receipts.map((r) => r.receipt));
    for (const a of accepted) expect(stored.has(a.response.body.receipt)).toBe(true);
    expect(receipts.every((r) => r.n === 1)).toBe(true);
    const retried = accepted.filter((a) => a.response.body.replayed === true);
    expect(retried.length).toBeGreaterThan(0);
    const [{ revisions }]: { revisions: number }[] = await api.dataSource.query(
      `SELECT count(*)::int AS revisions FROM ballot_revisions WHERE vote_id = $1`,
      [voteId],
    );
    expect(revisions).toBe(new Set(accepted.map((a) => a.response.body.receipt)).size);

    // The tally, the record and the resolution agree with the stored ballots.
    const counts = { yes: 0, no: 0, abstain: 0 };
    for (const b of ballots) counts[b.choice as keyof typeof counts] += 1;
    expect(closed.body.tally.counts).toEqual({ ...counts, notVoted: DELEGATES - ballots.length });
    expect(closed.body.tally.outcome).toBe(counts.yes > counts.no ? 'adopted' : 'rejected');
    const [closedEvent] = await api.dataSource.query(
      `SELECT payload FROM ledger_events WHERE type = 'vote.closed' AND payload->>'voteId' = $1`,
      [voteId],
    );
    expect(closedEvent.payload.tally).toEqual(closed.body.tally);
    expect(closedEvent.payload.revisions).toHaveLength(revisions);
    if (closed.body.tally.outcome === 'adopted') {
      const resolution = await api.http().get(`/api/resolutions/${closed.body.resolutionNumber}`).expect(200);
      expect(resolution.body.document.vote.ballots).toHaveLength(ballots.length);
      expect(resolution.body.document.vote.tally).toEqual(closed.body.tally);
    }
    expect((await api.http().get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: true,
      ballots: revisions,
      firstProblem: null,
    });
  }, 120_000);
});
