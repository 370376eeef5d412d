import type { BallotReceipt, LiveAck } from '#contracts';
import { JwtService } from '@nestjs/jwt';
import { admittedMotion, bearer, checkIn, debate, openSession, openVote } from './support/assembly.js';
import { io } from 'socket.io-client';
import { authEnded, connect, urlOf, type Client } from './support/live-client.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

describe('Ballots over the delegate’s socket: the HTTP rules, idempotency and receipt', () => {
  let api: TestApi;
  let moderator: TestUser;
  let present: SeatedDelegate[];
  let absent: SeatedDelegate;
  let voteId: string;
  const sockets: Client[] = [];
  const open = async (token?: string) => {
    const socket = await connect(urlOf(api), token);
    sockets.push(socket);
    return socket;
  };
  const cast = (socket: Client, body: object) =>
    socket.timeout(5000).emitWithAck('ballot.cast', body as never) as Promise<LiveAck<BallotReceipt>>;

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    moderator = await userWithRoles(api, ['moderator']);
    present = [await seatDelegate(api), await seatDelegate(api), await seatDelegate(api)];
    absent = await seatDelegate(api);
    const sessionId = await openSession(api, moderator);
    const motion = await admittedMotion(api, present[0]!, moderator);
    await checkIn(api, sessionId, present);
    await debate(api, moderator, sessionId, motion.id);
    voteId = (await openVote(api, moderator, sessionId)).id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api.close();
  });

  it('casts with an ack that carries the receipt of the ballot’s record event; HTTP sees the same ballot', async () => {
    const delegate = present[0]!;
    const socket = await open(delegate.token);
    const answer = await cast(socket, { voteId, choice: 'yes', idempotencyKey: 'socket-key-0001' });
    expect(answer).toEqual({
      ok: true,
      data: {
        voteId,
        delegateId: delegate.delegateId,
        revision: 1,
        choice: 'yes',
        receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
        sequence: expect.any(Number),
        castAt: expect.any(String),
        replayed: false,
      },
    });
    const [event]: { type: string; hash: string; actor: string }[] = await api.dataSource.query(
      'SELECT type, hash, actor FROM ledger_events WHERE sequence = $1',
      [answer.data!.sequence],
    );
    expect(event).toEqual({ type: 'ballot.cast', hash: answer.data!.receipt, actor: `user:${delegate.id}` });
    const standing = await api.http().get(`/api/votes/${voteId}/my-ballot`).set(bearer(delegate)).expect(200);
    expect(standing.body.ballot).toMatchObject({ choice: 'yes', revision: 1, receipt: answer.data!.receipt });

    // The same key over HTTP (a phone that lost the ack and retried over HTTP) answers the first ballot.
    const retried = await api
      .http()
      .post(`/api/votes/${voteId}/ballots`)
      .set(bearer(delegate))
      .send({ choice: 'yes', idempotencyKey: 'socket-key-0001' })
      .expect(200);
    expect(retried.body).toEqual({ ...answer.data, replayed: true });
    // And the same key again over the socket.
    expect(await cast(socket, { voteId, choice: 'yes', idempotencyKey: 'socket-key-0001' })).toEqual({
      ok: true,
      data: { ...answer.data, replayed: true },
    });
    // A change is a new revision with a receipt of its own.
    const changed = await cast(socket, { voteId, choice: 'no', idempotencyKey: 'socket-key-0002' });
    expect(changed.data).toMatchObject({ revision: 2, choice: 'no', replayed: false });
    expect(changed.data!.receipt).not.toBe(answer.data!.receipt);
  });

  it('refuses what HTTP refuses, with the same codes, and writes nothing', async () => {
    const before = await countRows(api, 'ballot_revisions');
    const events = await countRows(api, 'ledger_events');
    const delegate = await open(present[1]!.token);
    const bad = [
      { voteId, choice: 'maybe' },
      { voteId, choice: 'yes', extra: 1 },
      { choice: 'yes' },
      { voteId: 'not-a-uuid', choice: 'yes' },
      { voteId, choice: 'yes', idempotencyKey: 'x' },
      null,
      'yes',
    ];
    for (const body of bad) {
      const answer = await cast(delegate, body as object);
      expect(answer).toEqual({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: expect.any(String) },
      });
    }
    const unknownVote = await cast(delegate, {
      voteId: '00000000-0000-4000-8000-000000000000',
      choice: 'yes',
    });
    const httpUnknown = await api
      .http()
      .post('/api/votes/00000000-0000-4000-8000-000000000000/ballots')
      .set(bearer(present[1]!))
      .send({ choice: 'yes' });
    expect(unknownVote.error?.code).toBe(httpUnknown.body.code);

    const listener = await open();
    expect((await cast(listener, { voteId, choice: 'yes' })).error?.code).toBe('LISTEN_ONLY');
    const mesa = await open(moderator.token);
    expect((await cast(mesa, { voteId, choice: 'yes' })).error?.code).toBe('FORBIDDEN_ROLE');

    const notPresent = await open(absent.token);
    const socketAnswer = await cast(notPresent, { voteId, choice: 'yes' });
    const httpAnswer = await api
      .http()
      .post(`/api/votes/${voteId}/ballots`)
      .set(bearer(absent))
      .send({ choice: 'yes' });
    expect(httpAnswer.status).toBeGreaterThanOrEqual(400);
    expect(socketAnswer).toEqual({
      ok: false,
      error: { code: httpAnswer.body.code, message: httpAnswer.body.message },
    });

    expect(await countRows(api, 'ballot_revisions')).toBe(before);
    expect(await countRows(api, 'ledger_events')).toBe(events);
    expect(delegate.connected).toBe(true);
  });

  it('answers in the language the page chose at the handshake, whatever the browser’s header says', async () => {
    const socket: Client = io(`${urlOf(api)}/live`, {
      transports: ['websocket'],
      auth: { token: absent.token, language: 'en' },
      extraHeaders: { 'accept-language': 'es-PE' },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', () => resolve(null)));
    const english = await cast(socket, { voteId, choice: 'yes' });
    const spanish = await cast(await open(absent.token), { voteId, choice: 'yes' });
    expect(english.error?.code).toBe(spanish.error?.code);
    expect(english.error?.message).not.toBe(spanish.error?.message);
    const httpEnglish = await api
      .http()
      .post(`/api/votes/${voteId}/ballots`)
      .set({ ...bearer(absent), 'Accept-Language': 'en' })
      .send({ choice: 'yes' });
    expect(english.error?.message).toBe(httpEnglish.body.message);
  });

  it('ends the socket of a deactivated account and the one whose token expired since the handshake', async () => {
    const delegate = present[2]!;
    const socket = await open(delegate.token);
    const ended = authEnded(socket);
    await api.dataSource.query('UPDATE users SET active = false WHERE id = $1', [delegate.id]);
    // A cast racing the notification is refused; either way the socket is told and disconnected.
    const raced = (
      socket.timeout(1000).emitWithAck('ballot.cast', { voteId, choice: 'yes' } as never) as Promise<LiveAck>
    ).catch(() => null);
    expect(await ended).toBe('SESSION_ENDED');
    expect([undefined, 'TOKEN_INVALID']).toContain((await raced)?.error?.code);
    await api.dataSource.query('UPDATE users SET active = true WHERE id = $1', [delegate.id]);

    const jwt = api.app.get(JwtService);
    const shortLived = await jwt.signAsync(
      { sub: delegate.id, typ: 'access', sid: jwt.decode<{ sid: string }>(delegate.token).sid },
      { expiresIn: 1, issuer: 'asamblea', algorithm: 'HS256' },
    );
    const expiring = await open(shortLived);
    expect(await authEnded(expiring, 3000)).toBe('TOKEN_EXPIRED');
    expect(
      await api.dataSource.query('SELECT 1 FROM ballots WHERE delegate_id = $1', [delegate.delegateId]),
    ).toEqual([]);

    const fresh = await cast(await open(delegate.token), { voteId, choice: 'abstain' });
    expect(fresh.data).toMatchObject({ choice: 'abstain', revision: 1 });
  });
});
