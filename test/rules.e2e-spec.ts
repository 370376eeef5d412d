import { spawn } from 'node:child_process';
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
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/api/src/verify.js', '--url', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status: status ?? -1, stdout }));
  });
}

interface RulesBody {
  quorum: { numerator: number; denominator: number };
  cosponsorThreshold: number;
  speechSeconds: number;
  decisions: { kind: string; label: { es: string; en: string }; rule: string; moderatorMayChoose: boolean }[];
  minimumOpenSeconds: number;
  minimumTurnout: { numerator: number; denominator: number } | null;
  compliance: { defaultDeadlineDays: number; warningDays: number };
  secondFactorRoles?: string[];
}

const contentOf = (view: RulesBody & Record<string, unknown>): RulesBody => ({
  quorum: view.quorum,
  cosponsorThreshold: view.cosponsorThreshold,
  speechSeconds: view.speechSeconds,
  decisions: view.decisions,
  minimumOpenSeconds: view.minimumOpenSeconds,
  minimumTurnout: view.minimumTurnout,
  compliance: view.compliance,
  secondFactorRoles: view.secondFactorRoles,
});

describe('The reglamento as data: versions, votes under them, and the verifier', () => {
  let api: TestApi;
  let admin: TestUser;
  let moderator: TestUser;
  let author: TestUser;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let url: string;

  beforeAll(async () => {
    api = await startTestApi({
      COSPONSOR_THRESHOLD: '0',
      QUORUM: '1/2',
      SPEECH_SECONDS: '120',
      DEADLINE_LEAD_DAYS: '10',
    });
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    delegates = await seatDelegatesInBulk(api, 10);
    author = delegates[0]!;
    sessionId = await openSession(api, moderator);
    await checkIn(api, sessionId, delegates);
  }, 60_000);

  afterAll(() => api?.close());

  const current = async () => (await api.http().get('/api/rules').expect(200)).body;
  const change = (user: TestUser | null, body: unknown) => {
    const request = api.http().post('/api/rules/versions');
    return (user ? request.set(bearer(user)) : request).send(body as object);
  };

  it('starts at version 1, taken from the configuration and recorded, readable by anyone', async () => {
    const rules = await current();
    expect(rules).toMatchObject({
      version: 1,
      cosponsorThreshold: 0,
      quorum: { numerator: 1, denominator: 2 },
      speechSeconds: 120,
      minimumOpenSeconds: 0,
      minimumTurnout: null,
      compliance: { warningDays: 10, defaultDeadlineDays: 90 },
      timeZone: 'America/Lima',
      pending: [],
    });
    expect(rules.decisions.map((d: { kind: string }) => d.kind)).toEqual([
      'motion',
      'amendment',
      'procedural',
    ]);
    const versions = (await api.http().get('/api/rules/versions').expect(200)).body;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, adoptedBy: null });
    const record = (await api.http().get('/api/ledger?limit=500').expect(200)).body.events;
    const changed = record.filter((e: { type: string }) => e.type === 'rules.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ subject: 'rules:1', actor: null, payload: { version: 1 } });
    expect(changed[0].payload.rules).toEqual(contentOf(rules));
  });

  it('refuses changes from anyone but the secretariat, and bad rules with coded errors, writing nothing', async () => {
    const valid = { rules: contentOf(await current()) };
    const liaisonInstitution = (await api.http().get('/api/institutions').expect(200)).body[0];
    const liaison = await userWithRoles(api, ['liaison'], { institutionId: liaisonInstitution.id });
    expect((await change(null, valid).expect(401)).body.code).toBe('AUTH_REQUIRED');
    for (const user of [moderator, author, liaison])
      expect((await change(user, valid).expect(403)).body.code).toBe('FORBIDDEN_ROLE');

    const withoutMotion = { rules: { ...valid.rules, decisions: valid.rules.decisions.slice(1) } };
    const refused = await change(admin, withoutMotion).set('Accept-Language', 'es').expect(422);
    expect(refused.body).toMatchObject({ code: 'RULES_INVALID' });
    expect(refused.body.message).toMatch(/motion is missing/);
    const unknownField = { rules: { ...valid.rules, vetoPower: true } };
    expect((await change(admin, unknownField).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const badRule = {
      rules: { ...valid.rules, decisions: [{ ...valid.rules.decisions[0], rule: 'unanimity' }] },
    };
    expect((await change(admin, badRule).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const quorumOfAll = { rules: { ...valid.rules, quorum: { numerator: 3, denominator: 2 } } };
    expect((await change(admin, quorumOfAll).expect(422)).body.code).toBe('RULES_INVALID');
    const past = { ...valid, effectiveAt: '2020-01-01T00:00:00.000Z' };
    expect((await change(admin, past).expect(422)).body.code).toBe('RULES_EFFECTIVE_IN_PAST');
    const deep = { rules: { ...valid.rules, minimumTurnout: { numerator: 'half', denominator: 2 } } };
    expect((await change(admin, deep).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // Shapes that once reached the domain code and answered 500 (found by review).
    const { minimumTurnout: _omitted, ...withoutTurnout } = valid.rules;
    const label = valid.rules.decisions[0]!;
    for (const rules of [
      [],
      [valid.rules],
      withoutTurnout,
      { ...valid.rules, decisions: [{ ...label, label: [] }, ...valid.rules.decisions.slice(1)] },
      { ...valid.rules, quorum: [1, 2] },
    ])
      expect({ rules, code: (await change(admin, { rules }).expect(400)).body.code }).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    // Only a real instant with its offset: a week date, a bare day, a local time or 30 February are refused.
    for (const effectiveAt of [
      '2027-W01-1',
      '2027-01-01',
      '2027-01-01T00:00:00',
      '2027-02-30T00:00:00-05:00',
    ])
      expect({
        effectiveAt,
        code: (await change(admin, { ...valid, effectiveAt }).expect(400)).body.code,
      }).toEqual({
        effectiveAt,
        code: 'VALIDATION_FAILED',
      });
    expect((await api.http().get('/api/rules/versions/99').expect(404)).body.code).toBe(
      'RULES_VERSION_NOT_FOUND',
    );
    expect((await api.http().get('/api/rules/versions/uno').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await countRows(api, 'assembly_rules_versions')).toBe(1);
    expect((await current()).version).toBe(1);
  });

  it('a new version applies at once, is in the record with who adopted it, and the next vote uses it', async () => {
    const before = contentOf(await current());
    const strict: RulesBody = {
      ...before,
      cosponsorThreshold: 3,
      decisions: [
        ...before.decisions.map((d) =>
          d.kind === 'motion' ? { ...d, rule: 'absolute_present', moderatorMayChoose: false } : d,
        ),
        {
          kind: 'budget',
          label: { es: 'Presupuesto', en: 'Budget' },
          rule: 'two_thirds_members',
          moderatorMayChoose: false,
        },
      ],
      minimumOpenSeconds: 2,
    };
    const adopted = await change(admin, {
      rules: strict,
      note: 'Acuerdo de la sesión del 2 de diciembre',
    }).expect(201);
    expect(adopted.body).toMatchObject({
      version: 2,
      adoptedBy: { id: admin.id },
      note: 'Acuerdo de la sesión del 2 de diciembre',
    });
    const now = await current();
    expect(now).toMatchObject({ version: 2, cosponsorThreshold: 3 });
    const record = (await api.http().get('/api/ledger?limit=500').expect(200)).body.events;
    const second = record.find((e: { subject: string }) => e.subject === 'rules:2');
    expect(second).toMatchObject({ type: 'rules.changed', actor: `user:${admin.id}` });
    expect(second.payload.rules.cosponsorThreshold).toBe(3);

    // Filed before the change with no co-sponsor: admission now needs three.
    const draft = await api
      .http()
      .post('/api/motions')
      .set(bearer(author))
      .send({
        title: 'Moción bajo el nuevo umbral',
        body: 'Artículo 1. Texto.',
        objectiveCodes: ['SOC-SALUD-O4'],
      })
      .expect(201);
    await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
    const admit = await api
      .http()
      .post(`/api/motions/${draft.body.id}/admit`)
      .set(bearer(moderator))
      .expect(409);
    expect(admit.body).toMatchObject({ code: 'COSPONSOR_THRESHOLD_NOT_MET' });
    expect(admit.body.message).toMatch(/3/);

    // Back to no co-sponsors for the rest of the test, as version 3 (the motion rule stays fixed).
    await change(admin, { rules: { ...strict, cosponsorThreshold: 0 } }).expect(201);
    const motion = await admittedMotion(api, author, moderator, { title: 'Moción votada por la regla fija' });
    await debate(api, moderator, sessionId, motion.id);
    const chosen = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(409);
    expect(chosen.body).toMatchObject({ code: 'RULE_NOT_ALLOWED' });
    const amendmentKind = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ decision: 'amendment' })
      .expect(422);
    expect(amendmentKind.body.code).toBe('DECISION_KIND_MISMATCH');
    expect(await countRows(api, 'votes')).toBe(0);

    const vote = await openVote(api, moderator, sessionId, {});
    expect(vote).toMatchObject({ rule: 'absolute_present', rulesVersion: 3, decision: 'motion' });
    const opened = (await api.http().get('/api/ledger?limit=500').expect(200)).body.events.find(
      (e: { type: string; payload: { voteId?: string } }) =>
        e.type === 'vote.opened' && e.payload.voteId === vote.id,
    );
    expect(opened.payload).toMatchObject({ rulesVersion: 3, decision: 'motion', rule: 'absolute_present' });

    for (const d of delegates.slice(0, 6))
      await api
        .http()
        .post(`/api/votes/${vote.id}/ballots`)
        .set(bearer(d))
        .send({ choice: 'yes' })
        .expect(200);
    // Closing at once is refused with the seconds still to wait; nothing changes.
    const early = await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(409);
    expect(early.body.code).toBe('VOTE_CLOSE_TOO_EARLY');
    expect(early.body.message).toMatch(/[12] s/);
    expect((await api.http().get(`/api/votes/${vote.id}`).expect(200)).body.status).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const closed = await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(200);
    expect(closed.body.tally).toMatchObject({ rule: 'absolute_present', required: 6, outcome: 'adopted' });
  }, 60_000);

  it('a motion the Mesa qualified at admission as an added kind is counted by its rule, and only then', async () => {
    const file = async (title: string): Promise<string> => {
      const draft = await api
        .http()
        .post('/api/motions')
        .set(bearer(author))
        .send({ title, body: 'Artículo 1. Texto.', objectiveCodes: ['SOC-SALUD-O4'] })
        .expect(201);
      await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
      return draft.body.id;
    };
    const budgetId = await file('Presupuesto participativo 2027');
    const admit = (id: string, body: object) =>
      api.http().post(`/api/motions/${id}/admit`).set(bearer(moderator)).send(body);
    expect((await admit(budgetId, { decision: 'elecciones' }).expect(422)).body.code).toBe(
      'DECISION_KIND_UNKNOWN',
    );
    expect((await admit(budgetId, { decision: 'procedural' }).expect(422)).body.code).toBe(
      'DECISION_KIND_MISMATCH',
    );
    expect((await api.http().get(`/api/motions/${budgetId}`).expect(200)).body).toMatchObject({
      status: 'filed',
      decision: null,
    });
    const admitted = await admit(budgetId, { decision: 'budget' }).expect(200);
    expect(admitted.body).toMatchObject({ status: 'admitted', decision: 'budget' });
    const record = (await api.http().get('/api/ledger?limit=500').expect(200)).body.events;
    expect(
      record.find(
        (e: { type: string; subject: string }) =>
          e.type === 'motion.admitted' && e.subject === `motion:${budgetId}`,
      ).payload,
    ).toMatchObject({ decision: 'budget' });

    // An ordinary motion cannot be counted as the added kind when its vote opens (the review's bypass).
    const ordinary = await admittedMotion(api, author, moderator, {
      title: 'Moción ordinaria sin calificar',
    });
    const ordinaryItem = await debate(api, moderator, sessionId, ordinary.id);
    const bypass = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ decision: 'budget' })
      .expect(422);
    expect(bypass.body.code).toBe('DECISION_KIND_MISMATCH');
    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda/${ordinaryItem}/defer`)
      .set(bearer(moderator))
      .expect(200);

    await debate(api, moderator, sessionId, budgetId);
    const vote = await openVote(api, moderator, sessionId, {});
    expect(vote).toMatchObject({ rule: 'two_thirds_members', decision: 'budget' });
    for (const d of delegates.slice(0, 6))
      await api
        .http()
        .post(`/api/votes/${vote.id}/ballots`)
        .set(bearer(d))
        .send({ choice: 'yes' })
        .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const closed = await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(200);
    // Six yes of ten seated: two thirds of the members (7) are not reached.
    expect(closed.body.tally).toMatchObject({ required: 7, outcome: 'rejected' });
  }, 30_000);

  it('below the minimum turnout a vote is not adopted, and the tally says why', async () => {
    const rules = contentOf(await current());
    await change(admin, {
      rules: {
        ...rules,
        minimumOpenSeconds: 0,
        minimumTurnout: { numerator: 1, denominator: 2 },
        decisions: rules.decisions.map((d) => ({ ...d, rule: 'simple', moderatorMayChoose: true })),
      },
    }).expect(201);
    const motion = await admittedMotion(api, author, moderator, { title: 'Moción con poca participación' });
    await debate(api, moderator, sessionId, motion.id);
    const vote = await openVote(api, moderator, sessionId, {});
    for (const d of delegates.slice(0, 3))
      await api
        .http()
        .post(`/api/votes/${vote.id}/ballots`)
        .set(bearer(d))
        .send({ choice: 'yes' })
        .expect(200);
    const closed = await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(200);
    expect(closed.body.tally).toMatchObject({
      counts: { yes: 3, no: 0, abstain: 0, notVoted: 7 },
      outcome: 'rejected',
      reason: 'turnout_below_minimum',
      turnout: { cast: 3, required: 5 },
    });
    expect(closed.body.resolutionNumber).toBeNull();
    expect((await api.http().get(`/api/motions/${motion.id}`).expect(200)).body.status).toBe('rejected');
  }, 30_000);

  it('the Mesa cannot set a deadline shorter than the minimum open time', async () => {
    const rules = contentOf(await current());
    await change(admin, { rules: { ...rules, minimumOpenSeconds: 600 } }).expect(201);
    const motion = await admittedMotion(api, author, moderator, { title: 'Moción con plazo corto' });
    await debate(api, moderator, sessionId, motion.id);
    const votes = await countRows(api, 'votes');
    const short = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ durationSeconds: 60 })
      .expect(422);
    expect(short.body).toMatchObject({ code: 'VOTE_DEADLINE_TOO_SHORT' });
    expect(short.body.message).toMatch(/600 s/);
    expect(await countRows(api, 'votes')).toBe(votes);
  });

  it('a version adopted for later is pending until its time, then in force; one overridden before it applies is not pending', async () => {
    const rules = contentOf(await current());
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    const overridden = await change(admin, {
      rules: { ...rules, speechSeconds: 200 },
      effectiveAt: soon(4_000),
    }).expect(201);
    const pending = await change(admin, {
      rules: { ...rules, speechSeconds: 240 },
      effectiveAt: soon(3_000),
    }).expect(201);
    const now = await current();
    expect(now.speechSeconds).toBe(rules.speechSeconds);
    // The higher version is due first: the lower one can never apply, so it is not announced.
    expect(now.pending.map((p: { version: number }) => p.version)).toEqual([pending.body.version]);
    expect(overridden.body.version).toBe(pending.body.version - 1);
    await new Promise((resolve) => setTimeout(resolve, 4_300));
    const later = await current();
    expect(later).toMatchObject({ version: pending.body.version, speechSeconds: 240, pending: [] });
  }, 20_000);

  it('npm run verify recomputes every tally under the version its vote was opened with', async () => {
    const ok = await verifyCommand(url);
    expect(ok.stdout).toMatch(
      /^OK: 7 reglamento versions; 3 closed votes counted under the version they were opened with$/m,
    );
    expect(ok.status).toBe(0);
    const served = (await api.http().get('/api/ledger/verify').expect(200)).body;
    expect(served).toMatchObject({ ok: true, rulesVersions: 7, votesUnderRules: 3 });
  }, 60_000);
});
