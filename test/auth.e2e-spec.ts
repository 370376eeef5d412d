import { UserEntity } from '#persistence';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../apps/api/src/users/users.service.js';
import { startTestApi, TEST_PASSWORD, uniqueName, userWithRoles, type TestApi } from './support/test-api.js';

describe('Accounts: login, refresh rotation, revocation, rate limit', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_ACCOUNT: '4', LOGIN_RATE_LIMIT_PER_IP: '1000' });
  });
  afterAll(() => api.close());

  it('logs in with a short-lived access token and a refresh token; /auth/me shows the account', async () => {
    const user = await userWithRoles(api, ['moderator', 'delegate']);
    const login = await api
      .http()
      .post('/api/auth/login')
      .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(login.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: user.email, roles: ['moderator', 'delegate'] },
    });
    expect(login.body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const claims = api.app.get(JwtService).decode(login.body.accessToken) as {
      exp: number;
      iat: number;
      sub: string;
    };
    expect(claims.exp - claims.iat).toBe(900);
    const me = await api
      .http()
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: user.id, roles: ['moderator', 'delegate'] });
  });

  it('answers a wrong email and a wrong password the same way', async () => {
    const user = await userWithRoles(api, ['delegate']);
    const wrongPassword = await api
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'no-es-la-clave' })
      .expect(401);
    const wrongEmail = await api
      .http()
      .post('/api/auth/login')
      .send({ email: 'nadie@prueba.pe', password: 'no-es-la-clave' })
      .expect(401);
    expect(wrongPassword.body).toEqual(wrongEmail.body);
    expect(wrongEmail.body).toEqual({
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'Correo o contraseña incorrectos.',
    });
  });

  it('refuses accounts without a password or deactivated, with the same answer', async () => {
    const email = `${uniqueName('sin').toLowerCase()}@prueba.pe`;
    await api.app.get(UsersService).create({ email, displayName: 'Sin clave', roles: ['delegate'] });
    const noPassword = await api
      .http()
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(401);
    expect(noPassword.body.code).toBe('INVALID_CREDENTIALS');
    const user = await userWithRoles(api, ['delegate']);
    await api.dataSource.getRepository(UserEntity).update({ id: user.id }, { active: false });
    expect(
      (
        await api
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: TEST_PASSWORD })
          .expect(401)
      ).body.code,
    ).toBe('INVALID_CREDENTIALS');
    // An access token issued before deactivation stops working at once.
    expect(
      (await api.http().get('/api/auth/me').set('Authorization', `Bearer ${user.token}`).expect(401)).body
        .code,
    ).toBe('TOKEN_INVALID');
  });

  it('rotates refresh tokens; reusing a spent one after the retry window revokes the whole family', async () => {
    const user = await userWithRoles(api, ['delegate']);
    const first = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    expect(first.body.accessToken).toBeTruthy();
    // A replay long after the rotation is theft, not a lost answer.
    await api.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() - interval '1 minute' WHERE revoked_at IS NOT NULL AND user_id = $1`,
      [user.id],
    );
    const replay = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_INVALID');
    // … and the replay revoked the token that replaced it.
    expect(
      (await api.http().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401))
        .body.code,
    ).toBe('REFRESH_TOKEN_INVALID');
  });

  it('a retry that lost its answer gets a token of its own, the lost one stays valid, and a retry after a later rotation is theft', async () => {
    const user = await userWithRoles(api, ['delegate']);
    const first = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    // The answer was lost: the client retries with the spent token and is answered.
    const retried = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(retried.body.refreshToken).not.toBe(first.body.refreshToken);
    expect(retried.body.refreshToken).not.toBe(user.refreshToken);
    // The lost answer did arrive after all (a concurrent request): its token works too.
    const second = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    // A token of the family has been spent since: presenting the original again is theft, and the
    // whole family ends, the retry's token and the latest one with it.
    expect(
      (await api.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401)).body
        .code,
    ).toBe('REFRESH_TOKEN_INVALID');
    await api.http().post('/api/auth/refresh').send({ refreshToken: retried.body.refreshToken }).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
  });

  it('a retry after logout, or after the grace, is refused', async () => {
    const user = await userWithRoles(api, ['delegate']);
    const first = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    await api.http().post('/api/auth/logout').send({ refreshToken: first.body.refreshToken }).expect(204);
    await api.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);

    const other = await userWithRoles(api, ['delegate']);
    await api.http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
    await api.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() - interval '11 seconds' WHERE revoked_at IS NOT NULL AND user_id = $1`,
      [other.id],
    );
    await api.http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
  });

  it('two concurrent refreshes with the same token are both answered (one client, two requests), and both tokens work', async () => {
    const user = await userWithRoles(api, ['delegate']);
    const results = await Promise.all(
      [1, 2].map(() => api.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results[0]!.body.refreshToken).not.toBe(results[1]!.body.refreshToken);
    for (const result of results)
      await api.http().post('/api/auth/refresh').send({ refreshToken: result.body.refreshToken }).expect(200);
  });

  it('logout revokes the refresh token (and is idempotent)', async () => {
    const user = await userWithRoles(api, ['delegate']);
    await api.http().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await api.http().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    expect(
      (await api.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401)).body
        .code,
    ).toBe('REFRESH_TOKEN_INVALID');
  });

  it('refuses forged, tampered, expired and malformed tokens', async () => {
    const user = await userWithRoles(api, ['admin']);
    const jwt = api.app.get(JwtService);
    const forged = await jwt.signAsync(
      { sub: user.id, typ: 'access' },
      { secret: 'another-secret-another-secret-123', issuer: 'asamblea', expiresIn: 60 },
    );
    const expired = await jwt.signAsync(
      { sub: user.id, typ: 'access' },
      { issuer: 'asamblea', expiresIn: -10 },
    );
    const refreshTyped = await jwt.signAsync(
      { sub: user.id, typ: 'refresh' },
      { issuer: 'asamblea', expiresIn: 60 },
    );
    const [head, body] = user.token.split('.');
    const tampered = `${head}.${body}.AAAA`;
    for (const token of [forged, expired, refreshTyped, tampered, 'garbage']) {
      const response = await api.http().get('/api/users').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.body.code).toBe('TOKEN_INVALID');
    }
    expect((await api.http().get('/api/users').expect(401)).body.code).toBe('AUTH_REQUIRED');
    expect(
      (
        await api
          .http()
          .post('/api/auth/refresh')
          .send({ refreshToken: 'x'.repeat(30) })
          .expect(401)
      ).body.code,
    ).toBe('REFRESH_TOKEN_INVALID');
  });

  /** A login sent from a chosen loopback source address (127.0.0.1 and 127.0.0.2 are both this machine). */
  function loginFrom(
    port: number,
    source: string,
    body: object,
  ): Promise<{ status: number; code?: string; retryAfter?: string }> {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const call = httpRequest(
        {
          host: '127.0.0.1',
          port,
          localAddress: source,
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              code: (JSON.parse(text) as { code?: string }).code,
              retryAfter: response.headers['retry-after'] as string | undefined,
            }),
          );
        },
      );
      call.on('error', reject);
      call.end(payload);
    });
  }

  it('makes an address that keeps failing wait longer each time, without locking the owner out from another', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await api.app.listen(0, '127.0.0.1');
    const port = (server.address() as AddressInfo).port;
    const user = await userWithRoles(api, ['delegate']);
    const wrong = { email: user.email, password: 'equivocada-123' };
    // The attacker at 127.0.0.2: four wrong passwords answer 401 (the allowance), then it must wait.
    const attacker = [];
    for (let i = 0; i < 5; i += 1) attacker.push(await loginFrom(port, '127.0.0.2', wrong));
    expect(attacker.map((r) => r.status)).toEqual([401, 401, 401, 401, 429]);
    expect(attacker[4]).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(attacker[4]!.retryAfter)).toBeGreaterThan(0);
    // Even the right password waits at that address: the check runs before the password is.
    expect((await loginFrom(port, '127.0.0.2', { ...wrong, password: TEST_PASSWORD })).status).toBe(429);
    // The owner, at 127.0.0.1, signs in at once.
    expect((await loginFrom(port, '127.0.0.1', { ...wrong, password: TEST_PASSWORD })).status).toBe(200);
    // The wait grows with the run of failures: after it ends, the next failure earns a longer one.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await loginFrom(port, '127.0.0.2', wrong)).status).toBe(401);
    const longer = await loginFrom(port, '127.0.0.2', wrong);
    expect(longer.status).toBe(429);
    expect(Number(longer.retryAfter)).toBeGreaterThanOrEqual(3);
  }, 20_000);
});
