import { admittedMotion, bearer, checkIn, debate, openSession, voteYesAndClose } from './support/assembly.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

interface RecordEvent {
  sequence: number;
  type: string;
  actor: string | null;
  payload: Record<string, unknown>;
}

/** Nobody sets a password another person then knows; every credential fact is public (issue 17). */
describe('Credentials: enrolment codes, resets, own passwords, the record', () => {
  let api: TestApi;
  let admin: TestUser;
  let moderator: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', LOGIN_RATE_LIMIT_PER_IP: '1000' });
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
  });
  afterAll(() => api.close());

  const accountEvents = async (userId: string): Promise<RecordEvent[]> =>
    api.dataSource.query(
      `SELECT sequence::int AS sequence, type, actor, payload FROM ledger_events WHERE subject = $1 ORDER BY sequence`,
      [`account:${userId}`],
    );
  const login = (email: string, password: string) =>
    api.http().post('/api/auth/login').send({ email, password });

  it('has no route that sets a password for another account', async () => {
    const target = await userWithRoles(api, ['delegate']);
    const before = await countRows(api, 'users');
    const gone = await api
      .http()
      .post(`/api/users/${target.id}/password`)
      .set(bearer(admin))
      .send({ password: 'la-clave-que-yo-sabria-1' })
      .expect(404);
    expect(gone.body.code).toBe('ROUTE_NOT_FOUND');
    const withPassword = await api
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({
        email: 'conclave@prueba.pe',
        displayName: 'Con clave',
        roles: [],
        password: 'la-clave-que-yo-sabria-1',
      })
      .expect(400);
    expect(withPassword.body.code).toBe('VALIDATION_FAILED');
    const delegateWithPassword = await api
      .http()
      .post('/api/delegates')
      .set(bearer(admin))
      .send({
        fullName: 'Delegada Con Clave',
        documentId: '41234567',
        constituencyCode: '0601',
        termStart: '2026-01-01',
        termEnd: '2030-12-31',
        email: 'delegada.conclave@prueba.pe',
        password: 'la-clave-que-yo-sabria-1',
      })
      .expect(400);
    expect(delegateWithPassword.body.code).toBe('VALIDATION_FAILED');
    expect(await countRows(api, 'users')).toBe(before);
    await login(target.email, 'la-clave-que-yo-sabria-1').expect(401);
  });

  it('seats a delegate with a one-time code: the delegate sees whose account it is, chooses a strong password, and the code is spent', async () => {
    const seated = await api
      .http()
      .post('/api/delegates')
      .set(bearer(admin))
      .send({
        fullName: 'Rosa Huamán Chávez',
        documentId: '42345678',
        constituencyCode: '0601',
        termStart: '2026-01-01',
        termEnd: '2030-12-31',
        email: 'rosa.huaman@prueba.pe',
      })
      .expect(201);
    const { code, url, purpose, expiresAt } = seated.body.enrolment;
    expect(purpose).toBe('enrolment');
    expect(url).toBe(`http://localhost:3000/alta#codigo=${code}`);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    // Typed by hand: lower case, spaces instead of dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const looked = await api.http().post('/api/auth/enrolment/lookup').send({ code: typed }).expect(200);
    expect(looked.body).toMatchObject({
      email: 'rosa.huaman@prueba.pe',
      displayName: 'Rosa Huamán Chávez',
      purpose: 'enrolment',
    });

    // Common, breached, a keyboard run, and the person's own e-mail or name (long enough, guessable all the same).
    for (const weak of [
      'contraseña123',
      'Password123!',
      'qwertyuiop12',
      'rosa.huaman@prueba.pe',
      'Rosa Huamán Chávez',
    ]) {
      const refused = await api.http().post('/api/auth/enrolment').send({ code, password: weak }).expect(422);
      expect(refused.body.code).toBe('PASSWORD_TOO_WEAK');
    }
    const short = await api.http().post('/api/auth/enrolment').send({ code, password: 'corta' }).expect(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    await login('rosa.huaman@prueba.pe', 'contraseña123').expect(401);

    const enrolled = await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code: typed, password: 'mi propia frase de paso' })
      .expect(200);
    expect(enrolled.body).toEqual({ email: 'rosa.huaman@prueba.pe' });
    await login('rosa.huaman@prueba.pe', 'mi propia frase de paso').expect(200);

    const again = await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code, password: 'otra frase que yo sabria' })
      .expect(409);
    expect(again.body.code).toBe('ENROLMENT_CODE_USED');
    expect(again.body.message).toMatch(/avise de inmediato a la secretaría/);
    const unknown = await api
      .http()
      .post('/api/auth/enrolment/lookup')
      .send({ code: 'ZZZZ-ZZZZ-ZZZZ' })
      .expect(404);
    expect(unknown.body.code).toBe('ENROLMENT_CODE_INVALID');
    const garbage = await api
      .http()
      .post('/api/auth/enrolment/lookup')
      .send({ code: 'esto no es un código', extra: 1 })
      .expect(400);
    expect(garbage.body.code).toBe('VALIDATION_FAILED');

    // The record: created, seated, code issued (by the secretariat), password set (by its owner). No secret.
    const userId = looked.body.userId as string;
    const events = await accountEvents(userId);
    expect(events.map((e) => e.type)).toEqual([
      'account.created',
      'account.seat_changed',
      'account.enrolment_issued',
      'account.password_set',
    ]);
    expect(events.map((e) => e.actor)).toEqual([...Array(3).fill(`user:${admin.id}`), `user:${userId}`]);
    expect(events[3]!.payload).toEqual({ userId, delegateId: seated.body.id, via: 'enrolment' });
    const all = JSON.stringify(events);
    expect(all).not.toContain(code.replace(/-/g, ''));
    expect(all).not.toContain(code);
    expect(all).not.toContain('rosa.huaman');
    expect(all).not.toContain('frase de paso');
    // …and it is what the public reads.
    const ledger = await api.http().get('/api/ledger?limit=5000').expect(200);
    const served = (ledger.body.events as { subject: string; type: string }[]).filter(
      (e) => e.subject === `account:${userId}`,
    );
    expect(served.map((e) => e.type)).toEqual(events.map((e) => e.type));
  });

  it('refuses an expired code, and a code replaced by a newer one', async () => {
    const created = await api
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({
        email: 'vence@prueba.pe',
        displayName: 'Vence Pronto',
        roles: ['liaison'],
        institutionId: undefined,
      })
      .expect(422); // a liaison needs an institution: nothing is created, no code issued
    expect(created.body.code).toBe('LIAISON_NEEDS_INSTITUTION');
    expect(await countRows(api, 'account_enrolments')).toBeGreaterThan(0);

    const first = await api
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ email: 'vence@prueba.pe', displayName: 'Vence Pronto', roles: ['moderator'] })
      .expect(201);
    const replaced = first.body.enrolment.code as string;
    const second = await api
      .http()
      .post(`/api/users/${first.body.id}/enrolment`)
      .set(bearer(admin))
      .expect(200);
    expect(second.body.purpose).toBe('enrolment'); // no password yet: still an enrolment, not a reset
    const stale = await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code: replaced, password: 'una frase bastante larga' })
      .expect(404);
    expect(stale.body.code).toBe('ENROLMENT_CODE_INVALID');

    await api.dataSource.query(
      `UPDATE account_enrolments SET issued_at = now() - interval '9 days', expires_at = now() - interval '1 day'
       WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [first.body.id],
    );
    const expired = await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code: second.body.code, password: 'una frase bastante larga' })
      .expect(409);
    expect(expired.body.code).toBe('ENROLMENT_CODE_EXPIRED');
    await login('vence@prueba.pe', 'una frase bastante larga').expect(401);
  });

  it('a reset is public, clears the password and ends every session; only the code’s holder then sets one', async () => {
    const delegate = await seatDelegate(api, { fullName: 'Delegado Reiniciado' });
    const reset = await api.http().post(`/api/users/${delegate.id}/enrolment`).set(bearer(admin)).expect(200);
    expect(reset.body.purpose).toBe('reset');
    await login(delegate.email, TEST_PASSWORD).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: delegate.refreshToken }).expect(401);
    const events = await accountEvents(delegate.id);
    const issued = events.filter((e) => e.type === 'account.enrolment_issued');
    expect(issued.at(-1)).toMatchObject({
      actor: `user:${admin.id}`,
      payload: { userId: delegate.id, delegateId: delegate.delegateId, purpose: 'reset' },
    });
    await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code: reset.body.code, password: 'vuelvo con clave nueva' })
      .expect(200);
    expect((await accountEvents(delegate.id)).at(-1)).toMatchObject({
      type: 'account.password_set',
      actor: `user:${delegate.id}`,
      payload: { via: 'reset' },
    });
  });

  it('the owner changes their own password: the current one is required, weak ones are refused, every session ends', async () => {
    const owner = await userWithRoles(api, ['delegate']);
    const second = await login(owner.email, TEST_PASSWORD).expect(200);
    const wrong = await api
      .http()
      .post('/api/auth/password')
      .set(bearer(owner))
      .send({ currentPassword: 'no-es-la-mia', newPassword: 'una frase nueva y larga' })
      .expect(403);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await api
      .http()
      .post('/api/auth/password')
      .set(bearer(owner))
      .send({ currentPassword: TEST_PASSWORD, newPassword: '1234567890' })
      .expect(422);
    expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');
    const unknownField = await api
      .http()
      .post('/api/auth/password')
      .set(bearer(owner))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'una frase nueva y larga', userId: admin.id })
      .expect(400);
    expect(unknownField.body.code).toBe('VALIDATION_FAILED');
    await login(owner.email, TEST_PASSWORD).expect(200);

    await api
      .http()
      .post('/api/auth/password')
      .set(bearer(owner))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'una frase nueva y larga' })
      .expect(204);
    for (const refreshToken of [owner.refreshToken, second.body.refreshToken])
      await api.http().post('/api/auth/refresh').send({ refreshToken }).expect(401);
    await login(owner.email, TEST_PASSWORD).expect(401);
    await login(owner.email, 'una frase nueva y larga').expect(200);
    expect((await accountEvents(owner.id)).at(-1)).toMatchObject({
      type: 'account.password_set',
      actor: `user:${owner.id}`,
      payload: { userId: owner.id, via: 'change' },
    });
    await api
      .http()
      .post('/api/auth/password')
      .send({ currentPassword: 'x', newPassword: 'una frase nueva y larga' })
      .expect(401);
  });

  it('records role changes and deactivation publicly, naming who did it', async () => {
    const target = await userWithRoles(api, ['delegate']);
    await api
      .http()
      .patch(`/api/users/${target.id}`)
      .set(bearer(admin))
      .send({ roles: ['moderator'] })
      .expect(200);
    await api.http().patch(`/api/users/${target.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    const events = (await accountEvents(target.id)).slice(-2);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'account.roles_changed',
        actor: `user:${admin.id}`,
        payload: { userId: target.id, granted: ['moderator'], removed: ['delegate'] },
      }),
      expect.objectContaining({
        type: 'account.status_changed',
        actor: `user:${admin.id}`,
        payload: { userId: target.id, active: false },
      }),
    ]);
    const inactive = await api
      .http()
      .post(`/api/users/${target.id}/enrolment`)
      .set(bearer(admin))
      .expect(409);
    expect(inactive.body.code).toBe('ACCOUNT_INACTIVE');
    const denied = await api
      .http()
      .post(`/api/users/${admin.id}/enrolment`)
      .set(bearer(moderator))
      .expect(403);
    expect(denied.body.code).toBe('FORBIDDEN_ROLE');
  });

  it('a delegate sees every ballot cast in their name and every credential fact of their account', async () => {
    const delegate = await seatDelegate(api, { fullName: 'Delegada Que Revisa' });
    const sessionId = await openSession(api, moderator, 'Sesión con boleta');
    // Quorum: every delegate seated by this file is present.
    const seated: { id: string }[] = await api.dataSource.query(`SELECT id FROM delegates`);
    await checkIn(
      api,
      sessionId,
      seated.map(({ id }) => ({ ...delegate, delegateId: id })),
    );
    const motion = await admittedMotion(api, delegate, moderator, { title: 'Moción de la delegada' });
    await debate(api, moderator, sessionId, motion.id);
    const vote = await voteYesAndClose(api, moderator, sessionId, [delegate]);

    const activity = await api.http().get('/api/auth/me/activity').set(bearer(delegate)).expect(200);
    expect(activity.body.delegateId).toBe(delegate.delegateId);
    expect(activity.body.ballots).toEqual([
      expect.objectContaining({
        voteId: vote.id,
        revision: 1,
        choice: 'yes',
        castBy: `user:${delegate.id}`,
        castByOwnAccount: true,
        voteStatus: 'closed',
        sequence: expect.any(Number),
        receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(activity.body.credentialEvents.map((e: RecordEvent) => e.type)).toEqual([
      'account.created',
      'account.seat_changed',
      'account.enrolment_issued',
      'account.password_set',
    ]);
    // Someone else's account has its own activity, and a seat of its own or none.
    const other = await api.http().get('/api/auth/me/activity').set(bearer(moderator)).expect(200);
    expect(other.body).toMatchObject({ delegateId: null, ballots: [] });
    await api.http().get('/api/auth/me/activity').expect(401);
  });

  it('the import answers one code per account it created, and each works once', async () => {
    const csv = [
      'full_name,document_id,constituency,term_start,term_end,email',
      'Juana Chilón Rojas,43456789,0601,2026-01-01,2030-12-31,juana.chilon@prueba.pe',
      'Pedro Tasilla Ruiz,44567890,0602,2026-01-01,2030-12-31,pedro.tasilla@prueba.pe',
      'Sin Correo Alguno,45678901,0603,2026-01-01,2030-12-31,',
    ].join('\n');
    const imported = await api
      .http()
      .post('/api/delegates/import')
      .set(bearer(admin))
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(201);
    expect(imported.body).toMatchObject({ created: 3, accountsLinkedOrCreated: 2 });
    expect(
      imported.body.enrolments.map((e: { line: number; email: string; fullName: string }) => [
        e.line,
        e.email,
      ]),
    ).toEqual([
      [2, 'juana.chilon@prueba.pe'],
      [3, 'pedro.tasilla@prueba.pe'],
    ]);
    for (const enrolment of imported.body.enrolments as { code: string; email: string; url: string }[]) {
      expect(enrolment.url).toContain(`#codigo=${enrolment.code}`);
      await api
        .http()
        .post('/api/auth/enrolment')
        .send({ code: enrolment.code, password: 'frase larga del padrón' })
        .expect(200);
      await login(enrolment.email, 'frase larga del padrón').expect(200);
    }
  });
});
