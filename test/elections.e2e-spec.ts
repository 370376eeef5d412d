import { newTrackerCode } from '#domain';
import { ElectionDeadlines } from '../apps/api/src/elections/election-deadlines.js';
import { OfficesService } from '../apps/api/src/offices/offices.service.js';
import { bearer, checkIn, openSession, seatDelegatesInBulk } from './support/assembly.js';
import {
  countRows,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

const TERM = { label: 'Mesa 2033', startsAt: '2033-01-01T05:00:00.000Z', endsAt: '2034-01-01T05:00:00.000Z' };
const SECRET_TABLES = [
  'elections',
  'candidacies',
  'election_rounds',
  'election_entitlements',
  'secret_participation',
  'secret_ballot_box',
  'secret_ballots',
  'offices',
  'ledger_events',
];
const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';

type Choice =
  | { kind: 'blank' }
  | { kind: 'null' }
  | { kind: 'candidates'; candidates: string[] }
  | { kind: 'marks'; marks: Record<string, string> };

async function snapshot(api: TestApi): Promise<number[]> {
  return Promise.all(SECRET_TABLES.map((table) => countRows(api, table)));
}

describe('Elections with secret ballots', () => {
  let api: TestApi;
  let admin: TestUser;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let secretaryId: string;
  let presidentId: string;
  let termId: string;
  let electionId: string;
  const trackers = new Map<number, string>();

  const as = (user: { token: string }) => ({
    post: (path: string, body: object = {}) => api.http().post(path).set(bearer(user)).send(body),
  });
  const cast = (i: number, choice: Choice | object, tracker: string, election = electionId) =>
    as(delegates[i]!).post(`/api/elections/${election}/ballots`, { tracker, choice });
  const names = (...indexes: number[]): Choice => ({
    kind: 'candidates',
    candidates: indexes.map((i) => delegates[i]!.delegateId),
  });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    // Five present and entitled; the sixth is seated but not checked in when the rounds open.
    delegates = await seatDelegatesInBulk(api, 6);
    const president = await as(admin)
      .post('/api/positions', {
        body: 'mesa',
        rank: 'president',
        title: { es: 'Presidencia', en: 'Presidency' },
        seats: 1,
      })
      .expect(201);
    presidentId = president.body.id;
    const secretary = await as(admin)
      .post('/api/positions', {
        body: 'mesa',
        rank: 'secretary',
        title: { es: 'Secretaría', en: 'Secretariat' },
        seats: 3,
      })
      .expect(201);
    secretaryId = secretary.body.id;
    termId = (await as(admin).post('/api/terms', TERM).expect(201)).body.id;
    sessionId = await openSession(api, moderator, 'Sesión de elección de la Mesa');
    await checkIn(api, sessionId, delegates.slice(0, 5));
  }, 60_000);
  afterAll(() => api.close());

  it('refuses every mutating route to the wrong role or no token, and changes nothing', async () => {
    const id = UNKNOWN;
    const routes: [string, object, TestUser[]][] = [
      [
        '/api/elections',
        { positionId: secretaryId, termId, method: 'approval_up_to_n' },
        [delegates[0]!, admin],
      ],
      [`/api/elections/${id}/candidacies`, {}, [moderator, admin]],
      [`/api/elections/${id}/candidacies/${id}/accept`, {}, [moderator, admin]],
      [`/api/elections/${id}/candidacies/${id}/withdraw`, {}, [moderator, admin]],
      [`/api/elections/${id}/rounds`, { sessionId }, [delegates[0]!, admin]],
      [
        `/api/elections/${id}/ballots`,
        { tracker: newTrackerCode(), choice: { kind: 'blank' } },
        [moderator, admin],
      ],
      [`/api/elections/${id}/close`, {}, [delegates[0]!, admin]],
    ];
    const before = await snapshot(api);
    for (const [path, body, wrong] of routes) {
      expect([path, (await api.http().post(path).send(body)).body.code]).toEqual([path, 'AUTH_REQUIRED']);
      for (const caller of wrong) {
        const response = await as(caller).post(path, body);
        expect([path, response.status, response.body.code]).toEqual([path, 403, 'FORBIDDEN_ROLE']);
      }
    }
    expect(await snapshot(api)).toEqual(before);
  });

  it('calls an election and takes candidacies: self-nominated, nominated and accepted, withdrawn', async () => {
    const before = await snapshot(api);
    const badCalls: [object, number, string][] = [
      [{ positionId: secretaryId, termId, method: 'borda' }, 400, 'VALIDATION_FAILED'],
      [{ positionId: secretaryId, termId, method: 'single_choice' }, 422, 'ELECTION_SPEC_INVALID'],
      [{ positionId: secretaryId, termId, method: 'single_choice', extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ positionId: UNKNOWN, termId, method: 'approval_up_to_n' }, 404, 'POSITION_NOT_FOUND'],
      [{ positionId: secretaryId, termId: UNKNOWN, method: 'approval_up_to_n' }, 404, 'TERM_NOT_FOUND'],
    ];
    for (const [body, status, code] of badCalls) {
      const response = await as(moderator).post('/api/elections', body);
      expect([response.status, response.body.code]).toEqual([status, code]);
    }
    expect(await snapshot(api)).toEqual(before);

    const called = await as(moderator)
      .post('/api/elections', {
        positionId: secretaryId,
        termId,
        method: 'approval_up_to_n',
        title: 'Secretaría de la Mesa 2033',
      })
      .expect(201);
    electionId = called.body.id;
    expect(called.body).toMatchObject({
      status: 'nominating',
      seats: 3,
      method: 'approval_up_to_n',
      rounds: [],
    });

    const candidacies = `/api/elections/${electionId}/candidacies`;
    // A, B, C, D, E: delegates 0–4. 0 stands; 0 nominates 1, who accepts; 2, 3, 4 stand; 5 stands and withdraws.
    await as(delegates[0]!).post(candidacies).expect(201);
    const nominated = await as(delegates[0]!)
      .post(candidacies, { candidateId: delegates[1]!.delegateId })
      .expect(201);
    expect(nominated.body).toMatchObject({
      status: 'proposed',
      candidateId: delegates[1]!.delegateId,
      nominatedBy: delegates[0]!.delegateId,
    });
    const stateBefore = await snapshot(api);
    const refusals: [number, string, object, number, string][] = [
      [2, `${candidacies}/${nominated.body.id}/accept`, {}, 403, 'CANDIDACY_NOT_YOURS'],
      [1, `${candidacies}/${UNKNOWN}/accept`, {}, 404, 'CANDIDACY_NOT_FOUND'],
      [0, candidacies, {}, 409, 'CANDIDACY_EXISTS'],
      [0, candidacies, { candidateId: UNKNOWN }, 422, 'CANDIDATE_NOT_DELEGATE'],
      [0, candidacies, { candidateId: 'nope' }, 400, 'VALIDATION_FAILED'],
      [0, `/api/elections/${UNKNOWN}/candidacies`, {}, 404, 'ELECTION_NOT_FOUND'],
    ];
    for (const [who, path, body, status, code] of refusals) {
      const response = await as(delegates[who]!).post(path, body);
      expect([path, response.status, response.body.code]).toEqual([path, status, code]);
    }
    expect(await snapshot(api)).toEqual(stateBefore);
    await as(delegates[1]!).post(`${candidacies}/${nominated.body.id}/accept`).expect(200);
    expect(
      (await as(delegates[1]!).post(`${candidacies}/${nominated.body.id}/accept`).expect(409)).body.code,
    ).toBe('CANDIDACY_STATE_INVALID');
    for (const i of [2, 3, 4]) await as(delegates[i]!).post(candidacies).expect(201);
    const withdrawn = await as(delegates[5]!).post(candidacies).expect(201);
    await as(delegates[5]!).post(`${candidacies}/${withdrawn.body.id}/withdraw`).expect(200);

    const view = await api.http().get(`/api/elections/${electionId}`).expect(200);
    expect(
      view.body.candidacies.map((c: { candidateId: string; status: string }) => [c.candidateId, c.status]),
    ).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => [delegates[i]!.delegateId, 'accepted']),
      [delegates[5]!.delegateId, 'withdrawn'],
    ]);
  });

  it('runs a three-seat election whose last seat needs a run-off, with secret ballots', async () => {
    const rounds = `/api/elections/${electionId}/rounds`;
    expect((await as(moderator).post(rounds, { sessionId: UNKNOWN }).expect(404)).body.code).toBe(
      'SESSION_NOT_FOUND',
    );
    expect((await as(moderator).post(rounds, { sessionId, durationSeconds: 5 }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    const opened = await as(moderator).post(rounds, { sessionId }).expect(201);
    const first = opened.body.rounds[0];
    expect(first).toMatchObject({
      round: 'first',
      status: 'open',
      entitledCount: 5,
      participationCount: 0,
      seats: 3,
    });
    expect(first.candidates).toEqual([0, 1, 2, 3, 4].map((i) => delegates[i]!.delegateId).sort());
    expect(first.explanation.es).toContain('Marque hasta 3 personas');
    expect((await as(moderator).post(rounds, { sessionId }).expect(409)).body.code).toBe(
      'ELECTION_STATE_INVALID',
    );
    // Ballots keep their place only while the session runs: it cannot pause or end with a round open.
    expect((await as(moderator).post(`/api/sessions/${sessionId}/suspend`).expect(409)).body.code).toBe(
      'VOTE_IN_PROGRESS',
    );

    for (let i = 0; i < 5; i += 1) trackers.set(i, newTrackerCode());
    // Refused ballots carry a code and change nothing.
    const before = await snapshot(api);
    const refusals: [number, object, string, number, string][] = [
      [5, names(0), newTrackerCode(), 403, 'NOT_ENTITLED_TO_VOTE'],
      [0, names(0), 'ABCD-EFGH', 400, 'TRACKER_MALFORMED'],
      [0, { kind: 'candidates', candidates: [UNKNOWN] }, trackers.get(0)!, 400, 'ELECTION_CANDIDATE_UNKNOWN'],
      [0, names(0, 1, 2, 3), trackers.get(0)!, 400, 'ELECTION_TOO_MANY_CHOICES'],
      [0, names(0, 0), trackers.get(0)!, 400, 'ELECTION_CANDIDATE_REPEATED'],
      [0, { kind: 'marks', marks: {} }, trackers.get(0)!, 400, 'ELECTION_BALLOT_SHAPE'],
    ];
    for (const [who, choice, tracker, status, code] of refusals) {
      const response = await cast(who, choice, tracker);
      expect([code, response.status, response.body.code]).toEqual([code, status, code]);
    }
    for (const body of [
      { tracker: trackers.get(0)!, choice: 'A' },
      { tracker: trackers.get(0)!, choice: { kind: 'blank' }, voter: 'x' },
      { choice: { kind: 'blank' } },
    ])
      expect(
        (await as(delegates[0]!).post(`/api/elections/${electionId}/ballots`, body).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
    expect(await snapshot(api)).toEqual(before);

    // A = 0, B = 1, C = 2, D = 3, E = 4. Valid ballots 4 (one blank): the majority is 3.
    const firstRound: Choice[] = [
      names(0, 1, 2),
      names(0, 1, 3),
      names(0, 1),
      names(2, 3, 4),
      { kind: 'blank' },
    ];
    // Voter 2 first marks only A, then changes their ballot with the same tracker.
    expect((await cast(2, names(0), trackers.get(2)!).expect(200)).body.status).toBe('cast');
    for (let i = 0; i < 5; i += 1) {
      const response = await cast(i, firstRound[i]!, trackers.get(i)!).expect(200);
      expect(response.body).toMatchObject({
        status: i === 2 ? 'replaced' : 'cast',
        tracker: trackers.get(i),
      });
    }
    // A retry answers as before; a second ballot without the tracker, or with another's, is refused.
    expect((await cast(0, firstRound[0]!, trackers.get(0)!.toLowerCase()).expect(200)).body.status).toBe(
      'repeat',
    );
    const stateBefore = await snapshot(api);
    expect((await cast(0, names(4), newTrackerCode()).expect(409)).body.code).toBe(
      'SECRET_BALLOT_ALREADY_CAST',
    );
    expect((await cast(5, names(4), trackers.get(0)!).expect(403)).body.code).toBe('NOT_ENTITLED_TO_VOTE');
    expect(await snapshot(api)).toEqual(stateBefore);

    const open = await api.http().get(`/api/elections/${electionId}`).expect(200);
    expect(open.body.rounds[0]).toMatchObject({ participationCount: 5, outcome: null });
    const participation = await api.http().get(`${rounds}/${first.id}/participation`).expect(200);
    expect(participation.body.entitled.filter((e: { hasVoted: boolean }) => e.hasVoted)).toHaveLength(5);
    const standing = (user: TestUser) =>
      api.http().get(`/api/elections/${electionId}/my-standing`).set(bearer(user));
    expect((await standing(delegates[0]!).expect(200)).body).toEqual({
      electionId,
      roundId: first.id,
      status: 'open',
      entitled: true,
      participated: true,
    });
    expect((await standing(delegates[5]!).expect(200)).body).toMatchObject({
      entitled: false,
      participated: false,
    });
    expect((await standing(admin).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    expect((await api.http().get(`${rounds}/${first.id}/ballots`).expect(409)).body.code).toBe(
      'ELECTION_NOT_CLOSED',
    );
    // While open, the box holds one sealed row per participant and nothing readable.
    const box: { sealed: Buffer }[] = await api.dataSource.query(
      `SELECT sealed FROM secret_ballot_box WHERE round_id = $1`,
      [first.id],
    );
    expect(box).toHaveLength(5);
    for (const row of box)
      for (const tracker of trackers.values()) expect(row.sealed.toString('latin1')).not.toContain(tracker);

    const closed = await as(moderator).post(`/api/elections/${electionId}/close`).expect(200);
    expect(closed.body.status).toBe('runoff_pending');
    const outcome = closed.body.rounds[0].outcome;
    expect(outcome.ballots).toEqual({ cast: 5, valid: 4, blank: 1, null: 0 });
    expect(outcome.threshold).toEqual({ kind: 'absolute_majority_of_valid', base: 4, required: 3 });
    expect(outcome.elected.map((e: { candidate: string }) => e.candidate).sort()).toEqual(
      [delegates[0]!.delegateId, delegates[1]!.delegateId].sort(),
    );
    const [publishedEvent]: { payload: { ballots: { tracker: string }[]; participants: string[] } }[] =
      await api.dataSource.query(`SELECT payload FROM ledger_events WHERE type = 'secret.ballots_published'`);
    expect(publishedEvent!.payload.ballots.map((b) => b.tracker)).toEqual([...trackers.values()].sort());
    expect(publishedEvent!.payload.participants).toEqual(
      delegates
        .slice(0, 5)
        .map((d) => d.delegateId)
        .sort(),
    );
    expect(outcome.runoff).toEqual({
      candidates: [delegates[2]!.delegateId, delegates[3]!.delegateId].sort(),
      seats: 1,
    });
    expect((await as(moderator).post(`/api/elections/${electionId}/close`).expect(409)).body.code).toBe(
      'VOTE_CLOSED',
    );

    // Published in tracker order, without voter or time; the box and the key are gone.
    const published = await api.http().get(`${rounds}/${first.id}/ballots`).expect(200);
    const publishedTrackers = published.body.ballots.map((b: { tracker: string }) => b.tracker);
    expect(publishedTrackers).toEqual([...trackers.values()].sort());
    expect(await countRows(api, 'secret_ballot_box')).toBe(0);
    const [key]: { ballot_key: Buffer | null }[] = await api.dataSource.query(
      `SELECT ballot_key FROM election_rounds WHERE id = $1`,
      [first.id],
    );
    expect(key!.ballot_key).toBeNull();
    // Each voter finds their tracker with their final choice.
    for (let i = 0; i < 5; i += 1) {
      const found = await api
        .http()
        .post(`/api/elections/${electionId}/find-ballot`)
        .send({ tracker: trackers.get(i)!.replace(/-/g, ' ').toLowerCase() })
        .expect(200);
      const expected = firstRound[i]!;
      expect(found.body).toEqual({
        found: true,
        tracker: trackers.get(i),
        roundId: first.id,
        choice:
          expected.kind === 'candidates'
            ? { kind: 'candidates', candidates: [...expected.candidates].sort() }
            : expected,
      });
    }
    expect(
      (
        await api
          .http()
          .post(`/api/elections/${electionId}/find-ballot`)
          .send({ tracker: 'nope' })
          .expect(200)
      ).body,
    ).toEqual({ found: false, reason: 'malformed' });
    expect(
      (
        await api
          .http()
          .post(`/api/elections/${electionId}/find-ballot`)
          .send({ tracker: newTrackerCode() })
          .expect(200)
      ).body,
    ).toEqual({ found: false, reason: 'absent' });
    // A retry after the close is answered from the published ballot.
    expect((await cast(1, firstRound[1]!, trackers.get(1)!).expect(200)).body.status).toBe('repeat');

    // The run-off, opened by the moderator like the first round.
    const runoffOpened = await as(moderator).post(rounds, { sessionId }).expect(201);
    const runoff = runoffOpened.body.rounds[1];
    expect(runoff).toMatchObject({ round: 'runoff', seats: 1, maxChoices: 1, status: 'open' });
    expect((await cast(0, names(0), newTrackerCode()).expect(400)).body.code).toBe(
      'ELECTION_CANDIDATE_UNKNOWN',
    );
    const runoffBallots = [names(2), names(3), names(2), names(2), names(3)];
    const runoffTrackers = runoffBallots.map(() => newTrackerCode());
    for (let i = 0; i < 5; i += 1) await cast(i, runoffBallots[i]!, runoffTrackers[i]!).expect(200);
    const decided = await as(moderator).post(`/api/elections/${electionId}/close`).expect(200);
    expect(decided.body.status).toBe('decided');
    // In plain words, with the candidates' names (seatDelegatesInBulk names them 'Delegado masivo N').
    const fullName = (i: number) =>
      decided.body.candidacies.find(
        (c: { candidateId: string }) => c.candidateId === delegates[i]!.delegateId,
      ).fullName as string;
    const plain = decided.body.outcomeExplanation.map((line: { es: string }) => line.es);
    const runoffIds: string[] = decided.body.rounds[0].outcome.runoff.candidates;
    const runoffNames = runoffIds.map((id) => fullName(delegates.findIndex((d) => d.delegateId === id)));
    expect([...runoffNames].sort()).toEqual([fullName(2), fullName(3)].sort());
    expect(plain).toContain(`Segunda vuelta por 1 puesto entre ${runoffNames.join(' y ')}.`);
    expect(plain).toContain(`${fullName(2)} es elegida/o por más votos en la segunda vuelta (3 votos).`);
    expect(plain.at(-1)).toMatch(/^Resultado: /);
    expect(decided.body.rounds[0].outcomeExplanation[1].es).toContain('es decir 3 votos');
    expect(decided.body.outcome.elected).toEqual([
      expect.objectContaining({ by: 'absolute_majority', support: 3 }),
      expect.objectContaining({ by: 'absolute_majority', support: 3 }),
      { candidate: delegates[2]!.delegateId, support: 3, by: 'runoff_most_votes' },
    ]);
    const runoffPublished = await api.http().get(`${rounds}/${runoff.id}/ballots`).expect(200);
    expect(runoffPublished.body.ballots.map((b: { tracker: string }) => b.tracker)).toEqual(
      [...runoffTrackers].sort(),
    );

    // Nothing links a delegate to a tracker: trackers appear only in the published lists.
    const withTracker: { type: string }[] = await api.dataSource.query(
      `SELECT DISTINCT type FROM ledger_events WHERE payload::text LIKE ANY ($1)`,
      [[...trackers.values(), ...runoffTrackers].map((t) => `%${t}%`)],
    );
    expect(withTracker.map((e) => e.type)).toEqual(['secret.ballots_published']);
    const columns: { column_name: string }[] = await api.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name IN ('secret_ballots', 'secret_ballot_box') ORDER BY 1`,
    );
    // No voter column: the owner tag is an HMAC under the round's key, dropped at the close.
    expect(columns.map((c) => c.column_name)).toEqual([
      'choice',
      'owner_tag',
      'round_id',
      'round_id',
      'sealed',
      'tracker',
      'tracker_lookup',
    ]);

    // The elected hold the secretariat from the term's start, with the moderator role, and lose it at its end.
    const offices = await api.http().get(`/api/offices?termId=${termId}`).expect(200);
    const elected = [0, 1, 2].map((i) => delegates[i]!);
    expect(offices.body.map((o: { holderId: string }) => o.holderId).sort()).toEqual(
      elected.map((d) => d.id).sort(),
    );
    expect(
      offices.body.every(
        (o: { electionId: string; positionId: string }) =>
          o.electionId === electionId && o.positionId === secretaryId,
      ),
    ).toBe(true);
    const roles = async (userId: string) =>
      (
        (await api.dataSource.query(`SELECT roles FROM users WHERE id = $1`, [userId])) as {
          roles: string[];
        }[]
      )[0]!.roles;
    const service = api.app.get(OfficesService);
    await service.applyChanges(new Date('2032-12-31T00:00:00Z'));
    for (const d of elected) expect(await roles(d.id)).toEqual(['delegate']);
    expect(await service.applyChanges(new Date(TERM.startsAt))).toEqual({ taken: 3, ended: 0 });
    for (const d of elected) expect((await roles(d.id)).sort()).toEqual(['delegate', 'moderator']);
    expect(await roles(delegates[3]!.id)).toEqual(['delegate']);
    expect(await service.applyChanges(new Date(TERM.endsAt))).toEqual({ taken: 0, ended: 3 });
    for (const d of elected) expect(await roles(d.id)).toEqual(['delegate']);
    const types: { type: string; n: number }[] = await api.dataSource.query(
      `SELECT type, count(*)::int AS n FROM ledger_events WHERE type IN ('election.opened', 'secret.participated', 'secret.ballots_published', 'election.decided', 'office.assigned', 'office.taken', 'office.ended') GROUP BY type ORDER BY type`,
    );
    expect(Object.fromEntries(types.map((t) => [t.type, t.n]))).toEqual({
      'election.decided': 1,
      'election.opened': 2,
      'office.assigned': 3,
      'office.ended': 3,
      'office.taken': 3,
      'secret.ballots_published': 2,
      'secret.participated': 10,
    });
  }, 60_000);

  it('refuses to open a round without quorum, with its code, and writes nothing', async () => {
    const called = await as(moderator)
      .post('/api/elections', { positionId: presidentId, termId, method: 'yes_no_abstain_per_candidate' })
      .expect(201);
    const id = called.body.id;
    await as(delegates[5]!).post(`/api/elections/${id}/candidacies`).expect(201);
    // A session nobody has checked in to yet.
    const empty = await openSession(api, moderator, 'Sesión sin quórum para elegir');
    const before = await countRows(api, 'election_rounds');
    const refused = await as(moderator).post(`/api/elections/${id}/rounds`, { sessionId: empty }).expect(409);
    expect(refused.body.code).toBe('NO_QUORUM');
    expect(await countRows(api, 'election_rounds')).toBe(before);
    expect((await api.http().get(`/api/elections/${id}`).expect(200)).body.rounds).toEqual([]);
    await as(moderator).post(`/api/sessions/${empty}/close`).expect(200);
  });

  it('closes a round at its deadline and refuses ballots after it', async () => {
    const called = await as(moderator)
      .post('/api/elections', { positionId: presidentId, termId, method: 'yes_no_abstain_per_candidate' })
      .expect(201);
    const id = called.body.id;
    await as(delegates[4]!).post(`/api/elections/${id}/candidacies`).expect(201);
    const opened = await as(moderator)
      .post(`/api/elections/${id}/rounds`, { sessionId, durationSeconds: 600 })
      .expect(201);
    const roundId = opened.body.rounds[0].id;
    const candidate = delegates[4]!.delegateId;
    await cast(0, { kind: 'marks', marks: { [candidate]: 'yes' } }, newTrackerCode(), id).expect(200);
    await cast(1, { kind: 'marks', marks: { [candidate]: 'no' } }, newTrackerCode(), id).expect(200);
    // Two first ballots under one tracker at the same moment: one is cast, the other told to draw anew.
    const shared = newTrackerCode();
    const racing = await Promise.all(
      [2, 3].map((i) => cast(i, { kind: 'marks', marks: { [candidate]: 'abstain' } }, shared, id)),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(racing.find((r) => r.status === 409)!.body.code).toBe('TRACKER_TAKEN');
    expect((await cast(2, { kind: 'marks', marks: {} }, newTrackerCode(), id).expect(400)).body.code).toBe(
      'ELECTION_MARK_MISSING',
    );
    await api.dataSource.query(
      `UPDATE election_rounds SET opened_at = now() - interval '1 hour', deadline = now() - interval '1 second' WHERE id = $1`,
      [roundId],
    );
    expect(
      (await cast(2, { kind: 'marks', marks: { [candidate]: 'yes' } }, newTrackerCode(), id).expect(409)).body
        .code,
    ).toBe('VOTE_CLOSED');
    await api.app.get(ElectionDeadlines).closeDue();
    const view = await api.http().get(`/api/elections/${id}`).expect(200);
    expect(view.body.rounds[0]).toMatchObject({ status: 'closed', closedBy: 'deadline' });
    // One yes of three valid ballots is not more than half: the seat is left vacant (no one else to run off against).
    expect(view.body.status).toBe('decided');
    expect(view.body.outcome).toMatchObject({ elected: [], vacant: 1 });
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
  }, 60_000);

  it('has the verifier recount every round and fail, naming the election, when a published ballot is altered', async () => {
    const clean = await api.http().get('/api/ledger/verify').expect(200);
    expect(clean.body).toMatchObject({ ok: true, electionRounds: 3, secretBallots: 13, electionsDecided: 2 });
    const [first]: { id: string }[] = await api.dataSource.query(
      `SELECT id FROM election_rounds WHERE election_id = $1 AND round = 'first'`,
      [electionId],
    );
    const tracker = trackers.get(4)!;
    await api.dataSource.query(
      `UPDATE secret_ballots SET choice = $3::jsonb WHERE round_id = $1 AND tracker = $2`,
      [first!.id, tracker, JSON.stringify(names(4))],
    );
    const verdict = await api.http().get('/api/ledger/verify').expect(200);
    expect(verdict.body.ok).toBe(false);
    expect(verdict.body.firstProblem).toMatchObject({ sequence: null, voteId: first!.id });
    expect(verdict.body.firstProblem.problem).toContain(
      `election ${electionId} (first round): ballot_altered`,
    );
    expect(verdict.body.firstProblem.problem).toContain(tracker);
  });
});
