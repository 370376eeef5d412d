import { newTrackerCode } from '#domain';
import { existsSync } from 'node:fs';
import type pg from 'pg';
import request from 'supertest';
import { describeDatabase } from '../libs/persistence/src/cli/database-facts.js';
import { pgDumpFor, pgRestoreFor } from '../libs/persistence/src/database/pg-tools.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  markMotionsSecret,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { startBuiltApi } from './support/built-api.js';
import { startApiOn } from './support/runtime-role.js';
import {
  dumpRows,
  everyRow,
  logLines,
  publicRecord,
  run,
  scan,
  secrecyDatabase,
  stopProcess,
  voterNeedles,
  type Needles,
} from './support/secrecy-scan.js';
import { userWithRoles, type SeatedDelegate, type TestUser } from './support/test-api.js';

type Choice = 'yes' | 'no' | 'abstain';

/** A question's choice as JSON would carry it beside a voter: the link a defect would write. */
const serialisations = (choice: Choice): string[] => [`"choice":"${choice}"`];

/**
 * The secrecy promise of docs/secret-ballots.md for a secret question (a motion the reglamento marks
 * secret), checked where an operator could look after the close: every table, the public record, the
 * API's debug log and a backup hold no voter beside their tracker or choice. The election rounds have
 * the same search in secret-ballot-secrecy.e2e-spec.ts; the verifier's recount is in secret-question.
 */
describe('Secret questions: nothing links a voter to their ballot after the close', () => {
  let db: Awaited<ReturnType<typeof secrecyDatabase>>;
  let api: Awaited<ReturnType<typeof startBuiltApi>> | undefined;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let voteId: string;
  const VOTERS = [0, 1, 2, 3, 4];
  const trackers = new Map<number, string>();
  // Voter 0 changes yes to no, voter 3 no to abstain: yes 3, no 1, abstain 1 under the simple rule.
  const finalChoice = new Map<number, Choice>([
    [0, 'no'],
    [1, 'yes'],
    [2, 'yes'],
    [3, 'abstain'],
    [4, 'yes'],
  ]);
  const replacedChoice = new Map<number, Choice>([
    [0, 'yes'],
    [3, 'no'],
  ]);
  const needles: Needles = { trackers: new Map(), choices: new Map(), voters: new Map() };

  const http = () => request(api!.url);
  const cast = (voter: number, choice: Choice) =>
    http()
      .post(`/api/votes/${voteId}/secret-ballots`)
      .set(bearer(delegates[voter]!))
      .send({ tracker: trackers.get(voter), choice });
  const owner = <T>(fn: (client: pg.Client) => Promise<T>) => db.owner(fn);

  beforeAll(async () => {
    db = await secrecyDatabase('asamblea-question-secrecy-');
    const shared = { ...db.env, COSPONSOR_THRESHOLD: '0' };
    // The reglamento, accounts, the session and the motion are set up in-process; every request that
    // touches a ballot goes to the built API below, whose log is read.
    const setup = await startApiOn(db.url, shared);
    try {
      const admin = await userWithRoles(setup, ['admin']);
      moderator = await userWithRoles(setup, ['moderator']);
      // Voters 0–4 are present; delegate 5, the author, is not.
      delegates = await seatDelegatesInBulk(setup, 6);
      await markMotionsSecret(setup, admin);
      sessionId = await openSession(setup, moderator, 'Sesión con pregunta secreta');
      await checkIn(
        setup,
        sessionId,
        VOTERS.map((i) => delegates[i]!),
      );
      const motion = await admittedMotion(setup, delegates[5]!, moderator, {
        title: 'Moción en votación secreta',
      });
      await debate(setup, moderator, sessionId, motion.id);
    } finally {
      await setup.close();
    }
    for (const i of VOTERS) {
      trackers.set(i, newTrackerCode());
      needles.choices.set(
        i,
        [finalChoice.get(i)!, replacedChoice.get(i)].filter((c) => c).flatMap((c) => serialisations(c!)),
      );
    }
    await voterNeedles(owner, new Map(VOTERS.map((i) => [i, delegates[i]!])), trackers, needles);

    api = await startBuiltApi({ ...shared, PORT: '0', REDIS_URL: '', LOG_LEVEL: 'debug' });
  }, 120_000);

  afterAll(async () => {
    if (api) await stopProcess(api.child);
    await db?.drop();
  });

  it('holds the question through the built API; npm run backup refuses while it is open and runs after the close', async () => {
    const opened = await http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({})
      .expect(201);
    voteId = opened.body.id;
    expect(opened.body).toMatchObject({ secret: true, status: 'open', entitledCount: 5 });

    for (const [i, choice] of replacedChoice)
      expect((await cast(i, choice).expect(201)).body.status).toBe('cast');
    for (const i of VOTERS)
      expect((await cast(i, finalChoice.get(i)!).expect(201)).body).toEqual({
        voteId,
        tracker: trackers.get(i),
        status: replacedChoice.has(i) ? 'replaced' : 'cast',
      });
    expect((await cast(1, finalChoice.get(1)!).expect(201)).body.status).toBe('repeat');
    const lengths = await owner((client) =>
      client.query(`SELECT DISTINCT octet_length(sealed) AS length FROM secret_question_box`),
    );
    expect(lengths.rows).toHaveLength(1);

    const refused = await db.backup(['--out', db.backupFile]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('No se hace la copia de seguridad: hay una votación secreta abierta');
    expect(refused.stderr).toContain(`secret question, vote ${voteId}`);
    expect(existsSync(db.backupFile)).toBe(false);
    expect(existsSync(`${db.backupFile}.partial`)).toBe(false);

    const closed = await http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
    expect(closed.body.tally).toMatchObject({
      counts: { yes: 3, no: 1, abstain: 1, notVoted: 0 },
      outcome: 'adopted',
    });

    const taken = await db.backup(['--out', db.backupFile]);
    expect(taken).toMatchObject({ code: 0, stdout: expect.stringContaining('Backup written:') });
    expect(existsSync(db.backupFile)).toBe(true);
  }, 60_000);

  it('lets each voter find their tracker among the published ballots, with their final choice', async () => {
    const published = await http().get(`/api/votes/${voteId}/secret-ballots`).expect(200);
    expect(published.body.ballots).toEqual(
      [...VOTERS]
        .map((i) => ({ tracker: trackers.get(i)!, choice: finalChoice.get(i)! }))
        .sort((a, b) => (a.tracker < b.tracker ? -1 : 1)),
    );
    for (const i of VOTERS)
      expect(
        (
          await http()
            .post(`/api/votes/${voteId}/find-ballot`)
            .send({ tracker: trackers.get(i) })
            .expect(200)
        ).body,
      ).toEqual({ found: true, voteId, tracker: trackers.get(i), choice: finalChoice.get(i) });
  });

  it('searches every table: no row holds a voter next to a tracker or choice, and the search flags one that does', async () => {
    await owner(async (client) => {
      // A negative control: rows written as a defect would write them are flagged.
      await client.query(`CREATE TEMP TABLE leak_probe (delegate_id uuid, note text, payload jsonb)`);
      await client.query(`INSERT INTO leak_probe VALUES ($1, $2, NULL), (NULL, $3, $4)`, [
        delegates[0]!.delegateId,
        `tracker ${trackers.get(0)!.replace(/-/g, '').toLowerCase()}`,
        `voter ${delegates[2]!.email}`,
        JSON.stringify({ voteId, choice: finalChoice.get(2) }),
      ]);
      const probed = await everyRow(client);
      expect(
        scan(probed.rows, needles)
          .filter((f) => f.names.length)
          .map((f) => [f.where, f.names]),
      ).toEqual([
        [expect.stringMatching(/^pg_temp_\d+\.leak_probe$/), [0]],
        [expect.stringMatching(/^pg_temp_\d+\.leak_probe$/), [2]],
      ]);
      await client.query(`DROP TABLE leak_probe`);

      const { rows, tables } = await everyRow(client);
      expect(tables).toEqual(
        expect.arrayContaining(
          [
            'secret_question_ballots',
            'secret_question_box',
            'secret_question_participation',
            'votes',
            'outbox',
            'ledger_events',
          ].map((t) => `public.${t}`),
        ),
      );
      expect(rows.length).toBeGreaterThan(100);
      const findings = scan(rows, needles);
      expect(findings.filter((f) => f.names.length)).toEqual([]);
      // Trackers are only in the published ballots and the event that publishes them.
      expect(findings.map((f) => [f.where.replace(/ #\d+ /, ' '), f.ballotsOf])).toEqual(
        expect.arrayContaining([
          ['public.ledger_events secret.ballots_published (ballots)', VOTERS],
          ...VOTERS.map((i) => ['public.secret_question_ballots', [i]]),
        ]),
      );
      expect(findings).toHaveLength(6);
      expect(rows.filter((r) => r.where === 'public.secret_question_participation')).toHaveLength(5);
      const [state] = (
        await client.query<{ box: number; keys: number }>(
          `SELECT (SELECT count(*)::int FROM secret_question_box) AS box,
             (SELECT count(*)::int FROM votes WHERE ballot_key IS NOT NULL) AS keys`,
        )
      ).rows;
      expect(state).toEqual({ box: 0, keys: 0 });
    });
  });

  it('has the trackers in the public record only where they are published, without voters beside them', async () => {
    const { events, rows } = await publicRecord(api!.url);
    expect(scan(rows, needles).map((f) => [f.where.replace(/^\d+ /, ''), f.ballotsOf, f.names])).toEqual([
      ['secret.ballots_published (ballots)', VOTERS, []],
    ]);
    const publication = events.find((e) => e.type === 'secret.ballots_published')!;
    const ballots = publication.payload.ballots as { tracker: string }[];
    expect(ballots.map((b) => Object.keys(b).sort())).toEqual(VOTERS.map(() => ['choice', 'tracker']));
    expect(ballots.map((b) => b.tracker)).toEqual([...trackers.values()].sort());
    expect(publication.payload.participants).toEqual(VOTERS.map((i) => delegates[i]!.delegateId).sort());
    // A change of mind reaches the record as nothing: one participation event per voter.
    const participated = events.filter((e) => e.type === 'secret.participated');
    expect(participated.map((e) => Object.keys(e.payload).sort())).toEqual(
      VOTERS.map(() => ['delegateId', 'voteId']),
    );
  });

  it('leaves no tracker beside a voter in a backup: npm run backup, and a plain pg_dump', async () => {
    const server = await owner(describeDatabase);
    const restored = await run(pgRestoreFor(server.serverMajor).path, ['--file=-', db.backupFile], {
      maxBuffer: 256 * 1024 * 1024,
    });
    const dumped = await run(pgDumpFor(server.serverMajor).path, ['--format=plain', db.url], {
      maxBuffer: 256 * 1024 * 1024,
    });
    // A negative control: a dumped row with a voter beside their tracker is flagged.
    const leak = dumpRows(
      `COPY public.leak (a, b) FROM stdin;\n${delegates[4]!.email}\t${trackers.get(4)}\n\\.\n`,
    );
    expect(scan(leak.rows, needles).map((f) => [f.where, f.ballotsOf, f.names])).toEqual([
      ['public.leak', [4], [4]],
    ]);
    for (const sql of [restored.stdout, dumped.stdout]) {
      const { rows, copied } = dumpRows(sql);
      expect(copied.get('public.secret_question_box')).toBe(0);
      expect(copied.get('public.secret_question_participation')).toBe(5);
      expect(copied.get('public.secret_question_ballots')).toBe(5);
      const findings = scan(rows, needles);
      expect(findings.filter((f) => f.names.length)).toEqual([]);
      expect(findings.map((f) => [f.where, f.ballotsOf])).toEqual(
        expect.arrayContaining([
          ['public.ledger_events secret.ballots_published (ballots)', VOTERS],
          ...VOTERS.map((i) => ['public.secret_question_ballots', [i]]),
        ]),
      );
      expect(findings).toHaveLength(6);
    }
  }, 60_000);

  it("has no tracker and no choice in the API's debug log", async () => {
    await stopProcess(api!.child);
    const { lines, logged } = logLines(api!.output());
    // It did log at debug, and a line for every ballot and every look-up.
    expect(logged.filter((l) => l.level === 20).length).toBeGreaterThan(10);
    expect(
      logged.filter((l) => l.req?.method === 'POST' && l.req.url === `/api/votes/${voteId}/secret-ballots`),
    ).toHaveLength(8);
    expect(logged.filter((l) => l.req?.url === `/api/votes/${voteId}/find-ballot`)).toHaveLength(5);
    expect(
      scan(
        lines.map((text) => ({ where: 'log', text })),
        needles,
      ),
    ).toEqual([]);
  }, 30_000);
});
