import { newTrackerCode } from '#domain';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  openVote,
  seatDelegatesInBulk,
} from './support/assembly.js';
import {
  countRows,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

function verifyCommand(url: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/apps/api/src/verify.js', '--url', url],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

interface RecordEvent {
  type: string;
  subject: string;
  payload: Record<string, unknown>;
}

describe('Secret questions: a motion the reglamento marks secret is voted with trackers, counted under its rule', () => {
  let api: TestApi;
  let url: string;
  let admin: TestUser;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let voteId: string;
  const trackers = new Map<number, string>();

  const secretBallot = (who: TestUser, body: object) =>
    api.http().post(`/api/votes/${voteId}/secret-ballots`).set(bearer(who)).send(body);
  const record = async (): Promise<RecordEvent[]> =>
    (await api.http().get('/api/ledger?after=0&limit=1000').expect(200)).body.events;
  const written = async () =>
    Promise.all(
      ['ballot_revisions', 'secret_question_box', 'secret_question_participation', 'ledger_events'].map((t) =>
        countRows(api, t),
      ),
    );

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    delegates = await seatDelegatesInBulk(api, 6);
    sessionId = await openSession(api, moderator, 'Sesión con votación secreta');
    // Five of six check in: the sixth is not entitled when the vote opens.
    await checkIn(api, sessionId, delegates.slice(0, 5));
    const rules = (await api.http().get('/api/rules').expect(200)).body;
    await api
      .http()
      .post('/api/rules/versions')
      .set(bearer(admin))
      .send({
        rules: {
          quorum: rules.quorum,
          cosponsorThreshold: rules.cosponsorThreshold,
          speechSeconds: rules.speechSeconds,
          decisions: rules.decisions.map((d: { kind: string }) =>
            d.kind === 'motion' ? { ...d, secret: true } : d,
          ),
          minimumOpenSeconds: rules.minimumOpenSeconds,
          minimumTurnout: rules.minimumTurnout,
          compliance: rules.compliance,
          ...(rules.secondFactorRoles ? { secondFactorRoles: rules.secondFactorRoles } : {}),
        },
        note: 'Las mociones se votan en secreto',
      })
      .expect(201);
    const motion = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Moción en votación secreta',
    });
    await debate(api, moderator, sessionId, motion.id);
    for (let i = 0; i < 6; i += 1) trackers.set(i, newTrackerCode());
  }, 60_000);
  afterAll(() => api?.close());

  it('the reglamento says which decisions are secret, and the vote opens secret under it', async () => {
    const rules = (await api.http().get('/api/rules').expect(200)).body;
    const secretKinds = rules.decisions
      .filter((d: { secret?: boolean }) => d.secret)
      .map((d: { kind: string }) => d.kind);
    expect(secretKinds).toEqual(['motion']);
    const vote = await openVote(api, moderator, sessionId, {});
    voteId = vote.id;
    const view = (await api.http().get(`/api/votes/${voteId}`).expect(200)).body;
    expect(view).toMatchObject({ secret: true, status: 'open', entitledCount: 5, castCount: 0 });
    const opened = (await record()).find((e) => e.type === 'vote.opened' && e.payload.voteId === voteId)!;
    expect(opened.payload.secret).toBe(true);
    const [row] = await api.dataSource.query(
      `SELECT secret, ballot_key IS NOT NULL AS keyed FROM votes WHERE id = $1`,
      [voteId],
    );
    expect(row).toEqual({ secret: true, keyed: true });
  });

  it('refuses roll-call ballots and Mesa-recorded ones with VOTE_IS_SECRET, and bad ballots with codes, writing nothing', async () => {
    const before = await written();
    const rollCall = await api
      .http()
      .post(`/api/votes/${voteId}/ballots`)
      .set(bearer(delegates[0]!))
      .send({ choice: 'yes' })
      .expect(409);
    expect(rollCall.body.code).toBe('VOTE_IS_SECRET');
    const byMesa = await api
      .http()
      .post(`/api/votes/${voteId}/recorded-ballots`)
      .set(bearer(moderator))
      .send({ delegateId: delegates[1]!.delegateId, choice: 'yes', method: 'voice' })
      .expect(409);
    expect(byMesa.body.code).toBe('VOTE_IS_SECRET');
    expect(
      (await secretBallot(delegates[5]!, { tracker: trackers.get(5), choice: 'yes' }).expect(403)).body.code,
    ).toBe('NOT_ENTITLED_TO_VOTE');
    expect(
      (await secretBallot(moderator, { tracker: trackers.get(0), choice: 'yes' }).expect(403)).body.code,
    ).toBe('FORBIDDEN_ROLE');
    await api
      .http()
      .post(`/api/votes/${voteId}/secret-ballots`)
      .send({ tracker: trackers.get(0), choice: 'yes' })
      .expect(401);
    for (const body of [
      { tracker: trackers.get(0), choice: 'quizás' },
      { tracker: trackers.get(0), choice: 'yes', delegateId: delegates[1]!.delegateId },
      { choice: 'yes' },
    ])
      expect((await secretBallot(delegates[0]!, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(
      (await secretBallot(delegates[0]!, { tracker: 'ABCD-EFGH', choice: 'yes' }).expect(400)).body.code,
    ).toBe('TRACKER_MALFORMED');
    expect((await api.http().get(`/api/votes/${voteId}/secret-ballots`).expect(409)).body.code).toBe(
      'VOTE_NOT_CLOSED',
    );
    expect(await written()).toEqual(before);
  });

  it('takes secret ballots: a change of mind by tracker, a retry, a second ballot without it refused; participation is public', async () => {
    const choices = ['yes', 'yes', 'yes', 'yes', 'abstain'] as const;
    for (let i = 0; i < 5; i += 1)
      expect(
        (await secretBallot(delegates[i]!, { tracker: trackers.get(i), choice: choices[i] }).expect(201))
          .body,
      ).toEqual({ voteId, tracker: trackers.get(i), status: 'cast' });
    // Delegate 0 changes their mind with the same tracker; nothing about it reaches the record.
    const eventsBefore = await countRows(api, 'ledger_events');
    expect(
      (await secretBallot(delegates[0]!, { tracker: trackers.get(0), choice: 'no' }).expect(201)).body.status,
    ).toBe('replaced');
    expect(
      (await secretBallot(delegates[0]!, { tracker: trackers.get(0), choice: 'no' }).expect(201)).body.status,
    ).toBe('repeat');
    expect(await countRows(api, 'ledger_events')).toBe(eventsBefore);
    const second = await secretBallot(delegates[0]!, { tracker: newTrackerCode(), choice: 'yes' }).expect(
      409,
    );
    expect(second.body.code).toBe('SECRET_BALLOT_ALREADY_CAST');
    // Someone else's tracker taken as one's own first ballot is refused without saying whose it is.
    expect(await countRows(api, 'secret_question_box')).toBe(5);

    const participation = (await api.http().get(`/api/votes/${voteId}/secret-participation`).expect(200))
      .body;
    expect(participation).toMatchObject({ voteId, status: 'open', entitledCount: 5, participationCount: 5 });
    expect(JSON.stringify(participation)).not.toMatch(/yes|abstain|"no"/);
    const mine = (
      await api.http().get(`/api/votes/${voteId}/my-ballot`).set(bearer(delegates[1]!)).expect(200)
    ).body;
    expect(mine).toMatchObject({ secret: true, participated: true, entitled: true, ballot: null });
    // The box holds no voter: no delegate id, no tracker, no choice in clear.
    const box: { row: string }[] = await api.dataSource.query(
      `SELECT row_to_json(b)::text AS row FROM secret_question_box b WHERE vote_id = $1`,
      [voteId],
    );
    for (const { row } of box) {
      for (const d of delegates) expect(row).not.toContain(d.delegateId);
      for (const t of trackers.values()) expect(row).not.toContain(t);
      expect(row).not.toMatch(/"(yes|no|abstain)"/);
    }
    const roll = await api
      .http()
      .get(`/api/votes/${voteId}/participation`)
      .set(bearer(moderator))
      .expect(200);
    expect(roll.body.castCount).toBe(0);
  });

  it('closes: publishes every (tracker, choice) in tracker order, drops the box and key, counts under the rule, issues the resolution', async () => {
    const closed = await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
    // yes: delegates 1, 2, 3; no: 0 (changed their mind); abstain: 4 — the simple rule needs more yes than no.
    expect(closed.body).toMatchObject({
      secret: true,
      status: 'closed',
      ballots: null,
      notVoted: null,
      tally: { counts: { yes: 3, no: 1, abstain: 1, notVoted: 0 }, outcome: 'adopted' },
      resolutionNumber: expect.stringMatching(/^RES-APR-\d{4}-\d{4}$/),
    });
    const [row] = await api.dataSource.query(`SELECT ballot_key FROM votes WHERE id = $1`, [voteId]);
    expect(row.ballot_key).toBeNull();
    expect(await countRows(api, 'secret_question_box')).toBe(0);
    const published = (await api.http().get(`/api/votes/${voteId}/secret-ballots`).expect(200)).body;
    const list: { tracker: string; choice: string }[] = published.ballots;
    expect(list.map((b) => b.tracker)).toEqual([...list.map((b) => b.tracker)].sort());
    expect(list).toHaveLength(5);
    const final = ['no', 'yes', 'yes', 'yes', 'abstain'];
    for (let i = 0; i < 5; i += 1) {
      const found = await api
        .http()
        .post(`/api/votes/${voteId}/find-ballot`)
        .send({ tracker: trackers.get(i)!.toLowerCase() })
        .expect(200);
      expect(found.body).toEqual({ found: true, voteId, tracker: trackers.get(i), choice: final[i] });
    }
    expect(
      (
        await api
          .http()
          .post(`/api/votes/${voteId}/find-ballot`)
          .send({ tracker: trackers.get(5) })
          .expect(200)
      ).body,
    ).toEqual({ found: false, reason: 'absent' });
    const events = (await record()).filter((e) => e.subject === `vote:${voteId}`);
    expect(events.map((e) => e.type)).toEqual([
      'vote.opened',
      ...Array(5).fill('secret.participated'),
      'secret.ballots_published',
      'vote.closed',
    ]);
    const publishedEvent = events.find((e) => e.type === 'secret.ballots_published')!;
    expect(publishedEvent.payload.secretBallotsHash).toBe(published.secretBallotsHash);
    expect(publishedEvent.payload.outcome).toEqual(closed.body.tally);
    expect(events.find((e) => e.type === 'vote.closed')!.payload.revisions).toEqual([]);
    expect(await countRows(api, 'ballot_revisions')).toBe(0);
  });

  it('a roll-call ballot cannot reach a secret vote even past the application: the database refuses it', async () => {
    await expect(
      api.dataSource.query(
        `INSERT INTO secret_question_participation (vote_id, delegate_id, secret) VALUES ($1, $2, false)`,
        [voteId, delegates[4]!.delegateId],
      ),
    ).rejects.toThrow(/check constraint|violates/);
    await expect(
      api.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO ballot_revisions (vote_id, delegate_id, revision, choice, nonce, commitment, receipt, ledger_sequence)
           SELECT $1, $2, 1, 'yes', repeat('0', 32), repeat('0', 64), hash, sequence
           FROM ledger_events ORDER BY sequence DESC LIMIT 1`,
          [voteId, delegates[0]!.delegateId],
        );
      }),
    ).rejects.toThrow(/a secret vote takes no roll-call ballot/);
  });

  it('the verifier recomputes the tally from the published ballots, and fails when one is altered', async () => {
    const clean = await verifyCommand(url);
    expect(clean.stdout).toContain(
      'OK: 1 secret questions, 5 secret ballots recounted under their counting rule',
    );
    expect(clean.status).toBe(0);
    expect((await api.http().get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: true,
      secretQuestions: 1,
      secretQuestionBallots: 5,
    });
    const altered = trackers.get(4)!;
    await api.dataSource.query(
      `UPDATE secret_question_ballots SET choice = 'yes' WHERE vote_id = $1 AND tracker = $2`,
      [voteId, altered],
    );
    const broken = await verifyCommand(url);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('secret question: ballot_altered');
    expect(broken.stdout).toContain(altered);
    const verdict = (await api.http().get('/api/ledger/verify').expect(200)).body;
    expect(verdict.ok).toBe(false);
    expect(verdict.firstProblem.problem).toContain('ballot_altered');
  }, 90_000);
});
