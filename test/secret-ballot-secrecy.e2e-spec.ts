import { newTrackerCode } from '#domain';
import { existsSync } from 'node:fs';
import type pg from 'pg';
import request from 'supertest';
import { describeDatabase } from '../libs/persistence/src/cli/database-facts.js';
import { pgDumpFor, pgRestoreFor } from '../libs/persistence/src/database/pg-tools.js';
import { bearer, checkIn, openSession, seatDelegatesInBulk } from './support/assembly.js';
import { startBuiltApi } from './support/built-api.js';
import { startApiOn } from './support/runtime-role.js';
import {
  dumpRows,
  everyRow,
  logLines,
  node,
  publicRecord,
  run,
  scan,
  secrecyDatabase,
  stopProcess,
  voterNeedles,
  type Needles,
} from './support/secrecy-scan.js';
import { userWithRoles, type SeatedDelegate, type TestUser } from './support/test-api.js';

type Choice = { kind: 'blank' } | { kind: 'candidates'; candidates: string[] };

const serialisations = (choice: Choice): string[] =>
  (choice.kind === 'blank'
    ? [{ kind: 'blank' }]
    : [choice, { candidates: choice.candidates, kind: choice.kind }]
  ).map((c) => JSON.stringify(c).toLowerCase());

/**
 * The secrecy promise of docs/secret-ballots.md, checked where an operator could look after the close:
 * every table, the public record, the API's debug log and a backup hold no link between a voter and a
 * tracker or choice. The voters find their ballots, the verifier recounts them, and an altered one fails it.
 */
describe('Secret ballots: nothing links a voter to their ballot after the close', () => {
  let db: Awaited<ReturnType<typeof secrecyDatabase>>;
  let api: Awaited<ReturnType<typeof startBuiltApi>> | undefined;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let electionId: string;
  let roundId: string;
  const VOTERS = [0, 1, 2, 3, 4];
  const trackers = new Map<number, string>();
  const finalChoice = new Map<number, Choice>();
  const replacedChoice = new Map<number, Choice>();
  const needles: Needles = { trackers: new Map(), choices: new Map(), voters: new Map() };

  const http = () => request(api!.url);
  const candidates = (...indexes: number[]): Choice => ({
    kind: 'candidates',
    candidates: indexes.map((i) => delegates[i]!.delegateId).sort(),
  });
  const cast = (voter: number, choice: Choice) =>
    http()
      .post(`/api/elections/${electionId}/ballots`)
      .set(bearer(delegates[voter]!))
      .send({ tracker: trackers.get(voter), choice });
  const owner = <T>(fn: (client: pg.Client) => Promise<T>) => db.owner(fn);

  beforeAll(async () => {
    db = await secrecyDatabase('asamblea-secrecy-');
    // Accounts, positions, the session and the candidacies are set up in-process; every request that
    // touches a ballot goes to the built API below, whose log is read.
    const setup = await startApiOn(db.url, db.env);
    try {
      const admin = await userWithRoles(setup, ['admin']);
      moderator = await userWithRoles(setup, ['moderator']);
      // Voters 0–4 are present; candidates 5–7 are not (a choice names candidates, never a voter).
      delegates = await seatDelegatesInBulk(setup, 8);
      const post = (user: TestUser, path: string, body: object = {}) =>
        setup.http().post(path).set(bearer(user)).send(body);
      // The presidency first: the Mesa's other positions need it.
      await post(admin, '/api/positions', {
        body: 'mesa',
        rank: 'president',
        title: { es: 'Presidencia', en: 'Presidency' },
        seats: 1,
      }).expect(201);
      const secretary = await post(admin, '/api/positions', {
        body: 'mesa',
        rank: 'secretary',
        title: { es: 'Secretaría', en: 'Secretariat' },
        seats: 2,
      }).expect(201);
      const term = await post(admin, '/api/terms', {
        label: 'Mesa 2034',
        startsAt: '2034-01-01T05:00:00.000Z',
        endsAt: '2035-01-01T05:00:00.000Z',
      }).expect(201);
      sessionId = await openSession(setup, moderator, 'Sesión de elección secreta');
      await checkIn(
        setup,
        sessionId,
        VOTERS.map((i) => delegates[i]!),
      );
      const called = await post(moderator, '/api/elections', {
        positionId: secretary.body.id,
        termId: term.body.id,
        method: 'approval_up_to_n',
        title: 'Secretaría de la Mesa 2034',
      }).expect(201);
      electionId = called.body.id;
      for (const i of [5, 6, 7])
        await post(delegates[i]!, `/api/elections/${electionId}/candidacies`).expect(201);
    } finally {
      await setup.close();
    }
    for (const i of VOTERS) trackers.set(i, newTrackerCode());
    await voterNeedles(owner, new Map(VOTERS.map((i) => [i, delegates[i]!])), trackers, needles);
    // Five different final choices, so that a choice found beside a voter would identify their ballot;
    // voters 1 and 3 first send a choice nobody ends with.
    [[5], [6], [7], [5, 6], [6, 7]].forEach((picks, i) => finalChoice.set(i, candidates(...picks)));
    replacedChoice.set(1, candidates(5, 7));
    replacedChoice.set(3, { kind: 'blank' });
    for (const i of VOTERS)
      needles.choices.set(
        i,
        [finalChoice.get(i)!, replacedChoice.get(i)].filter((c) => c).flatMap((c) => serialisations(c!)),
      );

    api = await startBuiltApi({ ...db.env, PORT: '0', REDIS_URL: '', LOG_LEVEL: 'debug' });
  }, 120_000);

  afterAll(async () => {
    if (api) await stopProcess(api.child);
    await db?.drop();
  });

  it('holds the round through the built API; npm run backup refuses while it is open and runs after the close', async () => {
    const opened = await http()
      .post(`/api/elections/${electionId}/rounds`)
      .set(bearer(moderator))
      .send({ sessionId })
      .expect(201);
    roundId = opened.body.rounds[0].id;
    expect(opened.body.rounds[0]).toMatchObject({
      status: 'open',
      entitledCount: 5,
      seats: 2,
    });

    for (const i of [1, 3])
      expect((await cast(i, replacedChoice.get(i)!).expect(200)).body.status).toBe('cast');
    for (const i of VOTERS)
      expect((await cast(i, finalChoice.get(i)!).expect(200)).body).toMatchObject({
        status: i === 1 || i === 3 ? 'replaced' : 'cast',
        tracker: trackers.get(i),
      });
    expect((await cast(0, finalChoice.get(0)!).expect(200)).body.status).toBe('repeat');
    // Voter 2 has seen voter 0's tracker: neither a "repeat" of voter 0's choice nor a change is taken.
    for (const choice of [finalChoice.get(0)!, finalChoice.get(2)!])
      expect(
        (
          await http()
            .post(`/api/elections/${electionId}/ballots`)
            .set(bearer(delegates[2]!))
            .send({ tracker: trackers.get(0), choice })
            .expect(409)
        ).body.code,
      ).toBe('SECRET_BALLOT_ALREADY_CAST');
    // Five different choices, one sealed length: a sealed ballot's size says nothing of its choice.
    const lengths = await owner((client) =>
      client.query(`SELECT DISTINCT octet_length(sealed) AS length FROM secret_ballot_box`),
    );
    expect(lengths.rows).toHaveLength(1);

    const refused = await db.backup(['--out', db.backupFile]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('No se hace la copia de seguridad: hay una votación secreta abierta');
    expect(refused.stderr).toContain('Backup refused: a secret vote is open');
    expect(refused.stderr).toContain(`election ${electionId}, first round ${roundId}`);
    expect(existsSync(db.backupFile)).toBe(false);
    expect(existsSync(`${db.backupFile}.partial`)).toBe(false);

    const closed = await http().post(`/api/elections/${electionId}/close`).set(bearer(moderator)).expect(200);
    expect(closed.body.rounds[0].outcome.ballots).toEqual({ cast: 5, valid: 5, blank: 0, null: 0 });

    const taken = await db.backup(['--out', db.backupFile]);
    expect(taken).toMatchObject({ code: 0, stdout: expect.stringContaining('Backup written:') });
    expect(existsSync(db.backupFile)).toBe(true);
  }, 60_000);

  it('lets each voter find their tracker among the published ballots, with their final choice', async () => {
    const published = await http().get(`/api/elections/${electionId}/rounds/${roundId}/ballots`).expect(200);
    expect(published.body.ballots).toEqual(
      [...VOTERS]
        .map((i) => ({ tracker: trackers.get(i)!, choice: finalChoice.get(i)! }))
        .sort((a, b) => (a.tracker < b.tracker ? -1 : 1)),
    );
    for (const i of VOTERS) {
      const found = await http()
        .post(`/api/elections/${electionId}/find-ballot`)
        .send({ tracker: trackers.get(i) })
        .expect(200);
      expect(found.body).toEqual({
        found: true,
        tracker: trackers.get(i),
        roundId,
        choice: finalChoice.get(i),
      });
    }
  });

  it('searches every table: no row holds a voter next to a tracker or choice, and the search flags one that does', async () => {
    await owner(async (client) => {
      // A negative control: rows written as a defect would write them, in a table made for it, are flagged.
      await client.query(`CREATE TEMP TABLE leak_probe (delegate_id uuid, note text, payload jsonb)`);
      await client.query(`INSERT INTO leak_probe VALUES ($1, $2, NULL), (NULL, $3, $4), ($5, NULL, NULL)`, [
        delegates[0]!.delegateId,
        `tracker ${trackers.get(0)}`,
        `voter ${delegates[2]!.email}`,
        JSON.stringify({ choice: finalChoice.get(2) }),
        delegates[4]!.delegateId,
      ]);
      await client.query(`INSERT INTO leak_probe (note) VALUES ($1)`, [
        `${delegates[3]!.id} ${trackers.get(3)!.replace(/-/g, '').toLowerCase()}`,
      ]);
      const probed = await everyRow(client);
      const flagged = scan(probed.rows, needles).filter((f) => f.names.length);
      expect(flagged.map((f) => [f.where, f.ballotsOf, f.names])).toEqual([
        [expect.stringMatching(/^pg_temp_\d+\.leak_probe$/), [0], [0]],
        [expect.stringMatching(/^pg_temp_\d+\.leak_probe$/), [2], [2]],
        [expect.stringMatching(/^pg_temp_\d+\.leak_probe$/), [3], [3]],
      ]);
      await client.query(`DROP TABLE leak_probe`);

      const { rows, tables } = await everyRow(client);
      expect(tables).toEqual(
        expect.arrayContaining(
          [
            'secret_ballots',
            'secret_ballot_box',
            'secret_participation',
            'election_rounds',
            'outbox',
            'ledger_events',
          ].map((t) => `public.${t}`),
        ),
      );
      expect(rows.length).toBeGreaterThan(100);
      const findings = scan(rows, needles);
      expect(findings.filter((f) => f.names.length)).toEqual([]);
      // Trackers and choices are only in the published ballots and the event that publishes them.
      expect(findings.map((f) => [f.where.replace(/ #\d+ /, ' '), f.ballotsOf])).toEqual(
        expect.arrayContaining([
          ['public.ledger_events secret.ballots_published (ballots)', VOTERS],
          ...VOTERS.map((i) => ['public.secret_ballots', [i]]),
        ]),
      );
      expect(findings).toHaveLength(6);
      // Who took part is public; those rows carry no tracker or choice (the scan above), and the box is empty.
      const participation = rows.filter((r) => r.where === 'public.secret_participation');
      expect(participation).toHaveLength(5);
      const [state] = (
        await client.query<{ box: number; keys: number }>(
          `SELECT (SELECT count(*)::int FROM secret_ballot_box) AS box,
             (SELECT count(*)::int FROM election_rounds WHERE ballot_key IS NOT NULL) AS keys`,
        )
      ).rows;
      expect(state).toEqual({ box: 0, keys: 0 });
    });
  });

  it('has the trackers in the public record only where they are published, without voters beside them', async () => {
    const { events, rows } = await publicRecord(api!.url);
    const findings = scan(rows, needles);
    expect(findings.map((f) => [f.where.replace(/^\d+ /, ''), f.ballotsOf, f.names])).toEqual([
      ['secret.ballots_published (ballots)', VOTERS, []],
    ]);
    const publication = events.find((e) => e.type === 'secret.ballots_published')!;
    const ballots = publication.payload.ballots as { tracker: string }[];
    expect(ballots.map((b) => Object.keys(b).sort())).toEqual(VOTERS.map(() => ['choice', 'tracker']));
    expect(ballots.map((b) => b.tracker)).toEqual([...trackers.values()].sort());
    // The participation list is public, in id order (not arrival order), in the same event.
    expect(publication.payload.participants).toEqual(VOTERS.map((i) => delegates[i]!.delegateId).sort());
    const participated = events.filter((e) => e.type === 'secret.participated');
    expect(participated.map((e) => Object.keys(e.payload).sort())).toEqual(
      VOTERS.map(() => ['delegateId', 'voteId']),
    );
  });

  it('leaves no tracker and no choice in a backup: npm run backup, and a plain pg_dump', async () => {
    const server = await owner(describeDatabase);
    const restored = await run(pgRestoreFor(server.serverMajor).path, ['--file=-', db.backupFile], {
      maxBuffer: 256 * 1024 * 1024,
    });
    const dumped = await run(pgDumpFor(server.serverMajor).path, ['--format=plain', db.url], {
      maxBuffer: 256 * 1024 * 1024,
    });
    // A negative control: a dumped row with a voter beside their tracker, or beside their choice, is flagged.
    const leak = dumpRows(
      `COPY public.leak (a, b) FROM stdin;\n${delegates[0]!.email}\t${trackers.get(0)}\n` +
        `${delegates[1]!.delegateId}\t${JSON.stringify(finalChoice.get(1))}\n\\.\n`,
    );
    expect(scan(leak.rows, needles).map((f) => [f.where, f.ballotsOf, f.names])).toEqual([
      ['public.leak', [0], [0]],
      ['public.leak', [1], [1]],
    ]);
    for (const sql of [restored.stdout, dumped.stdout]) {
      const { rows, copied } = dumpRows(sql);
      expect(copied.get('public.secret_ballot_box')).toBe(0);
      expect(copied.get('public.secret_participation')).toBe(5);
      const findings = scan(rows, needles);
      expect(findings.filter((f) => f.names.length)).toEqual([]);
      expect(findings.map((f) => [f.where, f.ballotsOf])).toEqual(
        expect.arrayContaining([
          ['public.ledger_events secret.ballots_published (ballots)', VOTERS],
          ...VOTERS.map((i) => ['public.secret_ballots', [i]]),
        ]),
      );
      expect(findings).toHaveLength(6);
    }
  }, 60_000);

  it('has the verifier recount the round and pass, then fail naming the election when one published ballot is altered', async () => {
    const cli = () => node('dist/apps/api/src/verify.js', ['--url', api!.url], {});
    const clean = await cli();
    expect(clean).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        'OK: 1 election rounds, 5 secret ballots recounted (ballots = participants)',
      ),
    });
    expect((await http().get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: true,
      electionRounds: 1,
      secretBallots: 5,
    });

    const altered = trackers.get(0)!;
    await owner((client) =>
      client.query(`UPDATE secret_ballots SET choice = $3::jsonb WHERE round_id = $1 AND tracker = $2`, [
        roundId,
        altered,
        JSON.stringify(finalChoice.get(1)),
      ]),
    );
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`election ${electionId} (first round): ballot_altered`);
    expect(broken.stdout).toContain(altered);
    const verdict = await http().get('/api/ledger/verify').expect(200);
    expect(verdict.body.ok).toBe(false);
    expect(verdict.body.firstProblem.problem).toContain(
      `election ${electionId} (first round): ballot_altered`,
    );

    // The ballot put back, the served participation list made to leave a voter out: that fails too.
    await owner((client) =>
      client.query(`UPDATE secret_ballots SET choice = $3::jsonb WHERE round_id = $1 AND tracker = $2`, [
        roundId,
        altered,
        JSON.stringify(finalChoice.get(0)),
      ]),
    );
    expect((await cli()).code).toBe(0);
    await owner((client) =>
      client.query(`DELETE FROM secret_participation WHERE round_id = $1 AND delegate_id = $2`, [
        roundId,
        delegates[3]!.delegateId,
      ]),
    );
    const dropped = await cli();
    expect(dropped.code).toBe(1);
    expect(dropped.stdout).toContain(
      `election ${electionId} (first round): participation_served_differs: the served list leaves out ${delegates[3]!.delegateId}`,
    );
  }, 60_000);

  it("has no tracker and no choice in the API's debug log", async () => {
    await stopProcess(api!.child);
    const { lines, logged } = logLines(api!.output());
    // It did log at debug, and a line for every ballot and every look-up.
    expect(logged.filter((l) => l.level === 20).length).toBeGreaterThan(10);
    // Eight ballots, and voter 2's two refused tries under voter 0's tracker.
    expect(logged.filter((l) => l.req?.url === `/api/elections/${electionId}/ballots`)).toHaveLength(10);
    expect(logged.filter((l) => l.req?.url === `/api/elections/${electionId}/find-ballot`)).toHaveLength(5);
    const findings = scan(
      lines.map((text) => ({ where: 'log', text })),
      needles,
    );
    expect(findings).toEqual([]);
    // Nor any piece of a choice: the candidates' ids and the shape of a choice never appear.
    const log = api!.output().replace(/\s+/g, '');
    for (const i of [5, 6, 7]) expect(log).not.toContain(delegates[i]!.delegateId);
    expect(log).not.toContain('"kind":');
  }, 30_000);
});
