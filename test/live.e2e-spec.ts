import type { LiveAck } from '#contracts';
import { enqueueLiveEvent } from '#persistence';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApi } from './support/built-api.js';
import { collect, connect, join as joinSession, urlOf, type Client } from './support/live-client.js';
import { TEST_ENV } from './support/test-env.js';
import {
  createTestDatabase,
  outboxDrained,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type SeatedDelegate,
  type TestUser,
} from './support/test-api.js';

describe('Live sessions over socket.io', () => {
  let api: TestApi;
  let moderator: TestUser;
  let titular: SeatedDelegate;
  let alternate: SeatedDelegate;
  let others: SeatedDelegate[];
  let sessionId: string;
  const sockets: Client[] = [];
  const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    moderator = await userWithRoles(api, ['moderator']);
    titular = await seatDelegate(api, { constituencyCode: '0603' });
    others = [await seatDelegate(api), await seatDelegate(api), await seatDelegate(api)];
    // The alternate of `titular`, seated through the admin API.
    alternate = await seatDelegate(api, { constituencyCode: '0603' });
    await api.dataSource.query(`UPDATE delegates SET alternate_of_id = $1 WHERE id = $2`, [
      titular.delegateId,
      alternate.delegateId,
    ]);
    const session = await api
      .http()
      .post('/api/sessions')
      .set(bearer(moderator))
      .send({
        kind: 'ordinary',
        title: 'Sesión ordinaria de prueba',
        scheduledAt: '2026-12-05T15:00:00Z',
        place: 'Auditorio regional',
      })
      .expect(201);
    sessionId = session.body.session.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api.close();
  });

  it('gives a public listener a snapshot, then every change in order; quorum counts seats, not people', async () => {
    const listener = await connect(urlOf(api));
    sockets.push(listener);
    const inbox = collect(listener);
    const joined = await joinSession(listener, sessionId);
    expect(joined.ok).toBe(true);
    expect(joined.data!.session.status).toBe('scheduled');
    expect(joined.data!.attendance.quorum).toEqual({ seated: 4, present: 0, required: 3, hasQuorum: false });
    const start = joined.data!.sequence;

    await api.http().post(`/api/sessions/${sessionId}/open`).set(bearer(moderator)).expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(titular))
      .send({ present: true })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(alternate))
      .send({ present: true })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(others[0]!))
      .send({ present: true })
      .expect(200);
    const afterThree = await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance/${others[1]!.delegateId}`)
      .set(bearer(moderator))
      .send({ present: true })
      .expect(200);
    expect(afterThree.body.attendance.quorum).toEqual({
      seated: 4,
      present: 3,
      required: 3,
      hasQuorum: true,
    });
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(titular))
      .send({ present: false })
      .expect(200);

    const events = await inbox.until(6);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6].map((n) => start + n));
    expect(events.map((e) => e.type)).toEqual([
      'session.opened',
      'attendance.changed',
      'attendance.changed',
      'attendance.changed',
      'attendance.changed',
      'attendance.changed',
    ]);
    const quorum = (i: number) => (events[i]!.data as { quorum: { present: number } }).quorum.present;
    // The alternate checking in while the titular is present adds nobody.
    expect([quorum(1), quorum(2), quorum(3), quorum(4)]).toEqual([1, 1, 2, 3]);
    // … but is shown checked in, apart from the counted seats; once the titular leaves, the alternate counts.
    expect(events[2]!.data).toMatchObject({ uncountedDelegateIds: [alternate.delegateId] });
    expect(events[5]!.data).toMatchObject({ uncountedDelegateIds: [] });
    // The titular leaves: the alternate now stands in, so the count stays 3.
    expect(events[5]!.data).toMatchObject({
      quorum: { present: 3 },
      presentDelegateIds: expect.arrayContaining([alternate.delegateId]),
    });
    expect((events[5]!.data as { presentDelegateIds: string[] }).presentDelegateIds).not.toContain(
      titular.delegateId,
    );
    expect(await outboxDrained(api)).toBe(0);
  });

  it('a rejoining client gets a snapshot whose sequence matches the last event', async () => {
    const late = await connect(urlOf(api));
    sockets.push(late);
    const snapshot = await joinSession(late, sessionId);
    const [{ seq }] = await api.dataSource.query(
      `SELECT live_sequence::int AS seq FROM sessions WHERE id = $1`,
      [sessionId],
    );
    expect(snapshot.data!.sequence).toBe(seq);
    expect(snapshot.data!.session.status).toBe('open');
    expect(snapshot.data!.attendance.quorum.present).toBe(3);
  });

  it('sockets joining all at once while the session changes each get a snapshot, then every later event without a gap', async () => {
    const crowd = await Promise.all(Array.from({ length: 40 }, () => connect(urlOf(api))));
    sockets.push(...crowd);
    const inboxes = crowd.map((socket) => collect(socket));
    // The moderator records attendance back and forth while the crowd joins (half with an upper-case id),
    // and twice more once all have joined, so every socket has events to receive after its snapshot.
    const toggle = (present: boolean) =>
      api
        .http()
        .post(`/api/sessions/${sessionId}/attendance/${others[2]!.delegateId}`)
        .set(bearer(moderator))
        .send({ present })
        .expect(200);
    const toggles = (async () => {
      for (let i = 0; i < 4; i++) await toggle(i % 2 === 0);
    })();
    const joined = await Promise.all(
      crowd.map((socket, i) => joinSession(socket, i % 2 ? sessionId.toUpperCase() : sessionId)),
    );
    await toggles;
    await toggle(true);
    await toggle(false);
    const [{ last }] = await api.dataSource.query(
      `SELECT live_sequence::int AS last FROM sessions WHERE id = $1`,
      [sessionId],
    );
    for (const [i, ack] of joined.entries()) {
      expect(ack.ok).toBe(true);
      const from = ack.data!.sequence;
      expect(last - from).toBeGreaterThanOrEqual(2);
      const inbox = inboxes[i]!;
      await inbox.until(inbox.events.filter((e) => e.sequence <= from).length + (last - from));
      const later = inbox.events.filter((e) => e.sequence > from).map((e) => e.sequence);
      expect(later).toEqual(Array.from({ length: last - from }, (_, k) => from + 1 + k));
    }
  });

  it('answers malformed or unknown joins with error acks and keeps the connection up', async () => {
    const socket = await connect(urlOf(api));
    sockets.push(socket);
    const bad = await joinSession(socket, 'not-a-uuid');
    expect(bad).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'Los datos enviados no son válidos.' },
    });
    const unknown = await joinSession(socket, '00000000-0000-4000-8000-000000000000');
    expect(unknown.error!.code).toBe('SESSION_NOT_FOUND');
    const extra = await socket.timeout(5000).emitWithAck('session.join', { sessionId, admin: true } as never);
    expect((extra as LiveAck).error!.code).toBe('VALIDATION_FAILED');
    const unknownEvent = await (
      socket as unknown as {
        timeout(ms: number): { emitWithAck(event: string, body: unknown): Promise<unknown> };
      }
    )
      .timeout(5000)
      .emitWithAck('vote.hack', { sessionId });
    expect(unknownEvent).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: 'Evento desconocido: vote.hack.' },
    });
    expect(socket.connected).toBe(true);
    expect((await joinSession(socket, sessionId)).ok).toBe(true);
  });

  it('accepts a valid token in the handshake and refuses a bad one', async () => {
    const authed = await connect(urlOf(api), titular.token);
    sockets.push(authed);
    expect((await joinSession(authed, sessionId)).ok).toBe(true);
    await expect(connect(urlOf(api), 'not-a-token')).rejects.toThrow('TOKEN_INVALID');
  });

  it('delivers events committed by a process that died before publishing (outbox rows left unsent)', async () => {
    const listener = await connect(urlOf(api));
    sockets.push(listener);
    const inbox = collect(listener);
    const { data } = await joinSession(listener, sessionId);
    // Commit a live event without nudging the relay, as a process killed right after commit would leave it.
    const written = await api.dataSource.transaction((m) =>
      enqueueLiveEvent(m, sessionId, 'agenda.changed', { agenda: [] }),
    );
    expect(written.sequence).toBe(data!.sequence + 1);
    const [event] = await inbox.until(1, 3000);
    expect(event).toMatchObject({ sequence: written.sequence, type: 'agenda.changed' });
    // The row is marked sent in the relay's transaction, which commits just after the emit.
    let sentAt: Date | null = null;
    for (let i = 0; i < 50 && !sentAt; i += 1) {
      const [row] = await api.dataSource.query(
        `SELECT sent_at FROM outbox WHERE session_id = $1 AND sequence = $2`,
        [sessionId, written.sequence],
      );
      sentAt = row.sent_at;
      if (!sentAt) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sentAt).not.toBeNull();
  });

  it('refuses check-in to delegates not sitting, and session actions to non-moderators', async () => {
    const suspended = await seatDelegate(api, { status: 'suspended' });
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/attendance`)
          .set(bearer(suspended))
          .send({ present: true })
          .expect(403)
      ).body.code,
    ).toBe('DELEGATE_NOT_ACTIVE');
    expect(
      (await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(titular)).expect(403)).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (await api.http().post(`/api/sessions/${sessionId}/open`).set(bearer(moderator)).expect(409)).body.code,
    ).toBe('SESSION_TRANSITION_INVALID');
  });
});

describe('Two API processes sharing PostgreSQL and Redis', () => {
  let a: TestApi;
  let b: { child: ChildProcess; url: string };
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL: process.env[TEST_ENV.redisUrl] ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: 'k'.repeat(40),
      SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
      SECOND_FACTOR_ROLES: '',
      QUEUE_PREFIX: `two_${Date.now()}`,
    };
    a = await startTestApi(shared);
    await a.app.listen(0, '127.0.0.1');
    // Process B is the built API in its own OS process.
    b = await startBuiltApi({
      ...shared,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-b-')),
    });
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => b.child.once('exit', resolve));
    b.child.kill('SIGTERM');
    await exited;
    await a.close();
    await database.drop();
  });

  it('a client on process B receives, in order and without gaps, the events caused through process A', async () => {
    const moderator = await userWithRoles(a, ['moderator']);
    const delegates = [await seatDelegate(a), await seatDelegate(a), await seatDelegate(a)];
    const created = await a
      .http()
      .post('/api/sessions')
      .set('Authorization', `Bearer ${moderator.token}`)
      .send({
        kind: 'extraordinary',
        title: 'Sesión extraordinaria',
        scheduledAt: '2026-12-10T15:00:00Z',
        virtualUrl: 'https://reunion.example.pe/x',
      })
      .expect(201);
    const id = created.body.session.id;
    const client = await connect(b.url);
    const inbox = collect(client);
    const snapshot = await joinSession(client, id);
    await a
      .http()
      .post(`/api/sessions/${id}/open`)
      .set('Authorization', `Bearer ${moderator.token}`)
      .expect(200);
    for (const delegate of delegates) {
      await a
        .http()
        .post(`/api/sessions/${id}/attendance`)
        .set('Authorization', `Bearer ${delegate.token}`)
        .send({ present: true })
        .expect(200);
    }
    const events = await inbox.until(4);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4].map((n) => snapshot.data!.sequence + n));
    expect((events[3]!.data as { quorum: { present: number } }).quorum.present).toBe(3);
    client.disconnect();
  });
});
