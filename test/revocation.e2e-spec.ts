import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { bearer } from './support/assembly.js';
import { seedUser, startApiProcess, until, type Child, type Seeded } from './support/chaos.js';
import { authEnded, connect, type Client } from './support/live-client.js';
import { createTestDatabase } from './support/test-api.js';
import { TEST_ENV } from './support/test-env.js';

const PASSWORD = 'clave-de-prueba-revocacion-larga';
// "Within seconds": every check below fails if the end has not reached both processes by then.
const DEADLINE_MS = 5_000;
// The processes' listening connections to this test's database (only ours: the server is shared).
const LISTENERS = `FROM pg_stat_activity
  WHERE application_name = 'asamblea-sessions' AND datname = current_database()`;

interface SignedIn {
  token: string;
  refreshToken: string;
}

/**
 * Two API processes on one database (and one Redis): a session ended through one of them — logout,
 * deactivation, reset — stops its access token on both within seconds, and the socket held on the other
 * is told and disconnected. A socket lives no longer than its token. Refreshing keeps the session.
 */
describe('Revocation at once, on two API processes', () => {
  let database: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;
  let a: Child & { url: string };
  let b: Child & { url: string };
  let secret: string;
  let admin: Seeded;
  const sockets: Client[] = [];

  const status = async (url: string, token: string) =>
    (await request(url).get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status;
  const statuses = async (token: string) => [await status(a.url, token), await status(b.url, token)];
  const signIn = async (email: string, url = a.url): Promise<SignedIn> => {
    const response = await request(url)
      .post('/api/auth/login')
      .send({ email, password: PASSWORD })
      .expect(200);
    return { token: response.body.accessToken, refreshToken: response.body.refreshToken };
  };
  const socketOn = async (url: string, token?: string) => {
    const socket = await connect(url, token);
    sockets.push(socket);
    return socket;
  };
  /** Resolves with how long it took until both processes refused the token (401); fails after the deadline. */
  const refusedOnBoth = async (token: string, since: number) => {
    await until(
      async () => (await statuses(token)).every((code) => code === 401),
      DEADLINE_MS,
      'the token refused by both API processes',
    );
    return Date.now() - since;
  };
  const delegate = () => seedUser(pool, secret, ['delegate'], PASSWORD);
  const sidOf = (token: string) => new JwtService().decode<{ sid: string }>(token).sid;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
    secret = randomBytes(32).toString('hex');
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: process.env[TEST_ENV.redisUrl] ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: secret,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      QUEUE_PREFIX: `revocation_${Date.now()}_${randomBytes(2).toString('hex')}`,
      LOG_LEVEL: 'warn',
      SECOND_FACTOR_ROLES: '',
    };
    // One after the other: the first applies the migrations.
    a = await startApiProcess(env);
    b = await startApiProcess(env);
    admin = await seedUser(pool, secret, ['admin']);
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await a?.kill('SIGTERM');
    await b?.kill('SIGTERM');
    await pool?.end();
    await database?.drop();
  });

  it('logout through A: the token is refused on A and B within seconds, the socket on B is ended; another session of the same account goes on', async () => {
    const account = await delegate();
    const phone = await signIn(account.email);
    const laptop = await signIn(account.email, b.url);
    expect(await statuses(phone.token)).toEqual([200, 200]);
    const socket = await socketOn(b.url, phone.token);
    const other = await socketOn(b.url, laptop.token);
    const listener = await socketOn(b.url);
    const ended = authEnded(socket, DEADLINE_MS);

    const started = Date.now();
    await request(a.url).post('/api/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
    expect(await refusedOnBoth(phone.token, started)).toBeLessThan(DEADLINE_MS);
    expect(await ended).toBe('SESSION_ENDED');
    // A refused handshake too: the ended session cannot open a socket again.
    await expect(connect(b.url, phone.token)).rejects.toThrow('TOKEN_INVALID');

    expect(await statuses(laptop.token)).toEqual([200, 200]);
    expect(other.connected).toBe(true);
    expect(listener.connected).toBe(true);
  });

  it('deactivation by an administrator through A ends the HTTP session and the socket on B', async () => {
    const account = await delegate();
    const session = await signIn(account.email);
    const socket = await socketOn(b.url, session.token);
    const ended = authEnded(socket, DEADLINE_MS);

    const started = Date.now();
    await request(a.url)
      .patch(`/api/users/${account.id}`)
      .set(bearer(admin))
      .send({ active: false })
      .expect(200);
    expect(await refusedOnBoth(session.token, started)).toBeLessThan(DEADLINE_MS);
    expect(await ended).toBe('SESSION_ENDED');
    await request(b.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('a reset (a new enrolment for an account with a password) through A ends every session, HTTP and socket, on A and B', async () => {
    const account = await delegate();
    const first = await signIn(account.email);
    const second = await signIn(account.email, b.url);
    const onB = await socketOn(b.url, first.token);
    const onA = await socketOn(a.url, second.token);
    const ended = [authEnded(onB, DEADLINE_MS), authEnded(onA, DEADLINE_MS)];

    const started = Date.now();
    await request(a.url).post(`/api/users/${account.id}/enrolment`).set(bearer(admin)).expect(200);
    expect(await refusedOnBoth(first.token, started)).toBeLessThan(DEADLINE_MS);
    expect(await refusedOnBoth(second.token, started)).toBeLessThan(DEADLINE_MS);
    expect(await Promise.all(ended)).toEqual(['SESSION_ENDED', 'SESSION_ENDED']);
  });

  it('refreshing keeps the session (same sid); a role change reconnects its sockets without ending it', async () => {
    const account = await delegate();
    const session = await signIn(account.email);
    const refreshed = await request(b.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(200);
    const renewed: string = refreshed.body.accessToken;
    expect(sidOf(renewed)).toBe(sidOf(session.token));
    expect(await statuses(renewed)).toEqual([200, 200]);

    const socket = await socketOn(b.url, renewed);
    const changed = authEnded(socket, DEADLINE_MS);
    await request(a.url)
      .patch(`/api/users/${account.id}`)
      .set(bearer(admin))
      .send({ roles: ['delegate', 'moderator'] })
      .expect(200);
    expect(await changed).toBe('ACCOUNT_CHANGED');
    expect(await statuses(renewed)).toEqual([200, 200]);
    const me = await request(b.url).get('/api/auth/me').set('Authorization', `Bearer ${renewed}`).expect(200);
    expect(me.body.roles).toContain('moderator');

    // The rotated token's logout ends the session for both access tokens.
    const started = Date.now();
    await request(b.url)
      .post('/api/auth/logout')
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(204);
    expect(await refusedOnBoth(session.token, started)).toBeLessThan(DEADLINE_MS);
    expect(await refusedOnBoth(renewed, started)).toBeLessThan(DEADLINE_MS);
  });

  it('a process that lost its listening connection refuses ended sessions all the same, and listens again', async () => {
    const listeners = async () =>
      Number((await pool.query<{ n: string }>(`SELECT count(*)::text AS n ${LISTENERS}`)).rows[0]!.n);
    expect(await listeners()).toBe(2);
    const account = await delegate();
    const before = await signIn(account.email);
    const socket = await socketOn(b.url, before.token);
    expect(await statuses(before.token)).toEqual([200, 200]);
    // Both processes lose their listener: what they knew is dropped, every check reads the database.
    await pool.query(`SELECT pg_terminate_backend(pid) ${LISTENERS}`);
    const ended = authEnded(socket, DEADLINE_MS);
    await request(a.url).post('/api/auth/logout').send({ refreshToken: before.refreshToken }).expect(204);
    expect(await statuses(before.token)).toEqual([401, 401]);
    // Back within the backoff, and the reconnection checks the open sockets again.
    await until(async () => (await listeners()) === 2, DEADLINE_MS, 'both processes listening again');
    expect(await ended).toBe('SESSION_ENDED');

    const after = await signIn(account.email);
    expect(await statuses(after.token)).toEqual([200, 200]);
    const started = Date.now();
    await request(b.url).post('/api/auth/logout').send({ refreshToken: after.refreshToken }).expect(204);
    expect(await refusedOnBoth(after.token, started)).toBeLessThan(DEADLINE_MS);
  });

  it('a socket is disconnected when its token expires (told TOKEN_EXPIRED); a token naming no session is refused', async () => {
    const account = await delegate();
    const session = await signIn(account.email);
    const jwt = new JwtService({ secret });
    const shortLived = await jwt.signAsync(
      { sub: account.id, typ: 'access', sid: sidOf(session.token) },
      { expiresIn: 2, issuer: 'asamblea', algorithm: 'HS256' },
    );
    const socket = await socketOn(b.url, shortLived);
    const started = Date.now();
    expect(await authEnded(socket, 4_000)).toBe('TOKEN_EXPIRED');
    expect(Date.now() - started).toBeGreaterThan(500);
    // The session itself goes on: a fresh token connects again.
    expect((await socketOn(b.url, session.token)).connected).toBe(true);

    const sessionless = await jwt.signAsync(
      { sub: account.id, typ: 'access' },
      { expiresIn: 600, issuer: 'asamblea', algorithm: 'HS256' },
    );
    expect(await statuses(sessionless)).toEqual([401, 401]);
    await expect(connect(b.url, sessionless)).rejects.toThrow('TOKEN_INVALID');
  });
});
