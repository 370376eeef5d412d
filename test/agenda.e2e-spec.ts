import {
  motionState,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

describe('Session lifecycle and agenda', () => {
  let api: TestApi;
  let moderator: TestUser;
  let author: SeatedDelegate;
  let sessionId: string;
  const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  async function motion(status: 'filed' | 'admitted'): Promise<string> {
    const draft = await api
      .http()
      .post('/api/motions')
      .set(bearer(author))
      .send({
        title: `Moción para la agenda (${status})`,
        body: 'Artículo único.',
        objectiveCodes: ['ECO-AGRARIO-O1'],
      })
      .expect(201);
    await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
    if (status === 'admitted')
      await api.http().post(`/api/motions/${draft.body.id}/admit`).set(bearer(moderator)).expect(200);
    return draft.body.id;
  }
  const motionStatus = async (id: string) =>
    (await api.http().get(`/api/motions/${id}`).expect(200)).body.status;

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    moderator = await userWithRoles(api, ['moderator']);
    author = await seatDelegate(api);
    const session = await api
      .http()
      .post('/api/sessions')
      .set(bearer(moderator))
      .send({
        kind: 'ordinary',
        title: 'Sesión de agenda',
        scheduledAt: '2026-12-05T15:00:00Z',
        place: 'Cajamarca',
      })
      .expect(201);
    sessionId = session.body.session.id;
  });
  afterAll(() => api.close());

  it('schedules admitted motions only, in order, and refuses malformed items', async () => {
    const admitted = await motion('admitted');
    const filed = await motion('filed');
    const before = await motionState(api);
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/agenda`)
          .set(bearer(moderator))
          .send({ kind: 'motion', motionId: filed })
          .expect(409)
      ).body.code,
    ).toBe('MOTION_TRANSITION_INVALID');
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/agenda`)
          .set(bearer(moderator))
          .send({ kind: 'report' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/agenda`)
          .set(bearer(moderator))
          .send({ kind: 'amendment', motionId: admitted })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(await motionState(api)).toBe(before);

    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ kind: 'report', title: 'Informe de la Secretaría Técnica' })
      .expect(201);
    const withMotion = await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ kind: 'motion', motionId: admitted })
      .expect(201);
    expect(
      withMotion.body.agenda.map((i: { position: number; kind: string }) => [i.position, i.kind]),
    ).toEqual([
      [1, 'report'],
      [2, 'motion'],
    ]);
    expect(withMotion.body.agenda[1].title).toMatch(/^MOC-\d{4}-\d{4} · Moción para la agenda/);
    expect(await motionStatus(admitted)).toBe('scheduled');
    // The same motion cannot sit twice on live agenda items.
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/agenda`)
          .set(bearer(moderator))
          .send({ kind: 'motion', motionId: admitted })
          .expect(409)
      ).body.code,
    ).toBe('MOTION_TRANSITION_INVALID');
  });

  it('reorders (every item exactly once) and removes a pending item, sending its motion back to admitted', async () => {
    const current = (await api.http().get(`/api/sessions/${sessionId}`).expect(200)).body.agenda as {
      id: string;
      motionId: string | null;
    }[];
    expect(
      (
        await api
          .http()
          .patch(`/api/sessions/${sessionId}/agenda`)
          .set(bearer(moderator))
          .send({ itemIds: [current[0]!.id] })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    const reordered = await api
      .http()
      .patch(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ itemIds: [current[1]!.id, current[0]!.id] })
      .expect(200);
    expect(reordered.body.agenda.map((i: { id: string }) => i.id)).toEqual([current[1]!.id, current[0]!.id]);
    const removed = await api
      .http()
      .delete(`/api/sessions/${sessionId}/agenda/${current[1]!.id}`)
      .set(bearer(moderator))
      .expect(200);
    expect(removed.body.agenda.map((i: { id: string; position: number }) => [i.id, i.position])).toEqual([
      [current[0]!.id, 1],
    ]);
    expect(await motionStatus(current[1]!.motionId!)).toBe('admitted');
  });

  it('runs the session: items start and finish only while open; suspend, resume and close are recorded', async () => {
    const item = (await api.http().get(`/api/sessions/${sessionId}`).expect(200)).body.agenda[0].id as string;
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/agenda/${item}/start`)
          .set(bearer(moderator))
          .expect(409)
      ).body.code,
    ).toBe('SESSION_NOT_OPEN');
    await api.http().post(`/api/sessions/${sessionId}/open`).set(bearer(moderator)).expect(200);
    const started = await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda/${item}/start`)
      .set(bearer(moderator))
      .expect(200);
    expect(started.body.session.currentItemId).toBe(item);
    expect(
      (
        await api
          .http()
          .delete(`/api/sessions/${sessionId}/agenda/${item}`)
          .set(bearer(moderator))
          .expect(409)
      ).body.code,
    ).toBe('SESSION_TRANSITION_INVALID');
    const finished = await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda/${item}/finish`)
      .set(bearer(moderator))
      .expect(200);
    expect(finished.body.agenda[0].status).toBe('done');
    expect(finished.body.session.currentItemId).toBeNull();
    await api.http().post(`/api/sessions/${sessionId}/suspend`).set(bearer(moderator)).expect(200);
    expect(
      (await api.http().post(`/api/sessions/${sessionId}/suspend`).set(bearer(moderator)).expect(409)).body
        .code,
    ).toBe('SESSION_TRANSITION_INVALID');
    await api.http().post(`/api/sessions/${sessionId}/resume`).set(bearer(moderator)).expect(200);
    const closed = await api
      .http()
      .post(`/api/sessions/${sessionId}/close`)
      .set(bearer(moderator))
      .expect(200);
    expect(closed.body.session).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const recorded: { type: string }[] = await api.dataSource.query(
      `SELECT type FROM ledger_events WHERE subject = $1 ORDER BY sequence`,
      [`session:${sessionId}`],
    );
    expect(recorded.map((r) => r.type)).toEqual([
      'session.scheduled',
      'agenda.changed',
      'agenda.changed',
      'agenda.changed',
      'agenda.changed',
      'session.opened',
      'agenda.item_started',
      'agenda.item_finished',
      'session.suspended',
      'session.resumed',
      'session.closed',
    ]);
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
  });
});
