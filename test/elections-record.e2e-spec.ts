import { randomUUID } from 'node:crypto';
import { lotKey, newTrackerCode } from '#domain';
import { parse } from 'csv-parse/sync';
import { DATASETS } from '../apps/api/src/open-data/open-data.columns.js';
import { bearer, checkIn, openSession } from './support/assembly.js';
import { pdfText } from './support/pdf.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

type Row = Record<string, unknown>;
type Choice = { kind: 'blank' } | { kind: 'null' } | { kind: 'candidates'; candidates: string[] };

const TERM = { label: 'Mesa 2034', startsAt: '2034-01-01T05:00:00.000Z', endsAt: '2035-01-01T05:00:00.000Z' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TRACKER = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
// An untranslated label or a raw value of the domain would show as one of these words.
const ENGLISH =
  /\b(open|opened|closed|pending|yes|abstain|moderator|deadline|null|undefined|NaN|blank|candidates|single_choice|approval_up_to_n|absolute_majority|runoff|tie_lot|lot|first)\b/i;

const count = (text: string, part: string) => text.split(part).length - 1;

describe('Elections in the record: the acta and the open data', () => {
  let api: TestApi;
  let admin: TestUser;
  let moderator: TestUser;
  // A second moderator who only runs the run-off: the acta's signatures must name them too.
  let runoffMesa: TestUser;
  let d: SeatedDelegate[];
  let sessionId: string;
  let electionId: string;
  let firstId: string;
  let runoffId: string;
  let openElectionId: string;
  let openRoundId: string;
  const names = [
    'Ana Chávez Huamán', // candidate
    'Beto Ñontol Ruiz', // candidate
    'Carla Díaz Vela', // candidate
    'Dora Pérez Quispe',
    'Elsa Rojas Silva',
    'Fidel Mendoza Torres',
    'Gloria Tello Alva', // checked in, never votes
    'Hugo Castillo León', // seated, absent
  ];
  const trackers = { first: [] as string[], runoff: [] as string[] };

  const post = (user: TestUser, path: string, body: object = {}) =>
    api.http().post(path).set(bearer(user)).send(body);
  const cast = (i: number, election: string, choice: Choice, tracker: string) =>
    post(d[i]!, `/api/elections/${election}/ballots`, { tracker, choice }).expect(200);
  const pick = (i: number): Choice => ({ kind: 'candidates', candidates: [d[i]!.delegateId] });
  const json = async (name: string) => (await api.http().get(`/api/open-data/${name}.json`).expect(200)).body;
  const csv = async (name: string) => {
    const res = await api.http().get(`/api/open-data/${name}.csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.split('\r\n')[0]).toBe(
      DATASETS[name as keyof typeof DATASETS].columns.map((c) => c.name).join(','),
    );
    return parse(res.text, { columns: true }) as Record<string, string>[];
  };

  beforeAll(async () => {
    // Jobs in the API process: the acta renders on its PDF thread.
    api = await startTestApi({ REDIS_URL: '' });
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    runoffMesa = await userWithRoles(api, ['moderator']);
    await api.dataSource.query(`UPDATE users SET display_name = 'Julia Tapia Mesa' WHERE id = $1`, [
      runoffMesa.id,
    ]);
    const provinces = ['0601', '0601', '0603', '0604', '0603', '0608', '0602', '0602'];
    d = [];
    for (const [i, fullName] of names.entries())
      d.push(await seatDelegate(api, { fullName, constituencyCode: provinces[i]! }));
    const president = await post(admin, '/api/positions', {
      body: 'mesa',
      rank: 'president',
      title: { es: 'Presidencia de la Mesa Directiva', en: 'Presidency' },
      seats: 1,
    }).expect(201);
    const vice = await post(admin, '/api/positions', {
      body: 'mesa',
      rank: 'vice_president',
      title: { es: 'Vicepresidencia', en: 'Vice-presidency' },
      seats: 2,
    }).expect(201);
    const termId: string = (await post(admin, '/api/terms', TERM).expect(201)).body.id;
    electionId = (
      await post(moderator, '/api/elections', {
        positionId: president.body.id,
        termId,
        method: 'single_choice',
        title: 'Presidencia de la Mesa 2034',
      }).expect(201)
    ).body.id;
    openElectionId = (
      await post(moderator, '/api/elections', {
        positionId: vice.body.id,
        termId,
        method: 'approval_up_to_n',
        title: 'Vicepresidencias 2034',
      }).expect(201)
    ).body.id;
    for (const i of [0, 1, 2]) {
      await post(d[i]!, `/api/elections/${electionId}/candidacies`).expect(201);
      await post(d[i]!, `/api/elections/${openElectionId}/candidacies`).expect(201);
    }
  }, 60_000);
  afterAll(() => api?.close());

  it('holds a first round and a run-off tied and decided by lot, then closes the session', async () => {
    sessionId = await openSession(api, moderator, 'Sesión de elección de la Presidencia');
    await checkIn(api, sessionId, d.slice(0, 7));
    const rounds = `/api/elections/${electionId}/rounds`;
    firstId = (await post(moderator, rounds, { sessionId }).expect(201)).body.rounds[0].id;
    // Ana 2, Beto 2, Carla 1, one blank; Gloria does not vote. Valid 5: the majority is 3, no one has it.
    const first: [number, Choice][] = [
      [0, pick(0)],
      [1, pick(1)],
      [2, pick(2)],
      [3, pick(0)],
      [4, pick(1)],
      [5, { kind: 'blank' }],
    ];
    for (const [i, choice] of first) {
      const tracker = newTrackerCode();
      trackers.first.push(tracker);
      await cast(i, electionId, choice, tracker);
    }
    const afterFirst = await post(moderator, `/api/elections/${electionId}/close`).expect(200);
    expect(afterFirst.body.status).toBe('runoff_pending');
    expect(afterFirst.body.rounds[0].outcome.runoff.candidates).toEqual(
      [d[0]!.delegateId, d[1]!.delegateId].sort(),
    );

    runoffId = (await post(runoffMesa, rounds, { sessionId }).expect(201)).body.rounds[1].id;
    // Ana 2, Beto 2 again, a blank and a spoiled ballot: tied in both rounds, so the lot decides.
    const runoff: [number, Choice][] = [
      [0, pick(0)],
      [1, pick(1)],
      [2, { kind: 'null' }],
      [3, pick(0)],
      [4, pick(1)],
      [5, { kind: 'blank' }],
    ];
    for (const [i, choice] of runoff) {
      const tracker = newTrackerCode();
      trackers.runoff.push(tracker);
      await cast(i, electionId, choice, tracker);
    }
    const decided = await post(runoffMesa, `/api/elections/${electionId}/close`).expect(200);
    expect(decided.body.status).toBe('decided');
    const seed: string = decided.body.rounds[1].outcome.ties[0].lot.seed;
    const winner = [0, 1].sort((a, b) =>
      lotKey(seed, d[a]!.delegateId) < lotKey(seed, d[b]!.delegateId) ? -1 : 1,
    )[0]!;
    expect(decided.body.outcome.elected).toEqual([
      { candidate: d[winner]!.delegateId, support: 2, by: 'tie_lot' },
    ]);
    await post(moderator, `/api/sessions/${sessionId}/close`).expect(200);
  }, 60_000);

  it('prints the election in the acta: figures, result by candidate, the lot, who voted, never how', async () => {
    const minutes = await pdfText(api, `/api/sessions/${sessionId}/minutes.pdf`, {
      keepAs: 'test-results/documents/acta-eleccion.pdf',
      timeoutMs: 20_000,
    });
    const start = minutes.indexOf('Elecciones 1. Elección: Presidencia de la Mesa 2034');
    const end = minutes.indexOf('Resoluciones emitidas');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const part = minutes.slice(start, end);
    const view = (await api.http().get(`/api/elections/${electionId}`).expect(200)).body;
    const winner = view.outcome.elected[0].candidate === d[0]!.delegateId ? 0 : 1;
    const loser = 1 - winner;

    expect(part).toContain('Cargo: Presidencia de la Mesa Directiva, 1 puesto; periodo Mesa 2034');
    expect(part).toContain(
      'Primera vuelta (votación secreta) Método: una sola candidatura por papeleta; 1 puesto; se admiten el voto en blanco y el nulo',
    );
    expect(count(part, 'Habilitados: 7 delegados (7 presentes de 8 miembros al abrir la votación)')).toBe(2);
    expect(count(part, 'Participación: 6 de 7 habilitados votaron')).toBe(2);
    expect(part).toContain('Papeletas: 6 (5 válidas, 1 en blanco, 0 nulas)');
    expect(part).toContain('Se requiere: 3 votos: mayoría absoluta, más de la mitad de 5 papeletas válidas');
    // Most votes first (equal votes in the order of the candidates' ids).
    const [a, b] = [0, 1].sort((x, y) => (d[x]!.delegateId < d[y]!.delegateId ? -1 : 1));
    expect(part).toContain(
      `Resultado por candidatura ${names[a!]} (Cajamarca): 2 votos. ${names[b!]} (Cajamarca): 2 votos. ${names[2]} (Celendín): 1 voto.`,
    );
    expect(part).toContain(`Segunda vuelta por 1 puesto entre`);
    expect(part).toContain('por 1 puesto: lo decide el sorteo.');
    expect(part).toContain('Segunda vuelta (votación secreta)');
    expect(part).toContain('Papeletas: 6 (4 válidas, 1 en blanco, 1 nula)');
    expect(part).toContain('Se requiere: más votos, con al menos uno');
    expect(part).toContain(
      `${names[winner]} (Cajamarca): 2 votos — elegida/o por empate decidido por sorteo.`,
    );
    expect(part).toContain(`${names[loser]} (Cajamarca): 2 votos.`);
    expect(part).toContain(`Semilla ${view.rounds[1].outcome.ties[0].lot.seed}`);
    for (const i of [0, 1])
      expect(part).toContain(`${view.rounds[1].outcome.ties[0].lot.keys[d[i]!.delegateId]} ${names[i]}`);
    expect(part).toContain(`Resultado de la elección: ${names[winner]}.`);
    // Who voted, by province and name; who was entitled and did not.
    expect(count(part, 'Votaron (6)')).toBe(2);
    expect(count(part, `No votaron (1) Cajabamba (1): ${names[6]}.`)).toBe(2);
    expect(count(part, 'Votación secreta: esta acta consigna quién votó, nunca qué votó cada persona.')).toBe(
      2,
    );
    for (const [roundId, list] of [
      [firstId, trackers.first],
      [runoffId, trackers.runoff],
    ] as const) {
      const [event]: { payload: { secretBallotsHash: string } }[] = await api.dataSource.query(
        `SELECT payload FROM ledger_events WHERE type = 'secret.ballots_published' AND subject = $1`,
        [`vote:${roundId}`],
      );
      expect(part).toContain(`Huella de las papeletas publicadas ${event!.payload.secretBallotsHash}`);
      for (const tracker of list) expect(minutes).not.toContain(tracker);
    }
    // A voter who is not a candidate is named only in the lists of who voted, once per round: never beside a
    // choice. No roll call, no tracker, no id, no English.
    for (const i of [3, 4, 5]) expect([names[i], count(part, names[i]!)]).toEqual([names[i], 2]);
    expect(part).not.toContain('Votación nominal');
    expect(part).not.toMatch(/A favor:|En contra:|Sin votar:/);
    expect(minutes).not.toMatch(TRACKER);
    expect(minutes).not.toMatch(UUID);
    expect(part.match(ENGLISH)).toBeNull();
    // Both who ran the session and who ran only the run-off sign for the Mesa.
    const signatures = minutes.slice(minutes.lastIndexOf('Mesa Directiva'));
    expect(signatures).toContain('Julia Tapia Mesa');
    expect(signatures).toContain('Prueba moderator');
  }, 60_000);

  it('publishes elections, candidates, ballots and participation as open data that match the API', async () => {
    // A second election's round left open, in another session: only its participation is public.
    const second = await openSession(api, moderator, 'Sesión de elección de las Vicepresidencias');
    await checkIn(api, second, d.slice(0, 5));
    openRoundId = (
      await post(moderator, `/api/elections/${openElectionId}/rounds`, { sessionId: second }).expect(201)
    ).body.rounds[0].id;
    const openTrackers = [newTrackerCode(), newTrackerCode()];
    await cast(
      0,
      openElectionId,
      { kind: 'candidates', candidates: [d[0]!.delegateId, d[2]!.delegateId] },
      openTrackers[0]!,
    );
    await cast(3, openElectionId, { kind: 'blank' }, openTrackers[1]!);

    const view = (await api.http().get(`/api/elections/${electionId}`).expect(200)).body;
    const openView = (await api.http().get(`/api/elections/${openElectionId}`).expect(200)).body;
    // The board and the projector read only their session's elections; an unknown filter or a bad id is a 400.
    const ids = async (query: string) =>
      ((await api.http().get(`/api/elections${query}`).expect(200)).body as { id: string }[]).map(
        (e) => e.id,
      );
    expect(await ids(`?sessionId=${sessionId}`)).toEqual([electionId]);
    expect(await ids(`?sessionId=${second.toUpperCase()}`)).toEqual([openElectionId]);
    expect(await ids(`?sessionId=${randomUUID()}`)).toEqual([]);
    expect((await ids('')).sort()).toEqual(expect.arrayContaining([electionId, openElectionId].sort()));
    for (const query of ['?sessionId=sesion-1', `?sessionId=${sessionId}&status=open`])
      expect((await api.http().get(`/api/elections${query}`).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    const rounds = [
      { election: view, round: view.rounds[0] },
      { election: view, round: view.rounds[1] },
      { election: openView, round: openView.rounds[0] },
    ];

    // elections: one row per round, in opening order.
    const elections = await json('elections');
    const electionsCsv = await csv('elections');
    expect(elections.rows.map((r: Row) => r.round_id)).toEqual([firstId, runoffId, openRoundId]);
    expect(electionsCsv.map((r) => r.round_id)).toEqual([firstId, runoffId, openRoundId]);
    for (const [i, { election, round }] of rounds.entries()) {
      const row = elections.rows[i];
      const outcome = round.outcome;
      const [published]: { payload: { secretBallotsHash: string; participationHash: string } }[] =
        await api.dataSource.query(
          `SELECT payload FROM ledger_events WHERE type = 'secret.ballots_published' AND subject = $1`,
          [`vote:${round.id}`],
        );
      expect(row).toMatchObject({
        election_id: election.id,
        election_title: election.title,
        round: round.round,
        method: round.method,
        seats: round.seats,
        status: round.status,
        session_id: round.sessionId,
        entitled_count: round.entitledCount,
        participation_count: round.participationCount,
        entitled_hash: round.entitledListHash,
        opened_at: round.openedAt,
        closed_at: round.closedAt,
        closed_by: round.closedBy,
        ballots_cast: outcome?.ballots.cast ?? null,
        ballots_valid: outcome?.ballots.valid ?? null,
        ballots_blank: outcome?.ballots.blank ?? null,
        ballots_null: outcome?.ballots.null ?? null,
        threshold_kind: outcome?.threshold.kind ?? null,
        required_votes: outcome?.threshold.required ?? null,
        elected_candidate_ids: outcome?.elected.map((e: { candidate: string }) => e.candidate) ?? [],
        runoff_candidate_ids: outcome?.runoff?.candidates ?? [],
        vacant_seats: outcome?.vacant ?? null,
        ballots_hash: published?.payload.secretBallotsHash ?? null,
        participation_hash: published?.payload.participationHash ?? null,
      });
      expect(electionsCsv[i]).toMatchObject({
        participation_count: String(round.participationCount),
        ballots_cast: outcome ? String(outcome.ballots.cast) : '',
        elected_candidate_ids: (outcome?.elected.map((e: { candidate: string }) => e.candidate) ?? []).join(
          ';',
        ),
      });
    }
    expect(elections.rows[0]).toMatchObject({
      position_title: 'Presidencia de la Mesa Directiva',
      position_body: 'mesa',
      commission: null,
      term_label: 'Mesa 2034',
      election_status: 'decided',
      tie_decisions: [],
      elected_candidate_ids: [],
      participation_count: 6,
      entitled_count: 7,
    });
    const elected = view.outcome.elected[0].candidate;
    expect(elections.rows[1]).toMatchObject({
      tie_decisions: ['lot'],
      elected_names: [names[d.findIndex((x) => x.delegateId === elected)]],
    });
    expect(elections.rows[2]).toMatchObject({ status: 'open', participation_count: 2, ballots_hash: null });

    // election_candidates: per round and candidate, the outcome's counts.
    const candidates = await json('election_candidates');
    expect(await csv('election_candidates')).toHaveLength(candidates.count);
    for (const { round } of rounds) {
      const rows = candidates.rows.filter((r: Row) => r.round_id === round.id);
      if (!round.outcome) {
        expect(rows.map((r: Row) => r.candidate_delegate_id).sort()).toEqual([...round.candidates].sort());
        for (const row of rows) expect(row).toMatchObject({ votes: null, elected: null, to_runoff: null });
        continue;
      }
      expect(
        rows.map((r: Row) => [r.candidate_delegate_id, r.votes, r.elected, r.elected_by, r.to_runoff]),
      ).toEqual(
        round.outcome.candidates.map((c: { candidate: string; support: number }) => {
          const seat = round.outcome.elected.find((e: { candidate: string }) => e.candidate === c.candidate);
          return [
            c.candidate,
            c.support,
            Boolean(seat),
            seat?.by ?? null,
            round.round === 'first' ? (round.outcome.runoff?.candidates ?? []).includes(c.candidate) : null,
          ];
        }),
      );
    }

    // secret_ballots: exactly the published lists, in tracker order; no open round; no voter column.
    const ballots = await json('secret_ballots');
    const ballotsCsv = await csv('secret_ballots');
    expect(
      DATASETS.secret_ballots.columns
        .map((c) => c.name)
        .filter((n) => /delegate|name|constituency|cast_at|time/.test(n)),
    ).toEqual([]);
    expect(Object.keys(ballots.rows[0])).toEqual(DATASETS.secret_ballots.columns.map((c) => c.name));
    expect(ballots.rows.some((r: Row) => r.round_id === openRoundId)).toBe(false);
    expect(JSON.stringify(ballots)).not.toContain(openTrackers[0]);
    for (const [roundId, cast] of [
      [firstId, trackers.first],
      [runoffId, trackers.runoff],
    ] as const) {
      const published = (
        await api.http().get(`/api/elections/${electionId}/rounds/${roundId}/ballots`).expect(200)
      ).body.ballots as { tracker: string; choice: { kind: string; candidates?: string[] } }[];
      expect(published.map((b) => b.tracker)).toEqual([...cast].sort());
      const rows = ballots.rows.filter((r: Row) => r.round_id === roundId);
      expect(
        rows.map((r: Row) => [r.tracker, r.choice_kind, r.candidate_ids, JSON.parse(r.choice as string)]),
      ).toEqual(published.map((b) => [b.tracker, b.choice.kind, b.choice.candidates ?? [], b.choice]));
      expect(
        ballotsCsv.filter((r) => r.round_id === roundId).map((r) => [r.tracker, r.candidate_ids]),
      ).toEqual(published.map((b) => [b.tracker, (b.choice.candidates ?? []).join(';')]));
    }
    expect(ballots.count).toBe(trackers.first.length + trackers.runoff.length);

    // secret_participation: who of the entitled voted, as the API lists it; never a choice or a tracker.
    const participation = await json('secret_participation');
    const participationCsv = await csv('secret_participation');
    expect(
      DATASETS.secret_participation.columns
        .map((c) => c.name)
        .filter((n) => /choice|tracker|mark|candidate/.test(n)),
    ).toEqual([]);
    for (const { election, round } of rounds) {
      const api_ = (
        await api.http().get(`/api/elections/${election.id}/rounds/${round.id}/participation`).expect(200)
      ).body.entitled as { delegateId: string; fullName: string; hasVoted: boolean }[];
      const rows = participation.rows.filter((r: Row) => r.round_id === round.id);
      expect(rows.map((r: Row) => [r.delegate_id, r.delegate_name, r.participated])).toEqual(
        api_.map((e) => [e.delegateId, e.fullName, e.hasVoted]),
      );
      expect(
        participationCsv.filter((r) => r.round_id === round.id).map((r) => [r.delegate_id, r.participated]),
      ).toEqual(api_.map((e) => [e.delegateId, String(e.hasVoted)]));
      expect(rows.filter((r: Row) => r.participated)).toHaveLength(round.participationCount);
    }
    const everyTracker = [...trackers.first, ...trackers.runoff, ...openTrackers];
    const participationText = JSON.stringify(participation);
    for (const tracker of everyTracker) expect(participationText).not.toContain(tracker);

    // The dump carries the four datasets too.
    const catalogue = (await api.http().get('/api/open-data').expect(200)).body;
    expect(catalogue.datasets.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['elections', 'election_candidates', 'secret_ballots', 'secret_participation']),
    );
  }, 60_000);
});
