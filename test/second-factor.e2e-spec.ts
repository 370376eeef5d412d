import { totpCodeAt } from '#domain';
import { bearer } from './support/assembly.js';
import { connect, urlOf } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

const STEP_MS = 30_000;

/**
 * Codes as an authenticator would give them, never one the account already used: the server accepts
 * a step once, so each call answers the next unused step within ±1 of now, waiting when there is none.
 */
function authenticator(secret: string) {
  let lastStep = -Infinity;
  return {
    async next(): Promise<string> {
      for (;;) {
        const current = Math.floor(Date.now() / STEP_MS);
        const step = Math.max(lastStep + 1, current);
        if (step <= current + 1) {
          lastStep = step;
          return totpCodeAt(secret, step * STEP_MS);
        }
        await new Promise((resolve) => setTimeout(resolve, (step - 1) * STEP_MS - Date.now() + 50));
      }
    },
    /** The code of the step used last (a replay). */
    last: () => totpCodeAt(secret, lastStep * STEP_MS),
  };
}

async function ledgerEvents(
  api: TestApi,
): Promise<{ text: string; events: { type: string; payload: Record<string, unknown> }[] }> {
  const response = await api.http().get('/api/ledger?limit=5000').expect(200);
  return { text: response.text, events: response.body.events };
}

describe('Second factor (TOTP, RFC 6238) with recovery codes', () => {
  let api: TestApi;
  let user: TestUser;
  let secret: string;
  let app: ReturnType<typeof authenticator>;
  let recoveryCodes: string[];

  const login = (extra: Record<string, unknown> = {}) =>
    api
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD, ...extra });
  const status = async () =>
    (await api.http().get('/api/auth/second-factor').set(bearer(user)).expect(200)).body;

  beforeAll(async () => {
    // Many sign-ins from one address within a minute here; the per-address limit is not what is tested.
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_IP: '1000' });
    user = await userWithRoles(api, ['delegate']);
  });
  afterAll(() => api?.close());

  it('sets up a pending secret (QR code and otpauth address), confirmed by a code: ten recovery codes once', async () => {
    expect(await status()).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0, required: false });
    expect((await api.http().post('/api/auth/second-factor/setup').expect(401)).body.code).toBe(
      'AUTH_REQUIRED',
    );

    const setup = await api.http().post('/api/auth/second-factor/setup').set(bearer(user)).expect(200);
    secret = setup.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toBe(
      `otpauth://totp/Asamblea:${encodeURIComponent(user.email)}?issuer=Asamblea&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.body.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(await status()).toMatchObject({ enabled: false, pending: true });
    // Stored sealed: the database holds no clear secret.
    const [row] = await api.dataSource.query(
      `SELECT row_to_json(f)::text AS text, encode(secret_sealed, 'escape') AS sealed FROM account_second_factors f WHERE user_id = $1`,
      [user.id],
    );
    expect(row.text + row.sealed).not.toContain(secret);
    // Pending: signing in does not ask for a code yet.
    await login().expect(200);

    app = authenticator(secret);
    const refused = await api
      .http()
      .post('/api/auth/second-factor/confirm')
      .set(bearer(user))
      .send({ code: totpCodeAt(secret, Date.now() + 10 * STEP_MS) })
      .expect(401);
    expect(refused.body.code).toBe('SECOND_FACTOR_INVALID');
    for (const body of [{}, { code: 'abcdef' }, { code: '123456', extra: 1 }])
      expect(
        (await api.http().post('/api/auth/second-factor/confirm').set(bearer(user)).send(body).expect(400))
          .body.code,
      ).toBe('VALIDATION_FAILED');

    const confirmed = await api
      .http()
      .post('/api/auth/second-factor/confirm')
      .set(bearer(user))
      .send({ code: await app.next() })
      .expect(200);
    recoveryCodes = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(await status()).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10, required: false });
    const codesText = JSON.stringify(
      await api.dataSource.query(`SELECT * FROM account_recovery_codes WHERE user_id = $1`, [user.id]),
    );
    for (const code of recoveryCodes) {
      expect(codesText).not.toContain(code);
      expect(codesText).not.toContain(code.replaceAll('-', ''));
    }
    // Once on, a new set-up is refused (turn it off first).
    expect(
      (await api.http().post('/api/auth/second-factor/setup').set(bearer(user)).expect(409)).body.code,
    ).toBe('SECOND_FACTOR_ALREADY_ENABLED');
  });

  it('signing in asks for the code after the password, refuses a wrong or replayed one, accepts the next', async () => {
    // A wrong password is still just that: nothing says whether the account has a second factor.
    expect((await login({ password: 'otra-contraseña-mala' }).expect(401)).body.code).toBe(
      'INVALID_CREDENTIALS',
    );
    const required = await login().set('Accept-Language', 'es').expect(401);
    expect(required.body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    expect(required.body.message).toMatch(/código de verificación/);
    expect(required.body.accessToken).toBeUndefined();

    expect((await login({ code: '12345' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const wrong = totpCodeAt(secret, Date.now() + 10 * STEP_MS);
    expect((await login({ code: wrong }).expect(401)).body.code).toBe('SECOND_FACTOR_INVALID');

    const code = await app.next();
    const signedIn = await login({ code }).expect(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    // The same code again (a replay) is refused, even within its 30 seconds.
    expect((await login({ code }).expect(401)).body.code).toBe('SECOND_FACTOR_INVALID');
    expect((await login({ code: ` ${code.slice(0, 3)} ${code.slice(3)} ` }).expect(401)).body.code).toBe(
      'SECOND_FACTOR_INVALID',
    );
    await login({ code: await app.next() }).expect(200);
  });

  it('a recovery code signs in once, is consumed, and is a public fact with how many are left', async () => {
    const [first, second] = recoveryCodes;
    await login({ code: first!.toUpperCase() }).expect(200);
    expect((await login({ code: first }).expect(401)).body.code).toBe('SECOND_FACTOR_INVALID');
    expect(await status()).toMatchObject({ recoveryCodesLeft: 9 });
    await login({ code: second!.replaceAll('-', ' ') }).expect(200);
    expect(await status()).toMatchObject({ recoveryCodesLeft: 8 });

    const { events } = await ledgerEvents(api);
    const used = events.filter((e) => e.type === 'account.recovery_code_used');
    expect(used.map((e) => e.payload)).toEqual([
      { userId: user.id, remaining: 9 },
      { userId: user.id, remaining: 8 },
    ]);
  });

  it('regenerates recovery codes with a current code: the old ones stop working', async () => {
    const old = recoveryCodes[5]!;
    for (const code of ['', 'abc'])
      expect(
        (
          await api
            .http()
            .post('/api/auth/second-factor/recovery-codes')
            .set(bearer(user))
            .send({ code })
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
    expect(
      (
        await api
          .http()
          .post('/api/auth/second-factor/recovery-codes')
          .set(bearer(user))
          .send({ code: app.last() })
          .expect(401)
      ).body.code,
    ).toBe('SECOND_FACTOR_INVALID');
    const regenerated = await api
      .http()
      .post('/api/auth/second-factor/recovery-codes')
      .set(bearer(user))
      .send({ code: await app.next() })
      .expect(200);
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    expect(regenerated.body.recoveryCodes).not.toContain(old);
    expect(await status()).toMatchObject({ recoveryCodesLeft: 10 });
    expect((await login({ code: old }).expect(401)).body.code).toBe('SECOND_FACTOR_INVALID');
    recoveryCodes = regenerated.body.recoveryCodes;
  });

  it('a wrong code counts as a failed sign-in for the throttle', async () => {
    const other = await userWithRoles(api, ['delegate']);
    const otherLogin = (code?: string) =>
      api
        .http()
        .post('/api/auth/login')
        .send({ email: other.email, password: TEST_PASSWORD, ...(code ? { code } : {}) });
    // A second set-up before confirming replaces the first secret.
    await api.http().post('/api/auth/second-factor/setup').set(bearer(other)).expect(200);
    const otherSecret: string = (
      await api.http().post('/api/auth/second-factor/setup').set(bearer(other)).expect(200)
    ).body.secret;
    const otherApp = authenticator(otherSecret);
    await api
      .http()
      .post('/api/auth/second-factor/confirm')
      .set(bearer(other))
      .send({ code: await otherApp.next() })
      .expect(200);
    // The pair allowance (LOGIN_RATE_LIMIT_PER_ACCOUNT, 5) of wrong codes, then a growing wait: 429.
    const wrong = totpCodeAt(otherSecret, Date.now() + 10 * STEP_MS);
    const answers: number[] = [];
    for (let i = 0; i < 7; i += 1) answers.push((await otherLogin(wrong)).status);
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(answers.at(-1)).toBe(429);
  });

  it('turns off with the password and a code; the record has both changes and no secret or code', async () => {
    const disable = (body: Record<string, unknown>) =>
      api.http().post('/api/auth/second-factor/disable').set(bearer(user)).send(body);
    expect(
      (await disable({ password: 'no-es-la-contraseña', code: recoveryCodes[0] }).expect(403)).body.code,
    ).toBe('CURRENT_PASSWORD_WRONG');
    expect((await disable({ password: TEST_PASSWORD, code: '000-000' }).expect(401)).body.code).toBe(
      'SECOND_FACTOR_INVALID',
    );
    expect((await disable({ code: recoveryCodes[0] }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await status()).toMatchObject({ enabled: true });
    await disable({ password: TEST_PASSWORD, code: recoveryCodes[0] }).expect(204);
    expect(await status()).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0, required: false });
    await login().expect(200);
    expect((await disable({ password: TEST_PASSWORD, code: recoveryCodes[1] }).expect(409)).body.code).toBe(
      'SECOND_FACTOR_NOT_ENABLED',
    );

    const { text, events } = await ledgerEvents(api);
    const changes = events.filter(
      (e) => e.type === 'account.second_factor_changed' && e.payload.userId === user.id,
    );
    expect(changes.map((e) => e.payload)).toEqual([
      { userId: user.id, method: 'totp', enabled: true },
      { userId: user.id, method: 'totp', enabled: false },
    ]);
    expect(text).not.toContain(secret);
    for (const code of recoveryCodes) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.replaceAll('-', ''));
    }
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await api.http().get('/api/docs-json').expect(200)).body;
    for (const path of ['', '/setup', '/confirm', '/disable', '/recovery-codes'])
      expect(doc.paths).toHaveProperty([`/api/auth/second-factor${path}`]);
    expect(doc.components.schemas.LoginDto.properties).toHaveProperty('code');
  });
});

describe('A second factor required by the rules for a role (SECOND_FACTOR_ROLES=moderator)', () => {
  let api: TestApi;
  let moderator: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ SECOND_FACTOR_ROLES: 'moderator' });
    moderator = await userWithRoles(api, ['moderator']);
  });
  afterAll(() => api?.close());

  const schedule = (who: TestUser) =>
    api.http().post('/api/sessions').set(bearer(who)).send({
      kind: 'ordinary',
      title: 'Sesión con verificación',
      scheduledAt: '2026-12-05T15:00:00Z',
      place: 'Cajamarca',
    });

  it('refuses moderator actions until the moderator turns it on; signing in, reading and setting up stay open', async () => {
    const rules = (await api.http().get('/api/rules').expect(200)).body;
    expect(rules.secondFactorRoles).toEqual(['moderator']);
    const refused = await schedule(moderator).set('Accept-Language', 'es').expect(403);
    expect(refused.body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
    expect(refused.body.message).toMatch(/\/cuenta/);
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 0 }]);
    // Not a role the rules name: no second factor asked of it.
    const admin = await userWithRoles(api, ['admin']);
    await api.http().get('/api/users').set(bearer(admin)).expect(200);

    await api.http().get('/api/auth/me').set(bearer(moderator)).expect(200);
    await api.http().get('/api/sessions').set(bearer(moderator)).expect(200);
    expect(
      (await api.http().get('/api/auth/second-factor').set(bearer(moderator)).expect(200)).body,
    ).toMatchObject({
      enabled: false,
      required: true,
    });
    const setup = await api.http().post('/api/auth/second-factor/setup').set(bearer(moderator)).expect(200);
    const app = authenticator(setup.body.secret);
    // Pending is not enough.
    expect((await schedule(moderator).expect(403)).body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
    await api
      .http()
      .post('/api/auth/second-factor/confirm')
      .set(bearer(moderator))
      .send({ code: await app.next() })
      .expect(200);
    await schedule(moderator).expect(201);

    // The same account also holding a role the rules do not name acts through it without a second factor.
    const both = await userWithRoles(api, ['moderator', 'admin']);
    await api.http().get('/api/users').set(bearer(both)).expect(200);
    expect((await schedule(both).expect(403)).body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
  });

  it('a new version of the rules applies to the check at once', async () => {
    const admin = await userWithRoles(api, ['admin']);
    const other = await userWithRoles(api, ['moderator']);
    expect((await schedule(other).expect(403)).body.code).toBe('SECOND_FACTOR_SETUP_REQUIRED');
    const current = (await api.http().get('/api/rules').expect(200)).body;
    const { version: _v, effectiveAt: _e, adoptedAt: _a, timeZone: _t, pending: _p, ...rules } = current;
    await api
      .http()
      .post('/api/rules/versions')
      .set(bearer(admin))
      .send({ rules: { ...rules, secondFactorRoles: [] } })
      .expect(201);
    await schedule(other).expect(201);
    for (const [bad, status, code] of [
      [['root'], 400, 'VALIDATION_FAILED'],
      [['admin', 'admin'], 422, 'RULES_INVALID'],
    ] as const) {
      const refused = await api
        .http()
        .post('/api/rules/versions')
        .set(bearer(admin))
        .send({ rules: { ...rules, secondFactorRoles: bad } })
        .expect(status);
      expect(refused.body.code).toBe(code);
    }
    expect((await api.http().get('/api/rules').expect(200)).body.secondFactorRoles).toEqual([]);
  });
});

describe('A second factor required of delegates (SECOND_FACTOR_ROLES=delegate) applies to socket actions too', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ SECOND_FACTOR_ROLES: 'delegate' });
    await api.app.listen(0, '127.0.0.1');
  });
  afterAll(() => api?.close());

  it('refuses a delegate’s floor request over the socket until the delegate turns it on', async () => {
    const delegate = await seatDelegate(api);
    const socket = await connect(urlOf(api), delegate.token);
    try {
      const sessionId = '00000000-0000-4000-8000-000000000000';
      const refused = await socket.timeout(5000).emitWithAck('floor.withdraw', { sessionId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'SECOND_FACTOR_SETUP_REQUIRED' } });
      const setup = await api.http().post('/api/auth/second-factor/setup').set(bearer(delegate)).expect(200);
      await api
        .http()
        .post('/api/auth/second-factor/confirm')
        .set(bearer(delegate))
        .send({ code: await authenticator(setup.body.secret).next() })
        .expect(200);
      // Past the check: the session does not exist.
      const next = await socket.timeout(5000).emitWithAck('floor.withdraw', { sessionId });
      expect(next).toMatchObject({ ok: false });
      expect((next as { error: { code: string } }).error.code).not.toBe('SECOND_FACTOR_SETUP_REQUIRED');
    } finally {
      socket.disconnect();
    }
  });
});
