import { randomUUID } from 'node:crypto';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import {
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

interface DelegateVote {
  voteId: string;
  choice: string | null;
  motionNumber: string | null;
  outcome: string;
  question: string;
  closedAt: string;
}

describe('Public record: sessions, delegates, the plan and institutions (no login)', () => {
  let api: TestApi;
  let moderator: TestUser;
  let a: SeatedDelegate;
  let b: SeatedDelegate;
  let c: SeatedDelegate;
  let earlierSessionId: string;
  let sessionId: string;
  let adopted: { id: string; number: string };
  let rejected: { id: string; number: string };
  let pending: { id: string; number: string };
  let adoptedVote: string;
  let rejectedVote: string;
  let openVote: string;
  let resolutionNumber: string;
  let speechId: string;

  const get = (path: string) => api.http().get(path);
  const cast = (delegate: TestUser, voteId: string, choice: string) =>
    api.http().post(`/api/votes/${voteId}/ballots`).set(bearer(delegate)).send({ choice }).expect(200);
  const openVoteNow = async () =>
    (
      await api
        .http()
        .post(`/api/sessions/${sessionId}/votes`)
        .set(bearer(moderator))
        .send({ rule: 'simple' })
        .expect(201)
    ).body.id as string;
  const close = (voteId: string) =>
    api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    moderator = await userWithRoles(api, ['moderator']);
    [a, b, c] = (await seatDelegatesInBulk(api, 3)) as [SeatedDelegate, SeatedDelegate, SeatedDelegate];

    // An earlier session that only `a` attended, and one that was never opened (it does not count).
    earlierSessionId = await openSession(api, moderator, 'Sesión ordinaria de octubre');
    await checkIn(api, earlierSessionId, [a]);
    await api.http().post(`/api/sessions/${earlierSessionId}/close`).set(bearer(moderator)).expect(200);
    await api
      .http()
      .post('/api/sessions')
      .set(bearer(moderator))
      .send({ kind: 'ordinary', title: 'Sesión futura', scheduledAt: '2027-01-15T15:00:00Z', place: 'Jaén' })
      .expect(201);

    // Today's session: a and b present, c recorded absent by the moderator (3 seats: quorum 2).
    sessionId = await openSession(api, moderator, 'Sesión ordinaria de noviembre');
    await checkIn(api, sessionId, [a, b]);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance/${c.delegateId}`)
      .set(bearer(moderator))
      .send({ present: false })
      .expect(200);

    adopted = await admittedMotion(api, a, moderator, {
      title: 'Ambulancias para Celendín',
      institutionCodes: ['DIRESA', 'HRDC'],
      complianceDeadline: '2027-06-30',
    });
    rejected = await admittedMotion(api, b, moderator, { title: 'Moción que no prospera' });
    pending = await admittedMotion(api, a, moderator, { title: 'Moción aún en votación' });
    // A draft is private: it never shows in an objective's record.
    await api
      .http()
      .post('/api/motions')
      .set(bearer(c))
      .send({
        title: 'Borrador sin presentar',
        body: 'Texto del borrador.',
        objectiveCodes: ['SOC-SALUD-O4'],
      })
      .expect(201);

    // First item: b speaks in favour, then a and b adopt it.
    await debate(api, moderator, sessionId, adopted.id);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor`)
      .set(bearer(b))
      .send({ stance: 'pro' })
      .expect(200);
    speechId = (
      await api
        .http()
        .post(`/api/sessions/${sessionId}/floor/give`)
        .set(bearer(moderator))
        .send({})
        .expect(200)
    ).body.id;
    await api.http().post(`/api/sessions/${sessionId}/floor/end`).set(bearer(moderator)).expect(204);
    adoptedVote = await openVoteNow();
    await cast(a, adoptedVote, 'yes');
    await cast(b, adoptedVote, 'yes');
    resolutionNumber = (await close(adoptedVote)).body.resolutionNumber;
    expect(resolutionNumber).toMatch(/^RES-APR-\d{4}-0001$/);

    // Second item: a votes no, b does not vote: rejected.
    await debate(api, moderator, sessionId, rejected.id);
    rejectedVote = await openVoteNow();
    await cast(a, rejectedVote, 'no');
    expect((await close(rejectedVote)).body.tally.outcome).toBe('rejected');

    // Third item: still being voted; a's ballot is not public yet.
    await debate(api, moderator, sessionId, pending.id);
    openVote = await openVoteNow();
    await cast(a, openVote, 'abstain');

    // Compliance for the resolution's institutions (the code that creates these rows may already have).
    await api.dataSource.query(
      `INSERT INTO compliance (resolution_id, institution_id, status, progress, deadline)
       SELECT resolution_id, institution_id, 'in_progress', 40, '2027-06-30' FROM resolution_institutions
       ON CONFLICT DO NOTHING`,
    );
    await api.dataSource.query(
      `UPDATE compliance SET status = 'in_progress', progress = 40, deadline = '2027-06-30', fulfilled_at = NULL`,
    );
    await api.dataSource.query(
      `UPDATE compliance c SET status = 'fulfilled', progress = 100, fulfilled_at = now()
       FROM institutions i WHERE i.id = c.institution_id AND i.code = 'HRDC'`,
    );
  });
  afterAll(() => api.close());

  it("a session's record: attendance with quorum, agenda, speeches, votes (ballots once closed) and resolutions", async () => {
    const { body } = await get(`/api/sessions/${sessionId}/record`).expect(200);
    expect(body.session).toMatchObject({
      id: sessionId,
      title: 'Sesión ordinaria de noviembre',
      status: 'open',
      closedAt: null,
    });
    expect(body.session.openedAt).not.toBeNull();
    expect(body.attendance.quorum).toEqual({ seated: 3, present: 2, required: 2, hasQuorum: true });
    const attendance = Object.fromEntries(
      body.attendance.delegates.map((d: { delegateId: string }) => [d.delegateId, d]),
    );
    expect(body.attendance.delegates).toHaveLength(3);
    expect(attendance[a.delegateId]).toMatchObject({
      present: true,
      recordedBy: 'moderator',
      constituency: 'Cajamarca',
    });
    expect(attendance[b.delegateId]).toMatchObject({ present: true, constituency: 'Cajabamba' });
    expect(attendance[c.delegateId]).toMatchObject({ present: false, recordedBy: 'moderator' });

    expect(body.agenda).toEqual([
      expect.objectContaining({
        position: 1,
        kind: 'motion',
        motionId: adopted.id,
        motionNumber: adopted.number,
        status: 'done',
      }),
      expect.objectContaining({
        position: 2,
        motionId: rejected.id,
        motionNumber: rejected.number,
        status: 'done',
      }),
      expect.objectContaining({
        position: 3,
        motionId: pending.id,
        motionNumber: pending.number,
        status: 'voting',
      }),
    ]);
    expect(body.speeches).toHaveLength(1);
    expect(body.speeches[0]).toMatchObject({
      id: speechId,
      itemId: body.agenda[0].id,
      delegateId: b.delegateId,
      stance: 'pro',
      endedBy: 'moderator',
    });
    expect(body.speeches[0].requestedAt).not.toBeNull();
    expect(Date.parse(body.speeches[0].endedAt)).toBeGreaterThanOrEqual(
      Date.parse(body.speeches[0].startedAt),
    );

    expect(body.votes.map((v: { id: string }) => v.id)).toEqual([adoptedVote, rejectedVote, openVote]);
    const [first, second, third] = body.votes;
    expect(first).toMatchObject({ status: 'closed', resolutionNumber, tally: { outcome: 'adopted' } });
    expect(
      first.ballots.map((x: { delegateId: string; choice: string }) => [x.delegateId, x.choice]).sort(),
    ).toEqual(
      [
        [a.delegateId, 'yes'],
        [b.delegateId, 'yes'],
      ].sort(),
    );
    expect(second).toMatchObject({ status: 'closed', tally: { outcome: 'rejected' } });
    expect(second.ballots).toEqual([expect.objectContaining({ delegateId: a.delegateId, choice: 'no' })]);
    expect(third).toMatchObject({ status: 'open', castCount: 1, ballots: null, tally: null });

    expect(body.resolutions).toEqual([
      expect.objectContaining({
        number: resolutionNumber,
        motionId: adopted.id,
        voteId: adoptedVote,
        complianceDeadline: '2027-06-30',
      }),
    ]);
  });

  it('a closed earlier session keeps its own record', async () => {
    const { body } = await get(`/api/sessions/${earlierSessionId}/record`).expect(200);
    expect(body.session).toMatchObject({ status: 'closed', title: 'Sesión ordinaria de octubre' });
    expect(body.session.closedAt).not.toBeNull();
    expect(body.attendance.delegates.map((d: { delegateId: string }) => d.delegateId)).toEqual([
      a.delegateId,
    ]);
    expect(body).toMatchObject({ agenda: [], speeches: [], votes: [], resolutions: [] });
  });

  it("a delegate's record: attendance rate over opened sessions and ballots on closed votes only", async () => {
    const recordOf = async (d: SeatedDelegate) =>
      (await get(`/api/delegates/${d.delegateId}/record`).expect(200)).body;

    const ofA = await recordOf(a);
    expect(ofA.delegate).toMatchObject({
      id: a.delegateId,
      constituency: { code: '0601', name: 'Cajamarca' },
      status: 'active',
      alternateOf: null,
    });
    expect(ofA.attendance).toMatchObject({ openedSessions: 2, present: 2, absent: 0, rate: 1 });
    // Newest first; the open vote (where a abstained) is not there.
    expect(ofA.votes.map((v: DelegateVote) => [v.voteId, v.choice, v.motionNumber, v.outcome])).toEqual([
      [rejectedVote, 'no', rejected.number, 'rejected'],
      [adoptedVote, 'yes', adopted.number, 'adopted'],
    ]);
    expect(ofA.votes[1]).toMatchObject({ resolutionNumber, sessionId, onBehalfOf: null });
    expect(typeof ofA.votes[0].question).toBe('string');
    expect(ofA.votes[0].closedAt).not.toBeNull();
    expect(JSON.stringify(ofA)).not.toContain(openVote);
    expect(JSON.stringify(ofA)).not.toContain('"choice":"abstain"');
    expect(ofA.votingSummary).toEqual({
      entitled: 2,
      cast: 2,
      notVoted: 0,
      yes: 1,
      no: 1,
      abstain: 0,
      participationRate: 1,
    });

    const ofB = await recordOf(b);
    expect(ofB.attendance).toMatchObject({ openedSessions: 2, present: 1, absent: 1, rate: 0.5 });
    expect(
      ofB.attendance.sessions.map((s: { sessionId: string; present: boolean }) => [s.sessionId, s.present]),
    ).toEqual([
      [sessionId, true],
      [earlierSessionId, false],
    ]);
    expect(ofB.votes.map((v: DelegateVote) => [v.voteId, v.choice])).toEqual([
      [rejectedVote, null],
      [adoptedVote, 'yes'],
    ]);
    expect(ofB.votingSummary).toMatchObject({ entitled: 2, cast: 1, notVoted: 1, participationRate: 0.5 });

    const ofC = await recordOf(c);
    expect(ofC.attendance).toMatchObject({ openedSessions: 2, present: 0, rate: 0 });
    expect(ofC.votes).toEqual([]);
    expect(ofC.votingSummary).toMatchObject({ entitled: 0, participationRate: null });
  });

  it("an objective's accountability: filed motions, resolutions with compliance per institution, and how far it is served", async () => {
    const { body } = await get('/api/plan/objectives/soc-salud-o4/accountability').expect(200);
    expect(body.objective).toMatchObject({
      code: 'SOC-SALUD-O4',
      theme: { code: 'SOC-SALUD' },
      dimension: { code: 'SOC' },
    });
    expect(body.motions.map((m: { number: string; status: string }) => [m.number, m.status])).toEqual([
      [adopted.number, 'adopted'],
      [rejected.number, 'rejected'],
      [pending.number, 'voting'],
    ]);
    expect(body.motions[0].author).toEqual({ delegateId: a.delegateId, name: expect.any(String) });
    expect(body.resolutions).toHaveLength(1);
    expect(body.resolutions[0]).toMatchObject({
      number: resolutionNumber,
      motionId: adopted.id,
      sessionId,
      status: 'in_progress',
      progress: 70,
      compliance: [
        {
          institution: { code: 'DIRESA' },
          status: 'in_progress',
          progress: 40,
          deadline: '2027-06-30',
          lastReportedAt: null,
        },
        { institution: { code: 'HRDC' }, status: 'fulfilled', progress: 100, deadline: '2027-06-30' },
      ],
    });
    const summary = {
      motions: 3,
      motionsByStatus: { adopted: 1, rejected: 1, voting: 1 },
      resolutions: 1,
      resolutionsByStatus: { pending: 0, in_progress: 1, fulfilled: 0, overdue: 0 },
      untrackedResolutions: 0,
      obligations: 2,
      obligationsByStatus: { pending: 0, in_progress: 1, fulfilled: 1, overdue: 0 },
      overdue: 0,
      fulfilledRate: 0.5,
      meanProgress: 70,
    };
    expect(body.summary).toEqual(summary);

    const dimension = (await get('/api/plan/dimensions/SOC/accountability').expect(200)).body;
    expect(dimension.dimension).toMatchObject({ code: 'SOC' });
    expect(dimension.summary).toEqual(summary);
    const objective = dimension.objectives.find((o: { code: string }) => o.code === 'SOC-SALUD-O4');
    expect(objective.summary).toEqual(summary);
    const untouched = dimension.objectives.find((o: { code: string }) => o.code !== 'SOC-SALUD-O4');
    expect(untouched.summary).toMatchObject({
      motions: 0,
      resolutions: 0,
      meanProgress: null,
      fulfilledRate: null,
    });
    const other = (await get('/api/plan/dimensions/ECO/accountability').expect(200)).body;
    expect(other.summary).toMatchObject({ motions: 0, resolutions: 0 });

    // The whole plan at a glance agrees with each dimension's, objective's and institution's own view.
    const overview = (await get('/api/plan/accountability').expect(200)).body;
    expect(overview.summary).toEqual(summary);
    expect(overview.dimensions.find((d: { code: string }) => d.code === 'SOC').summary).toEqual(summary);
    expect(overview.dimensions.find((d: { code: string }) => d.code === 'ECO').summary).toEqual(
      other.summary,
    );
    const catalogue = (await get('/api/plan').expect(200)).body;
    const codes = catalogue.dimensions.flatMap((d: { themes: { objectives: { code: string }[] }[] }) =>
      d.themes.flatMap((t) => t.objectives.map((o) => o.code)),
    );
    expect(overview.objectives.map((o: { code: string }) => o.code).sort()).toEqual([...codes].sort());
    expect(overview.objectives.find((o: { code: string }) => o.code === 'SOC-SALUD-O4')).toEqual({
      code: 'SOC-SALUD-O4',
      dimensionCode: 'SOC',
      summary,
    });
    expect(
      overview.objectives.filter((o: { summary: { motions: number } }) => o.summary.motions > 0),
    ).toHaveLength(1);
    const institutions = Object.fromEntries(
      overview.institutions.map((i: { code: string; summary: unknown }) => [i.code, i.summary]),
    );
    expect(Object.keys(institutions)).toEqual(['DIRESA', 'HRDC']);
    for (const code of ['DIRESA', 'HRDC'])
      expect(institutions[code]).toEqual(
        (await get(`/api/institutions/${code}/accountability`).expect(200)).body.summary,
      );
  });

  it("an institution's accountability: what binds it and how it is doing", async () => {
    const diresa = (await get('/api/institutions/DIRESA/accountability').expect(200)).body;
    expect(diresa.institution).toMatchObject({ code: 'DIRESA', kind: 'directorate', active: true });
    expect(diresa.resolutions).toEqual([
      expect.objectContaining({
        number: resolutionNumber,
        objectives: ['SOC-SALUD-O4'],
        status: 'in_progress',
        progress: 40,
        deadline: '2027-06-30',
        lastReportedAt: null,
        reports: 0,
        fulfilledAt: null,
      }),
    ]);
    expect(diresa.summary).toEqual({
      resolutions: 1,
      resolutionsByStatus: { pending: 0, in_progress: 1, fulfilled: 0, overdue: 0 },
      untrackedResolutions: 0,
      obligations: 1,
      obligationsByStatus: { pending: 0, in_progress: 1, fulfilled: 0, overdue: 0 },
      overdue: 0,
      fulfilledRate: 0,
      meanProgress: 40,
    });
    const hrdc = (await get('/api/institutions/HRDC/accountability').expect(200)).body;
    expect(hrdc.resolutions[0]).toMatchObject({ status: 'fulfilled', progress: 100 });
    expect(hrdc.resolutions[0].fulfilledAt).not.toBeNull();
    expect(hrdc.summary).toMatchObject({ obligations: 1, fulfilledRate: 1, meanProgress: 100 });
    const dre = (await get('/api/institutions/DRE/accountability').expect(200)).body;
    expect(dre).toMatchObject({
      resolutions: [],
      summary: { resolutions: 0, fulfilledRate: null, meanProgress: null },
    });

    // Past its deadline the obligation is overdue, and so is the resolution as a whole.
    await api.dataSource.query(
      `UPDATE compliance c SET status = 'overdue' FROM institutions i WHERE i.id = c.institution_id AND i.code = 'DIRESA'`,
    );
    expect((await get('/api/institutions/DIRESA/accountability').expect(200)).body.summary).toMatchObject({
      overdue: 1,
      obligationsByStatus: { overdue: 1, in_progress: 0 },
    });
    const objective = (await get('/api/plan/objectives/SOC-SALUD-O4/accountability').expect(200)).body;
    expect(objective.resolutions[0].status).toBe('overdue');
    expect(objective.summary).toMatchObject({
      resolutionsByStatus: { overdue: 1, in_progress: 0 },
      overdue: 1,
      fulfilledRate: 0.5,
    });
  });

  it('unknown ids and codes are 404 with their code; malformed ids are 400', async () => {
    const missing: [string, string][] = [
      [`/api/sessions/${randomUUID()}/record`, 'SESSION_NOT_FOUND'],
      [`/api/delegates/${randomUUID()}/record`, 'DELEGATE_NOT_FOUND'],
      ['/api/plan/objectives/SOC-SALUD-O99/accountability', 'PLAN_OBJECTIVE_NOT_FOUND'],
      ['/api/plan/dimensions/XYZ/accountability', 'PLAN_DIMENSION_NOT_FOUND'],
      ['/api/institutions/NO-EXISTE/accountability', 'INSTITUTION_NOT_FOUND'],
    ];
    for (const [path, code] of missing) {
      expect((await get(path).expect(404)).body.code).toBe(code);
    }
    for (const path of ['/api/sessions/not-a-uuid/record', '/api/delegates/1234/record']) {
      expect((await get(path).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
  });
});
