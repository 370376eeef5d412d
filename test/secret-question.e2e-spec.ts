import { newTrackerCode } from '#domain';
import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  markMotionsSecret,
  openSession,
  openVote,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { DATASETS } from '../apps/api/src/open-data/open-data.columns.js';
import { pdfText } from './support/pdf.js';
import {
  countRows,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

function backupCommand(api: TestApi, dataDir: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/libs/persistence/src/cli/backup.js', '--out', join(dataDir, 'question.dump')],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATA_DIR: dataDir,
          DATABASE_URL: api.databaseUrl,
          JWT_SECRET: api.config.jwtSecret,
          SECRETS_KEY: api.config.secretsKey.toString('base64'),
        },
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout: `${stdout}${stderr}` }),
    );
  });
}

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
  type Row = Record<string, unknown>;
  const openData = async (name: string) =>
    (await api.http().get(`/api/open-data/${name}.json`).expect(200)).body.rows as Row[];
  const openDataCsv = async (name: string) => {
    const res = await api.http().get(`/api/open-data/${name}.csv`).expect(200);
    expect(res.text.split('\r\n')[0]).toBe(
      DATASETS[name as keyof typeof DATASETS].columns.map((c) => c.name).join(','),
    );
    return (parse(res.text, { columns: true }) as Record<string, string>[]).filter(
      (r) => r.vote_id === voteId,
    );
  };
  const written = async () =>
    Promise.all(
      ['ballot_revisions', 'secret_question_box', 'secret_question_participation', 'ledger_events'].map((t) =>
        countRows(api, t),
      ),
    );

  beforeAll(async () => {
    // Jobs run in the API process (the embedded default): the acta and the resolution render on its PDF thread.
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', REDIS_URL: '' });
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    delegates = await seatDelegatesInBulk(api, 6);
    sessionId = await openSession(api, moderator, 'Sesión con votación secreta');
    // Five of six check in: the sixth is not entitled when the vote opens.
    await checkIn(api, sessionId, delegates.slice(0, 5));
    await markMotionsSecret(api, admin);
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
    // Delegate 1 has seen delegate 0's tracker: sent with delegate 0's choice it is no "repeat" (that
    // would confirm the choice), with another no change; delegate 0's ballot stays "no" (checked at the close).
    for (const choice of ['no', 'yes'])
      expect(
        (await secretBallot(delegates[1]!, { tracker: trackers.get(0), choice }).expect(409)).body.code,
      ).toBe('SECRET_BALLOT_ALREADY_CAST');
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
    // Every sealed ballot has the same length (yes, no and abstain are in the box), so its size says nothing.
    const lengths: { length: number }[] = await api.dataSource.query(
      `SELECT DISTINCT octet_length(sealed) AS length FROM secret_question_box WHERE vote_id = $1`,
      [voteId],
    );
    expect(lengths).toHaveLength(1);
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
    // The Mesa's list of who has voted is the participation list (never a choice).
    expect(roll.body.castCount).toBe(5);
    expect(
      roll.body.entitled.map((e: { delegateId: string; hasVoted: boolean }) => [e.delegateId, e.hasVoted]),
    ).toEqual(
      participation.entitled.map((e: { delegateId: string; hasVoted: boolean }) => [
        e.delegateId,
        e.hasVoted,
      ]),
    );
    // Open data while open: who took part, no ballot, no result.
    expect((await openData('secret_question_ballots')).filter((r) => r.vote_id === voteId)).toEqual([]);
    expect(
      (await openData('secret_question_participation'))
        .filter((r) => r.vote_id === voteId)
        .map((r) => [r.delegate_id, r.participated]),
    ).toEqual(participation.entitled.map((e: { delegateId: string }) => [e.delegateId, true]));
    expect((await openData('votes')).find((r) => r.id === voteId)).toMatchObject({
      secret: true,
      status: 'open',
      yes_count: null,
      outcome: null,
    });
    // A dump taken now would hold the ballot key and the sealed box: npm run backup refuses.
    const refused = await backupCommand(api, mkdtempSync(join(tmpdir(), 'asamblea-question-')));
    expect(refused.status).toBe(4);
    expect(refused.stdout).toContain(`secret question, vote ${voteId}`);
  }, 90_000);

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
    // After the close no row of any table holds a voter beside a tracker (the published list holds none).
    const tables: { name: string }[] = await api.dataSource.query(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = current_schema()`,
    );
    const linked: string[] = [];
    for (const { name } of tables) {
      // The publication holds two public lists, participants by id and ballots by tracker, neither in
      // arrival order: each is searched on its own.
      const rows: { text: string }[] = await api.dataSource.query(
        name.endsWith('.ledger_events')
          ? `SELECT (to_jsonb(t) - 'payload' || jsonb_build_object('payload', t.payload - 'ballots'))::text AS text
             FROM ${name} t UNION ALL SELECT (t.payload->'ballots')::text FROM ${name} t
             WHERE t.payload ? 'ballots'`
          : `SELECT t::text AS text FROM ${name} t`,
      );
      for (const { text } of rows) {
        const lower = text.toLowerCase();
        const hasTracker = [...trackers.values()].some((t) => lower.includes(t.toLowerCase()));
        if (hasTracker && delegates.some((d) => lower.includes(d.delegateId)))
          linked.push(`${name}: ${text.slice(0, 120)}`);
      }
    }
    expect(linked).toEqual([]);
    expect(tables.length).toBeGreaterThan(40);
    const done = await backupCommand(api, mkdtempSync(join(tmpdir(), 'asamblea-question-')));
    expect(done.status).toBe(0);
  }, 90_000);

  it('open data: the vote marked secret with its counts, the published ballots and the participation, never a voter beside a tracker', async () => {
    const published = (await api.http().get(`/api/votes/${voteId}/secret-ballots`).expect(200)).body
      .ballots as { tracker: string; choice: string }[];
    const ballots = (await openData('secret_question_ballots')).filter((r) => r.vote_id === voteId);
    expect(ballots.map((r) => [r.tracker, r.choice])).toEqual(published.map((b) => [b.tracker, b.choice]));
    expect(ballots.every((r) => r.session_id === sessionId && typeof r.motion_number === 'string')).toBe(
      true,
    );
    expect((await openDataCsv('secret_question_ballots')).map((r) => [r.tracker, r.choice])).toEqual(
      published.map((b) => [b.tracker, b.choice]),
    );
    const entitled = (await api.http().get(`/api/votes/${voteId}/secret-participation`).expect(200)).body
      .entitled as { delegateId: string; fullName: string; hasVoted: boolean }[];
    const participation = (await openData('secret_question_participation')).filter(
      (r) => r.vote_id === voteId,
    );
    expect(participation.map((r) => [r.delegate_id, r.delegate_name, r.participated])).toEqual(
      entitled.map((e) => [e.delegateId, e.fullName, e.hasVoted]),
    );
    expect(
      (await openDataCsv('secret_question_participation')).map((r) => [r.delegate_id, r.participated]),
    ).toEqual(entitled.map((e) => [e.delegateId, String(e.hasVoted)]));
    const participationText = JSON.stringify(participation);
    for (const tracker of trackers.values()) expect(participationText).not.toContain(tracker);
    expect(
      DATASETS.secret_question_participation.columns
        .map((c) => c.name)
        .filter((n) => /choice|tracker/.test(n)),
    ).toEqual([]);
    expect(
      DATASETS.secret_question_ballots.columns.map((c) => c.name).filter((n) => /delegate|_at$/.test(n)),
    ).toEqual([]);
    expect((await openData('votes')).find((r) => r.id === voteId)).toMatchObject({
      secret: true,
      status: 'closed',
      yes_count: 3,
      no_count: 1,
      abstain_count: 1,
      not_voted_count: 0,
      outcome: 'adopted',
    });
    // A secret question leaves nothing in the roll-call ballots dataset.
    expect((await openData('ballots')).filter((r) => r.vote_id === voteId)).toEqual([]);
  });

  it('the resolution and the acta say the vote was secret, with the counts and no roll call', async () => {
    const { resolutionNumber } = (await api.http().get(`/api/votes/${voteId}`).expect(200)).body;
    const resolution = await pdfText(api, `/api/resolutions/${resolutionNumber}.pdf`, { timeoutMs: 60_000 });
    expect(resolution).toContain('Votación secreta');
    expect(resolution).toContain('publicadas con su código de seguimiento');
    expect(resolution).not.toContain('Votación nominal');
    expect(resolution).not.toContain('Sin votar');
    await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    const minutes = await pdfText(api, `/api/sessions/${sessionId}/minutes.pdf`, { timeoutMs: 60_000 });
    expect(minutes).toContain('votación secreta: cada papeleta se publicó con su código de seguimiento');
    expect(minutes).toContain('3 a favor');
    expect(minutes).not.toContain('Votación nominal');
  }, 90_000);

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

    // The ballot put back, the served participation list made to leave a voter out: that fails too.
    await api.dataSource.query(
      `UPDATE secret_question_ballots SET choice = 'abstain' WHERE vote_id = $1 AND tracker = $2`,
      [voteId, altered],
    );
    expect((await verifyCommand(url)).status).toBe(0);
    await api.dataSource.query(
      `DELETE FROM secret_question_participation WHERE vote_id = $1 AND delegate_id = $2`,
      [voteId, delegates[2]!.delegateId],
    );
    const dropped = await verifyCommand(url);
    expect(dropped.status).toBe(1);
    expect(dropped.stdout).toContain(
      `secret question: participation_served_differs: the served list leaves out ${delegates[2]!.delegateId}`,
    );
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.firstProblem.problem).toContain(
      'participation_served_differs',
    );
  }, 90_000);
});
