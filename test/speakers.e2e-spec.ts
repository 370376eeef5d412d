import type { LiveAck, LiveEnvelope, SpeechView } from '#contracts';
import { collect, connect, join, urlOf, type Client } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type SeatedDelegate,
  type TestUser,
} from './support/test-api.js';

describe('Speakers list and speeches, over HTTP and socket.io', () => {
  let api: TestApi;
  let moderator: TestUser;
  let first: SeatedDelegate;
  let second: SeatedDelegate;
  let orderly: SeatedDelegate;
  let absent: SeatedDelegate;
  let sessionId: string;
  let itemId: string;
  const sockets: Client[] = [];
  const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
  const floorRequest = (socket: Client, stance: string, extra: object = {}) =>
    socket.timeout(5000).emitWithAck('floor.request', { sessionId, stance, ...extra } as never) as Promise<
      LiveAck<{ requestId: string }>
    >;

  beforeAll(async () => {
    api = await startTestApi({ SPEECH_SECONDS: '1', COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    moderator = await userWithRoles(api, ['moderator']);
    [first, second, orderly, absent] = [
      await seatDelegate(api),
      await seatDelegate(api),
      await seatDelegate(api),
      await seatDelegate(api),
    ];
    const draft = await api
      .http()
      .post('/api/motions')
      .set(bearer(first))
      .send({ title: 'Moción en debate', body: 'Artículo único.', objectiveCodes: ['SOC-SALUD-O1'] })
      .expect(201);
    await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(first)).expect(200);
    await api.http().post(`/api/motions/${draft.body.id}/admit`).set(bearer(moderator)).expect(200);
    const session = await api
      .http()
      .post('/api/sessions')
      .set(bearer(moderator))
      .send({
        kind: 'ordinary',
        title: 'Sesión con debate',
        scheduledAt: '2026-12-05T15:00:00Z',
        place: 'Cajamarca',
      })
      .expect(201);
    sessionId = session.body.session.id;
    const agenda = await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ kind: 'motion', motionId: draft.body.id })
      .expect(201);
    itemId = agenda.body.agenda[0].id;
    await api.http().post(`/api/sessions/${sessionId}/open`).set(bearer(moderator)).expect(200);
    for (const delegate of [first, second, orderly]) {
      await api
        .http()
        .post(`/api/sessions/${sessionId}/attendance`)
        .set(bearer(delegate))
        .send({ present: true })
        .expect(200);
    }
    const started = await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda/${itemId}/start`)
      .set(bearer(moderator))
      .expect(200);
    expect(started.body.session.currentItemId).toBe(itemId);
    expect((await api.http().get(`/api/motions/${draft.body.id}`).expect(200)).body.status).toBe('debating');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api.close();
  });

  it('a public listener cannot ask for the floor; the connection stays up', async () => {
    const listener = await connect(urlOf(api));
    sockets.push(listener);
    const answer = await floorRequest(listener, 'pro');
    expect(answer).toEqual({
      ok: false,
      error: { code: 'LISTEN_ONLY', message: expect.stringContaining('solo lectura') },
    });
    expect(listener.connected).toBe(true);
    expect((await join(listener, sessionId)).ok).toBe(true);
  });

  it('delegates ask over the socket with acks; a point of order jumps the queue; errors use the HTTP codes', async () => {
    const watcher = await connect(urlOf(api));
    sockets.push(watcher);
    const inbox = collect(watcher);
    await join(watcher, sessionId);
    const [s1, s2, s3, s4] = await Promise.all(
      [first, second, orderly, absent].map((d) => connect(urlOf(api), d.token)),
    );
    sockets.push(s1!, s2!, s3!, s4!);
    const a = await floorRequest(s1!, 'pro');
    const again = await floorRequest(s1!, 'contra');
    expect(again).toEqual(a); // asking twice keeps one place
    expect((await floorRequest(s2!, 'contra')).ok).toBe(true);
    expect((await floorRequest(s3!, 'point_of_order')).ok).toBe(true);
    expect(await floorRequest(s4!, 'pro')).toMatchObject({ ok: false, error: { code: 'NOT_CHECKED_IN' } });
    expect(await floorRequest(s2!, 'shout')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await floorRequest(s2!, 'pro', { admin: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });

    const snapshot = await api.http().get(`/api/sessions/${sessionId}`).expect(200);
    expect(
      snapshot.body.speakers.map((s: { delegateId: string; stance: string }) => [s.delegateId, s.stance]),
    ).toEqual([
      [orderly.delegateId, 'point_of_order'],
      [first.delegateId, 'pro'],
      [second.delegateId, 'contra'],
    ]);
    const events = await inbox.until(3);
    expect(events.map((e) => e.type)).toEqual(['speakers.changed', 'speakers.changed', 'speakers.changed']);

    // Withdrawing over the socket removes the request.
    expect(await s2!.timeout(5000).emitWithAck('floor.withdraw', { sessionId })).toEqual({ ok: true });
    const after = await api.http().get(`/api/sessions/${sessionId}`).expect(200);
    expect(after.body.speakers.map((s: { delegateId: string }) => s.delegateId)).toEqual([
      orderly.delegateId,
      first.delegateId,
    ]);
  });

  it('the moderator gives the floor; the speech ends by itself at its time limit and is recorded', async () => {
    const watcher = await connect(urlOf(api));
    sockets.push(watcher);
    const inbox = collect(watcher);
    await join(watcher, sessionId);
    const speech = await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/give`)
      .set(bearer(moderator))
      .send({})
      .expect(200);
    expect(speech.body).toMatchObject({
      delegateId: orderly.delegateId,
      stance: 'point_of_order',
      endedAt: null,
    });
    const events = await inbox.until(3, 5000);
    const ended = events.find((e) => e.type === 'speech.ended') as LiveEnvelope<SpeechView>;
    expect(ended.data).toMatchObject({ id: speech.body.id, endedBy: 'timer' });
    expect(Date.parse(ended.data.endedAt!) - Date.parse(ended.data.startedAt)).toBeGreaterThanOrEqual(900);
    expect(Date.parse(ended.data.endedAt!) - Date.parse(ended.data.startedAt)).toBeLessThanOrEqual(1100);
    const recorded: { type: string }[] = await api.dataSource.query(
      `SELECT type FROM ledger_events WHERE subject = $1 AND type LIKE 'speech.%' ORDER BY sequence`,
      [`session:${sessionId}`],
    );
    expect(recorded.map((r) => r.type)).toEqual(['speech.started', 'speech.ended']);
  });

  it('the moderator can extend and end a speech; delegates cannot give the floor', async () => {
    const speech = await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/give`)
      .set(bearer(moderator))
      .send({})
      .expect(200);
    const extended = await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/extend`)
      .set(bearer(moderator))
      .send({ seconds: 60 })
      .expect(200);
    expect(Date.parse(extended.body.endsAt) - Date.parse(speech.body.endsAt)).toBe(60_000);
    expect(
      (await api.http().post(`/api/sessions/${sessionId}/floor/give`).set(bearer(first)).send({}).expect(403))
        .body.code,
    ).toBe('FORBIDDEN_ROLE');
    await api.http().post(`/api/sessions/${sessionId}/floor/end`).set(bearer(moderator)).expect(204);
    expect(
      (await api.http().post(`/api/sessions/${sessionId}/floor/end`).set(bearer(moderator)).expect(409)).body
        .code,
    ).toBe('NO_SPEECH_RUNNING');
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/floor/give`)
          .set(bearer(moderator))
          .send({})
          .expect(409)
      ).body.code,
    ).toBe('NO_WAITING_SPEAKER');
    const [row] = await api.dataSource.query(`SELECT ended_by FROM speeches WHERE id = $1`, [speech.body.id]);
    expect(row.ended_by).toBe('moderator');
  });
});
