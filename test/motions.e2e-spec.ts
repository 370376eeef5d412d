import { applyAdoptedAmendment, inTransaction } from '#application';
import { verifyStoredLedger } from '#persistence';
import {
  motionState,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type SeatedDelegate,
  type TestUser,
} from './support/test-api.js';

describe('Motions: drafting, filing, co-sponsorship, admission, amendments', () => {
  let api: TestApi;
  let author: SeatedDelegate;
  let other: SeatedDelegate;
  let third: SeatedDelegate;
  let moderator: TestUser;
  const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const base = {
    title: 'Ambulancias para las redes de salud de Celendín',
    body: 'Artículo 1. Adquirir dos ambulancias para la red de salud de Celendín.',
    rationale: 'La red no cuenta con transporte de emergencia.',
    objectiveCodes: ['SOC-SALUD-O2'],
    institutionCodes: ['DIRESA'],
    complianceDeadline: '2099-06-30',
  };

  async function draft(by: SeatedDelegate, overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await api
      .http()
      .post('/api/motions')
      .set(bearer(by))
      .send({ ...base, ...overrides })
      .expect(201);
    return response.body.id;
  }
  async function filed(
    by: SeatedDelegate,
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; number: string }> {
    const id = await draft(by, overrides);
    const response = await api.http().post(`/api/motions/${id}/file`).set(bearer(by)).expect(200);
    return { id, number: response.body.number };
  }
  async function admitted(by: SeatedDelegate): Promise<string> {
    const { id } = await filed(by);
    await api
      .http()
      .post(`/api/motions/${id}/cosponsors`)
      .set(bearer(other.delegateId === by.delegateId ? author : other))
      .expect(200);
    await api.http().post(`/api/motions/${id}/cosponsors`).set(bearer(third)).expect(200);
    await api.http().post(`/api/motions/${id}/admit`).set(bearer(moderator)).expect(200);
    return id;
  }

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '2' });
    author = await seatDelegate(api, { constituencyCode: '0603', fullName: 'Rosa Huamán' });
    other = await seatDelegate(api, { constituencyCode: '0608' });
    third = await seatDelegate(api);
    moderator = await userWithRoles(api, ['moderator']);
  });
  afterAll(() => api.close());

  it('drafts privately, edits the draft, files it with a number and records the filing', async () => {
    const id = await draft(author);
    await api.http().get(`/api/motions/${id}`).expect(404);
    await api.http().get(`/api/motions/${id}`).set(bearer(other)).expect(404);
    const mine = await api.http().get('/api/motions?status=draft').set(bearer(author)).expect(200);
    expect(mine.body.items.map((m: { id: string }) => m.id)).toContain(id);
    const publicList = await api.http().get('/api/motions').expect(200);
    expect(publicList.body.items.map((m: { id: string }) => m.id)).not.toContain(id);

    const edited = await api
      .http()
      .patch(`/api/motions/${id}`)
      .set(bearer(author))
      .send({
        title: 'Ambulancias para Celendín y San Marcos',
        objectiveCodes: ['SOC-SALUD-O2', 'SOC-SALUD-O6'],
      })
      .expect(200);
    expect(edited.body).toMatchObject({
      title: 'Ambulancias para Celendín y San Marcos',
      objectives: ['SOC-SALUD-O2', 'SOC-SALUD-O6'],
      status: 'draft',
      number: null,
    });

    const filedMotion = await api.http().post(`/api/motions/${id}/file`).set(bearer(author)).expect(200);
    const year = new Date().getUTCFullYear();
    expect(filedMotion.body).toMatchObject({
      status: 'filed',
      currentVersion: 1,
      institutions: ['DIRESA'],
      author: { delegateId: author.delegateId, constituency: { name: 'Celendín' } },
    });
    expect(filedMotion.body.number).toMatch(new RegExp(`^MOC-${year}-\\d{4}$`));
    expect(filedMotion.body.versions).toHaveLength(1);
    expect(filedMotion.body.history.map((e: { type: string }) => e.type)).toEqual(['motion.filed']);
    expect(filedMotion.body.history[0].payload).toMatchObject({
      number: filedMotion.body.number,
      title: 'Ambulancias para Celendín y San Marcos',
      objectives: ['SOC-SALUD-O2', 'SOC-SALUD-O6'],
    });
    const byNumber = await api
      .http()
      .get(`/api/motions/${filedMotion.body.number.toLowerCase()}`)
      .expect(200);
    expect(byNumber.body.id).toBe(id);
  });

  it('refuses to file without a plan objective, with an unknown objective or institution, or a past deadline', async () => {
    const id = await draft(author, { objectiveCodes: [] });
    const before = await motionState(api);
    expect((await api.http().post(`/api/motions/${id}/file`).set(bearer(author)).expect(422)).body.code).toBe(
      'MOTION_NEEDS_OBJECTIVE',
    );
    expect(await motionState(api)).toBe(before);
    expect(
      (
        await api
          .http()
          .post('/api/motions')
          .set(bearer(author))
          .send({ ...base, objectiveCodes: ['SOC-SALUD-O99'] })
          .expect(422)
      ).body.code,
    ).toBe('OBJECTIVE_UNKNOWN');
    expect(
      (
        await api
          .http()
          .post('/api/motions')
          .set(bearer(author))
          .send({ ...base, institutionCodes: ['NOPE'] })
          .expect(422)
      ).body.code,
    ).toBe('INSTITUTION_UNKNOWN');
    expect(
      (
        await api
          .http()
          .post('/api/motions')
          .set(bearer(author))
          .send({ ...base, complianceDeadline: '2020-01-01' })
          .expect(422)
      ).body.code,
    ).toBe('DEADLINE_IN_PAST');
    expect(await motionState(api)).toBe(before);
  });

  it('50 concurrent filings get 50 distinct consecutive numbers, and the record verifies', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        draft(i % 2 ? author : other, { title: `Moción concurrente número ${i}` }),
      ),
    );
    const responses = await Promise.all(
      ids.map((id, i) =>
        api
          .http()
          .post(`/api/motions/${id}/file`)
          .set(bearer(i % 2 ? author : other)),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const sequences = responses.map((r) => Number(r.body.number.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(50);
    expect(sequences[49]! - sequences[0]!).toBe(49);
    const verdict = await verifyStoredLedger(api.dataSource);
    expect(verdict.ok).toBe(true);
    const [{ max }] = await api.dataSource.query(`SELECT max(sequence)::int AS max FROM motions`);
    expect(max).toBe(sequences[49]);
  });

  it('20 concurrent co-sponsorships by one delegate leave exactly one, with one event; withdrawing works once', async () => {
    const { id } = await filed(author);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api.http().post(`/api/motions/${id}/cosponsors`).set(bearer(other))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((r) => r.body.changed).length).toBe(1);
    expect(
      await api.dataSource.query(`SELECT count(*)::int AS n FROM motion_cosponsors WHERE motion_id = $1`, [
        id,
      ]),
    ).toEqual([{ n: 1 }]);
    expect(
      await api.dataSource.query(
        `SELECT count(*)::int AS n FROM ledger_events WHERE subject = $1 AND type = 'motion.cosponsored'`,
        [`motion:${id}`],
      ),
    ).toEqual([{ n: 1 }]);
    expect((await verifyStoredLedger(api.dataSource)).ok).toBe(true);
    expect(
      (await api.http().delete(`/api/motions/${id}/cosponsors`).set(bearer(other)).expect(200)).body,
    ).toEqual({ changed: true });
    expect(
      (await api.http().delete(`/api/motions/${id}/cosponsors`).set(bearer(other)).expect(200)).body,
    ).toEqual({ changed: false });
  });

  it('admits only with the co-sponsor threshold; declares inadmissible with a reason', async () => {
    const { id } = await filed(author);
    await api.http().post(`/api/motions/${id}/cosponsors`).set(bearer(other)).expect(200);
    const before = await motionState(api);
    const short = await api.http().post(`/api/motions/${id}/admit`).set(bearer(moderator)).expect(409);
    expect(short.body).toMatchObject({
      code: 'COSPONSOR_THRESHOLD_NOT_MET',
      message: 'La moción tiene 1 copatrocinio(s); se requieren 2 para admitirla.',
    });
    expect(await motionState(api)).toBe(before);
    await api.http().post(`/api/motions/${id}/cosponsors`).set(bearer(third)).expect(200);
    const ok = await api.http().post(`/api/motions/${id}/admit`).set(bearer(moderator)).expect(200);
    expect(ok.body.status).toBe('admitted');
    expect(ok.body.cosponsors.map((c: { delegateId: string }) => c.delegateId).sort()).toEqual(
      [other.delegateId, third.delegateId].sort(),
    );
    expect(ok.body.history.map((e: { type: string }) => e.type)).toEqual([
      'motion.filed',
      'motion.cosponsored',
      'motion.cosponsored',
      'motion.admitted',
    ]);

    const second = await filed(author);
    const refused = await api
      .http()
      .post(`/api/motions/${second.id}/inadmissible`)
      .set(bearer(moderator))
      .send({ reason: 'Excede las competencias del Gobierno Regional.' })
      .expect(200);
    expect(refused.body).toMatchObject({
      status: 'inadmissible',
      inadmissibleReason: 'Excede las competencias del Gobierno Regional.',
    });
  });

  describe('every denial changes no row and appends no event', () => {
    let filedId: string;
    let admittedId: string;
    let draftId: string;
    let suspended: SeatedDelegate;
    let ceased: SeatedDelegate;
    let noDelegate: TestUser;

    beforeAll(async () => {
      filedId = (await filed(author)).id;
      admittedId = await admitted(author);
      draftId = await draft(author);
      suspended = await seatDelegate(api, { status: 'suspended' });
      ceased = await seatDelegate(api, { status: 'ceased' });
      noDelegate = await userWithRoles(api, ['delegate']);
    });

    type Call = () => PromiseLike<{ status: number; body: { code: string } }>;
    const cases: () => [string, Call, number, string][] = () => [
      [
        'a moderator files a motion',
        () => api.http().post('/api/motions').set(bearer(moderator)).send(base),
        403,
        'FORBIDDEN_ROLE',
      ],
      [
        'a delegate admits',
        () => api.http().post(`/api/motions/${filedId}/admit`).set(bearer(other)),
        403,
        'FORBIDDEN_ROLE',
      ],
      [
        'a delegate declares inadmissible',
        () =>
          api
            .http()
            .post(`/api/motions/${filedId}/inadmissible`)
            .set(bearer(other))
            .send({ reason: 'No me gusta nada.' }),
        403,
        'FORBIDDEN_ROLE',
      ],
      [
        'the public co-sponsors',
        () => api.http().post(`/api/motions/${filedId}/cosponsors`),
        401,
        'AUTH_REQUIRED',
      ],
      [
        'not the author withdraws',
        () => api.http().post(`/api/motions/${filedId}/withdraw`).set(bearer(other)),
        403,
        'NOT_MOTION_AUTHOR',
      ],
      [
        "another delegate's draft is edited",
        () =>
          api
            .http()
            .patch(`/api/motions/${draftId}`)
            .set(bearer(other))
            .send({ title: 'Título cambiado por otro' }),
        404,
        'MOTION_NOT_FOUND',
      ],
      [
        "another delegate's draft is filed",
        () => api.http().post(`/api/motions/${draftId}/file`).set(bearer(other)),
        404,
        'MOTION_NOT_FOUND',
      ],
      [
        'a suspended delegate drafts',
        () => api.http().post('/api/motions').set(bearer(suspended)).send(base),
        403,
        'DELEGATE_NOT_ACTIVE',
      ],
      [
        'a suspended delegate co-sponsors',
        () => api.http().post(`/api/motions/${filedId}/cosponsors`).set(bearer(suspended)),
        403,
        'DELEGATE_NOT_ACTIVE',
      ],
      [
        'a ceased delegate co-sponsors',
        () => api.http().post(`/api/motions/${filedId}/cosponsors`).set(bearer(ceased)),
        403,
        'DELEGATE_NOT_ACTIVE',
      ],
      [
        'an account with the role but no seat drafts',
        () => api.http().post('/api/motions').set(bearer(noDelegate)).send(base),
        403,
        'DELEGATE_NOT_ACTIVE',
      ],
      [
        'a filed motion is edited',
        () =>
          api
            .http()
            .patch(`/api/motions/${filedId}`)
            .set(bearer(author))
            .send({ title: 'Cambio tras presentar' }),
        409,
        'MOTION_TRANSITION_INVALID',
      ],
      [
        'a motion is filed twice',
        () => api.http().post(`/api/motions/${filedId}/file`).set(bearer(author)),
        409,
        'MOTION_TRANSITION_INVALID',
      ],
      [
        'an admitted motion is co-sponsored',
        () => api.http().post(`/api/motions/${admittedId}/cosponsors`).set(bearer(third)),
        409,
        'MOTION_TRANSITION_INVALID',
      ],
      [
        'an admitted motion is admitted again',
        () => api.http().post(`/api/motions/${admittedId}/admit`).set(bearer(moderator)),
        409,
        'MOTION_TRANSITION_INVALID',
      ],
      [
        'a draft is admitted',
        () => api.http().post(`/api/motions/${draftId}/admit`).set(bearer(moderator)),
        404,
        'MOTION_NOT_FOUND',
      ],
      [
        'the author co-sponsors their own motion',
        () => api.http().post(`/api/motions/${filedId}/cosponsors`).set(bearer(author)),
        409,
        'CANNOT_COSPONSOR_OWN',
      ],
      [
        'an amendment targets a motion still only filed',
        () =>
          api
            .http()
            .post('/api/motions')
            .set(bearer(other))
            .send({ ...base, parentId: filedId, changes: [{ op: 'append', text: 'Artículo 2.' }] }),
        409,
        'PARENT_NOT_AMENDABLE',
      ],
      [
        'an amendment changes a passage the parent does not have',
        () =>
          api
            .http()
            .post('/api/motions')
            .set(bearer(other))
            .send({
              ...base,
              parentId: admittedId,
              changes: [{ op: 'replace', find: 'texto inexistente', text: 'x' }],
            }),
        422,
        'AMENDMENT_CONFLICT',
      ],
      [
        'an amendment without changes',
        () =>
          api
            .http()
            .post('/api/motions')
            .set(bearer(other))
            .send({ ...base, parentId: admittedId }),
        422,
        'AMENDMENT_FIELDS_INVALID',
      ],
      [
        'an unknown field is sent',
        () =>
          api
            .http()
            .post('/api/motions')
            .set(bearer(author))
            .send({ ...base, status: 'adopted' }),
        400,
        'VALIDATION_FAILED',
      ],
    ];

    it('for each refusal: the right code, the same database and record afterwards', async () => {
      for (const [what, call, status, code] of cases()) {
        const before = await motionState(api);
        const response = await call();
        expect({ what, status: response.status, code: response.body.code }).toEqual({ what, status, code });
        expect({ what, unchanged: (await motionState(api)) === before }).toEqual({ what, unchanged: true });
      }
    });

    it('withdrawing after the vote opened is refused; before, the author may withdraw', async () => {
      const { id } = await filed(author);
      await api.dataSource.query(`UPDATE motions SET status = 'voting' WHERE id = $1`, [id]);
      const before = await motionState(api);
      expect(
        (await api.http().post(`/api/motions/${id}/withdraw`).set(bearer(author)).expect(409)).body.code,
      ).toBe('MOTION_TRANSITION_INVALID');
      expect(await motionState(api)).toBe(before);
      const withdrawn = await api
        .http()
        .post(`/api/motions/${filedId}/withdraw`)
        .set(bearer(author))
        .expect(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      expect(withdrawn.body.history.at(-1).type).toBe('motion.withdrawn');
    });
  });

  it('files an amendment against an admitted motion; once adopted it yields version 2 with a diff', async () => {
    const parentId = await admitted(author);
    const amendmentId = await draft(other, {
      title: 'Enmienda: tres ambulancias',
      parentId,
      changes: [{ op: 'replace', find: 'dos ambulancias', text: 'tres ambulancias' }],
    });
    const amendment = await api
      .http()
      .post(`/api/motions/${amendmentId}/file`)
      .set(bearer(other))
      .expect(200);
    expect(amendment.body).toMatchObject({ kind: 'amendment', parentId, status: 'filed' });
    expect(amendment.body.history[0].payload).toMatchObject({
      kind: 'amendment',
      amendmentChanges: [{ op: 'replace', find: 'dos ambulancias', text: 'tres ambulancias' }],
    });

    // Votes arrive in a later issue: mark the amendment adopted as a vote would, then apply it.
    await api.dataSource.query(`UPDATE motions SET status = 'adopted' WHERE id = $1`, [amendmentId]);
    const { result: version } = await inTransaction(api.dataSource, (uow) =>
      applyAdoptedAmendment(uow, amendmentId, 'user:test'),
    );
    expect(version).toBe(2);
    const parent = await api.http().get(`/api/motions/${parentId}`).expect(200);
    expect(parent.body.body).toBe('Artículo 1. Adquirir tres ambulancias para la red de salud de Celendín.');
    expect(parent.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(parent.body.versions[0].body).toBe(base.body);
    const changed = parent.body.versions[1].diff.body.filter((part: { op: string }) => part.op !== 'equal');
    expect(changed).toEqual([
      { op: 'delete', text: 'dos' },
      { op: 'insert', text: 'tres' },
    ]);
    expect(parent.body.amendments.map((a: { id: string }) => a.id)).toEqual([amendmentId]);
    expect(parent.body.history.at(-1)).toMatchObject({
      type: 'motion.amended',
      payload: { version: 2, amendmentId },
    });
    expect((await verifyStoredLedger(api.dataSource)).ok).toBe(true);
  });
});
