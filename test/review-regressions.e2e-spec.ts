import {
  motionState,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type SeatedDelegate,
  type TestUser,
} from './support/test-api.js';

/** Defects found in review, pinned so they stay fixed. */
describe('Review regressions', () => {
  let api: TestApi;
  let author: SeatedDelegate;
  let second: SeatedDelegate;
  let third: SeatedDelegate;
  let moderator: TestUser;
  const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const motion = {
    title: 'Moción de regresión',
    body: 'Artículo 1. Texto original.',
    objectiveCodes: ['SOC-SALUD-O1'],
  };

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '2' });
    author = await seatDelegate(api);
    second = await seatDelegate(api);
    third = await seatDelegate(api);
    moderator = await userWithRoles(api, ['moderator']);
  });
  afterAll(() => api.close());

  async function filedAndAdmitted(): Promise<string> {
    const draft = await api.http().post('/api/motions').set(bearer(author)).send(motion).expect(201);
    await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
    await api.http().post(`/api/motions/${draft.body.id}/cosponsors`).set(bearer(second)).expect(200);
    await api.http().post(`/api/motions/${draft.body.id}/cosponsors`).set(bearer(third)).expect(200);
    await api.http().post(`/api/motions/${draft.body.id}/admit`).set(bearer(moderator)).expect(200);
    return draft.body.id;
  }

  it('a withdrawn draft stays private', async () => {
    const draft = await api
      .http()
      .post('/api/motions')
      .set(bearer(author))
      .send({ ...motion, title: 'Borrador secreto' })
      .expect(201);
    await api.http().post(`/api/motions/${draft.body.id}/withdraw`).set(bearer(author)).expect(200);
    await api.http().get(`/api/motions/${draft.body.id}`).expect(404);
    const listed = await api.http().get('/api/motions?status=withdrawn').expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).not.toContain(draft.body.id);
    await api.http().get(`/api/motions/${draft.body.id}`).set(bearer(author)).expect(200);
  });

  it('an amendment cannot be admitted once its parent is withdrawn', async () => {
    const parentId = await filedAndAdmitted();
    const amendment = await api
      .http()
      .post('/api/motions')
      .set(bearer(second))
      .send({
        ...motion,
        title: 'Enmienda huérfana',
        parentId,
        changes: [{ op: 'append', text: 'Artículo 2.' }],
      })
      .expect(201);
    await api.http().post(`/api/motions/${amendment.body.id}/file`).set(bearer(second)).expect(200);
    await api.http().post(`/api/motions/${amendment.body.id}/cosponsors`).set(bearer(author)).expect(200);
    await api.http().post(`/api/motions/${amendment.body.id}/cosponsors`).set(bearer(third)).expect(200);
    await api.http().post(`/api/motions/${parentId}/withdraw`).set(bearer(author)).expect(200);
    const before = await motionState(api);
    expect(
      (await api.http().post(`/api/motions/${amendment.body.id}/admit`).set(bearer(moderator)).expect(409))
        .body.code,
    ).toBe('PARENT_NOT_AMENDABLE');
    expect(await motionState(api)).toBe(before);
  });

  it('co-sponsors who no longer sit do not count toward admission', async () => {
    const draft = await api.http().post('/api/motions').set(bearer(author)).send(motion).expect(201);
    await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
    await api.http().post(`/api/motions/${draft.body.id}/cosponsors`).set(bearer(second)).expect(200);
    const leaving = await seatDelegate(api);
    await api.http().post(`/api/motions/${draft.body.id}/cosponsors`).set(bearer(leaving)).expect(200);
    await api.dataSource.query(`UPDATE delegates SET status = 'ceased' WHERE id = $1`, [leaving.delegateId]);
    const refused = await api
      .http()
      .post(`/api/motions/${draft.body.id}/admit`)
      .set(bearer(moderator))
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'COSPONSOR_THRESHOLD_NOT_MET' });
    expect(refused.body.message).toContain('1 copatrocinio');
  });

  it.each([
    [
      'null amendment changes',
      () =>
        api
          .http()
          .post('/api/motions')
          .set(bearer(author))
          .send({ ...motion, changes: null }),
    ],
    [
      'a NUL character in a title',
      () =>
        api
          .http()
          .post('/api/motions')
          .set(bearer(author))
          .send({ ...motion, title: 'Título\u0000raro' }),
    ],
    ['a NUL character in a search', () => api.http().get('/api/motions').query({ q: 'a\u0000b' })],
    ['a NUL character in a delegate search', () => api.http().get('/api/delegates').query({ q: 'a\u0000b' })],
    [
      'a search cursor out of range',
      () =>
        api
          .http()
          .get('/api/motions')
          .query({
            q: 'salud',
            cursor: Buffer.from(JSON.stringify([1e300, '00000000-0000-4000-8000-000000000000'])).toString(
              'base64url',
            ),
          }),
    ],
    ['a ledger position beyond bigint', () => api.http().get('/api/ledger?after=9223372036854775808')],
  ])('answers %s with a 4xx, not a 5xx, changing nothing', async (_what, call) => {
    const before = await motionState(api);
    const response = await call();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(typeof response.body.code).toBe('string');
    expect(await motionState(api)).toBe(before);
  });

  it('a stale token does not lock anyone out of public reading', async () => {
    await api.http().get('/api/motions').set('Authorization', 'Bearer expired.or.bad').expect(200);
    await api.http().get('/api/plan/objectives').set('Authorization', 'Bearer garbage').expect(200);
    expect(
      (await api.http().post('/api/motions').set('Authorization', 'Bearer garbage').send(motion).expect(401))
        .body.code,
    ).toBe('TOKEN_INVALID');
  });
});
