import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import {
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

const COOKIE = 'asamblea_refresh';
const TOKEN_SHAPE = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;

/** The `asamblea_refresh` Set-Cookie of an answer: its value and its attributes, as sent. */
function refreshCookieOf(response: { headers: Record<string, unknown> }): {
  value: string;
  attributes: string[];
} {
  const raw = response.headers['set-cookie'];
  const all = Array.isArray(raw) ? (raw as string[]) : [];
  const mine = all.filter((line) => line.startsWith(`${COOKIE}=`));
  expect(mine).toHaveLength(1);
  const [pair, ...attributes] = mine[0]!.split('; ');
  return { value: pair!.slice(COOKIE.length + 1), attributes: attributes.sort() };
}

function hasNoSetCookie(response: { headers: Record<string, unknown> }): void {
  expect(response.headers['set-cookie']).toBeUndefined();
}

describe('What the plenary clients need: refresh cookie, my ballot, participation, rules, motion context', () => {
  let api: TestApi;
  let moderator: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', SPEECH_SECONDS: '240', QUORUM: '1/2' });
    moderator = await userWithRoles(api, ['moderator']);
    admin = await userWithRoles(api, ['admin']);
  });
  afterAll(() => api.close());

  describe('refresh token in an httpOnly cookie', () => {
    const login = (email: string, extra: Record<string, unknown> = {}) =>
      api
        .http()
        .post('/api/auth/login')
        .send({ email, password: TEST_PASSWORD, ...extra });

    it('login with refreshCookie sets the cookie with exactly its attributes and leaves the token out of the body', async () => {
      const user = await userWithRoles(api, []);
      const response = await login(user.email, { refreshCookie: true }).expect(200);
      const cookie = refreshCookieOf(response);
      expect(cookie.value).toMatch(TOKEN_SHAPE);
      expect(cookie.attributes).toEqual(
        [
          `Max-Age=${api.config.refreshTokenTtlSeconds}`,
          'Path=/api/auth',
          'HttpOnly',
          'SameSite=Strict',
        ].sort(),
      );
      expect(Object.keys(response.body).sort()).toEqual(
        ['accessToken', 'expiresIn', 'refreshExpiresIn', 'tokenType', 'user'].sort(),
      );
      expect(response.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: api.config.accessTokenTtlSeconds,
        refreshExpiresIn: api.config.refreshTokenTtlSeconds,
        user: { id: user.id, email: user.email },
      });
      await api
        .http()
        .get('/api/auth/me')
        .set(bearer({ token: response.body.accessToken }))
        .expect(200);
    });

    it('keeps the body token for API clients (no cookie unless asked)', async () => {
      const user = await userWithRoles(api, []);
      const response = await login(user.email, { refreshCookie: false }).expect(200);
      expect(response.body.refreshToken).toMatch(TOKEN_SHAPE);
      hasNoSetCookie(response);
      const refreshed = await api
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: response.body.refreshToken })
        .expect(200);
      expect(refreshed.body.refreshToken).toMatch(TOKEN_SHAPE);
      hasNoSetCookie(refreshed);
    });

    it('refresh with the cookie alone rotates it; the spent value is refused as reuse and revokes the family', async () => {
      const user = await userWithRoles(api, []);
      const first = refreshCookieOf(await login(user.email, { refreshCookie: true }).expect(200));
      const refreshed = await api
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', `other=1; ${COOKIE}=${first.value}`)
        .expect(200);
      expect(refreshed.body.refreshToken).toBeUndefined();
      expect(refreshed.body.accessToken).toEqual(expect.any(String));
      const second = refreshCookieOf(refreshed);
      expect(second.value).toMatch(TOKEN_SHAPE);
      expect(second.value).not.toBe(first.value);
      expect(second.attributes).toEqual(first.attributes);

      // Past the lost-answer retry window, presenting the spent value again is theft: the family goes.
      await api.dataSource.query(
        `UPDATE refresh_tokens SET revoked_at = now() - interval '1 minute' WHERE revoked_at IS NOT NULL AND user_id = $1`,
        [user.id],
      );
      const reused = await api
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', `${COOKIE}=${first.value}`)
        .expect(401);
      expect(reused.body.code).toBe('REFRESH_TOKEN_INVALID');
      const cleared = refreshCookieOf(reused);
      expect(cleared.value).toBe('');
      expect(cleared.attributes).toContain('Max-Age=0');
      expect(cleared.attributes).toContain('Path=/api/auth');
      const revoked = await api
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', `${COOKIE}=${second.value}`)
        .expect(401);
      expect(revoked.body.code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('a body token still wins over the cookie', async () => {
      const user = await userWithRoles(api, []);
      const cookie = refreshCookieOf(await login(user.email, { refreshCookie: true }).expect(200));
      const response = await api
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', `${COOKIE}=${cookie.value}`)
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      expect(response.body.refreshToken).toMatch(TOKEN_SHAPE);
      hasNoSetCookie(response);
    });

    it('no token anywhere, or a garbage cookie: 401 REFRESH_TOKEN_INVALID (a bad cookie is cleared)', async () => {
      const none = await api.http().post('/api/auth/refresh').expect(401);
      expect(none.body.code).toBe('REFRESH_TOKEN_INVALID');
      const emptyBody = await api.http().post('/api/auth/refresh').send({}).expect(401);
      expect(emptyBody.body.code).toBe('REFRESH_TOKEN_INVALID');
      const garbage = await api
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', `${COOKIE}=garbage`)
        .set('Accept-Language', 'en')
        .expect(401);
      expect(garbage.body).toMatchObject({
        code: 'REFRESH_TOKEN_INVALID',
        message: 'The refresh token is invalid, revoked or expired.',
      });
      expect(refreshCookieOf(garbage).attributes).toEqual(
        ['Max-Age=0', 'Path=/api/auth', 'HttpOnly', 'SameSite=Strict'].sort(),
      );
    });

    it('logout takes the cookie, revokes its family and always clears it', async () => {
      const user = await userWithRoles(api, []);
      const cookie = refreshCookieOf(await login(user.email, { refreshCookie: true }).expect(200));
      const out = await api
        .http()
        .post('/api/auth/logout')
        .set('Cookie', `${COOKIE}=${cookie.value}`)
        .expect(204);
      const cleared = refreshCookieOf(out);
      expect(cleared.value).toBe('');
      expect(cleared.attributes).toEqual(
        ['Max-Age=0', 'Path=/api/auth', 'HttpOnly', 'SameSite=Strict'].sort(),
      );
      await api.http().post('/api/auth/refresh').set('Cookie', `${COOKIE}=${cookie.value}`).expect(401);
      // Without any token it still answers 204 and clears the cookie (idempotent).
      expect(refreshCookieOf(await api.http().post('/api/auth/logout').expect(204)).value).toBe('');
      // The body token of API clients still works.
      await api.http().post('/api/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
      await api.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('unknown or mistyped fields are still 400, and a non-JSON body is refused', async () => {
      const user = await userWithRoles(api, []);
      for (const body of [
        { email: user.email, password: TEST_PASSWORD, refreshCookie: true, extra: 1 },
        { email: user.email, password: TEST_PASSWORD, refreshCookie: 'yes' },
      ]) {
        const refused = await api.http().post('/api/auth/login').send(body).expect(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
        hasNoSetCookie(refused);
      }
      for (const path of ['/api/auth/refresh', '/api/auth/logout']) {
        expect((await api.http().post(path).send({ cookie: 'x' }).expect(400)).body.code).toBe(
          'VALIDATION_FAILED',
        );
        expect((await api.http().post(path).send({ refreshToken: 42 }).expect(400)).body.code).toBe(
          'VALIDATION_FAILED',
        );
        const xml = await api.http().post(path).set('Content-Type', 'text/xml').send('<a/>').expect(415);
        expect(xml.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('two refreshes racing with one cookie are both answered: whichever cookie the browser keeps works', async () => {
      const user = await userWithRoles(api, []);
      const cookie = refreshCookieOf(await login(user.email, { refreshCookie: true }).expect(200));
      const refresh = () =>
        api.http().post('/api/auth/refresh').set('Cookie', `${COOKIE}=${cookie.value}`).send({});
      const answers = await Promise.all([refresh(), refresh()]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const rotated = answers.map((answer) => refreshCookieOf(answer).value);
      expect(rotated[0]).not.toBe(rotated[1]);
      // Whatever order the browser receives the answers in, the cookie it keeps renews.
      for (const value of rotated)
        await api.http().post('/api/auth/refresh').set('Cookie', `${COOKIE}=${value}`).send({}).expect(200);
    });

    it('another origin of the same site (Sec-Fetch-Site) can neither rotate the cookie nor log the person out', async () => {
      const user = await userWithRoles(api, []);
      const cookie = refreshCookieOf(await login(user.email, { refreshCookie: true }).expect(200));
      for (const site of ['same-site', 'cross-site']) {
        const refresh = await api
          .http()
          .post('/api/auth/refresh')
          .set('Cookie', `${COOKIE}=${cookie.value}`)
          .set('Sec-Fetch-Site', site)
          .set('Origin', 'http://localhost:8081')
          .expect(401);
        expect(refresh.body.code).toBe('REFRESH_TOKEN_INVALID');
        hasNoSetCookie(refresh);
        const logout = await api
          .http()
          .post('/api/auth/logout')
          .set('Cookie', `${COOKIE}=${cookie.value}`)
          .set('Sec-Fetch-Site', site)
          .expect(204);
        hasNoSetCookie(logout);
      }
      // The family is intact: the web client's own (same-origin) refresh still rotates the same value.
      const own = await api
        .http()
        .post('/api/auth/refresh')
        .set('Cookie', `${COOKIE}=${cookie.value}`)
        .set('Sec-Fetch-Site', 'same-origin')
        .send({})
        .expect(200);
      expect(refreshCookieOf(own).value).toMatch(TOKEN_SHAPE);
    });

    it('documents the optional refresh token and the cookie in OpenAPI', async () => {
      const document = (await api.http().get('/api/docs-json').expect(200)).body;
      const schemas = document.components.schemas;
      expect(schemas.TokenPairDto.required).not.toContain('refreshToken');
      expect(schemas.TokenPairDto.properties.refreshToken).toBeDefined();
      expect(schemas.RefreshDto.required ?? []).not.toContain('refreshToken');
      expect(schemas.LoginDto.properties.refreshCookie.type).toBe('boolean');
      expect(JSON.stringify(document.paths['/api/auth/refresh'])).toContain(COOKIE);
      expect(document.components.securitySchemes[COOKIE]).toMatchObject({
        type: 'apiKey',
        in: 'cookie',
        name: COOKIE,
      });
      for (const path of ['/api/votes/{id}/my-ballot', '/api/votes/{id}/participation', '/api/rules'])
        expect(document.paths[path].get.summary).toEqual(expect.any(String));
    });
  });

  describe('a vote as each delegate and the board see it', () => {
    let author: SeatedDelegate;
    let titulars: SeatedDelegate[];
    let alternateOfPresent: SeatedDelegate;
    let alternateStandingIn: SeatedDelegate;
    let suspended: SeatedDelegate;
    let motion: { id: string; number: string };
    let sessionId: string;
    let itemId: string;
    let voteId: string;

    const myBallot = (user: TestUser, id = voteId) =>
      api.http().get(`/api/votes/${id}/my-ballot`).set(bearer(user));
    const cast = (user: TestUser, choice: string) =>
      api.http().post(`/api/votes/${voteId}/ballots`).set(bearer(user)).send({ choice }).expect(200);

    beforeAll(async () => {
      author = await seatDelegate(api, { fullName: 'Zoila Autora', constituencyCode: '0601' });
      titulars = await seatDelegatesInBulk(api, 6);
      [alternateOfPresent, alternateStandingIn] = (await seatDelegatesInBulk(api, 2, {
        alternatesOf: [titulars[0]!.delegateId, titulars[1]!.delegateId],
      })) as [SeatedDelegate, SeatedDelegate];
      [suspended] = (await seatDelegatesInBulk(api, 1)) as [SeatedDelegate];
      await api.dataSource.query(`UPDATE delegates SET status = 'suspended' WHERE id = $1`, [
        suspended.delegateId,
      ]);
      motion = await admittedMotion(api, author, moderator, { title: 'Agua potable para Chota' });
    });

    it('a motion not yet on any agenda has no agenda item, no votes and no resolution', async () => {
      const detail = await api.http().get(`/api/motions/${motion.number}`).expect(200);
      expect(detail.body).toMatchObject({ agendaItem: null, votes: [], resolutionNumber: null });
    });

    it('motion detail follows its agenda item and session while debated and voted', async () => {
      sessionId = await openSession(api, moderator, 'Sesión ordinaria de agua');
      itemId = await debate(api, moderator, sessionId, motion.id);
      const debated = await api.http().get(`/api/motions/${motion.id}`).expect(200);
      expect(debated.body.agendaItem).toEqual({
        sessionId,
        sessionTitle: 'Sesión ordinaria de agua',
        sessionStatus: 'open',
        itemId,
        itemStatus: 'in_debate',
      });
      expect(debated.body.votes).toEqual([]);

      // 7 seats (the author and 6 titulars; the suspended one holds none), 6 of them present.
      await checkIn(api, sessionId, [
        author,
        titulars[0]!,
        titulars[2]!,
        titulars[3]!,
        titulars[4]!,
        alternateOfPresent,
        alternateStandingIn,
        suspended,
      ]);
      const opened = await api
        .http()
        .post(`/api/sessions/${sessionId}/votes`)
        .set(bearer(moderator))
        .send({ rule: 'simple' })
        .expect(201);
      voteId = opened.body.id;
      expect(opened.body.entitledCount).toBe(6);
      const voting = await api.http().get(`/api/motions/${motion.number}`).expect(200);
      expect(voting.body.agendaItem).toMatchObject({ itemId, itemStatus: 'voting', sessionStatus: 'open' });
      expect(voting.body.votes).toEqual([{ id: voteId, status: 'open', outcome: null, closedAt: null }]);
    });

    it('my-ballot tells each delegate where they stand, with the receipt of their standing ballot', async () => {
      const firstCast = await cast(titulars[0]!, 'yes');
      const changed = await cast(titulars[0]!, 'no');
      expect(changed.body.revision).toBe(2);
      expect(changed.body.receipt).not.toBe(firstCast.body.receipt);
      await cast(alternateStandingIn, 'yes');
      await cast(titulars[2]!, 'abstain');

      const mine = await myBallot(titulars[0]!).expect(200);
      expect(mine.body).toEqual({
        voteId,
        status: 'open',
        secret: false,
        entitled: true,
        reason: null,
        participated: true,
        ballot: {
          choice: 'no',
          revision: 2,
          receipt: changed.body.receipt,
          castAt: changed.body.castAt,
          recordedBy: null,
        },
      });
      expect(new Date(mine.body.ballot.castAt).toISOString()).toBe(mine.body.ballot.castAt);
      expect((await myBallot(alternateStandingIn).expect(200)).body).toMatchObject({
        entitled: true,
        reason: null,
        ballot: { choice: 'yes', revision: 1 },
      });
      expect((await myBallot(titulars[3]!).expect(200)).body).toEqual({
        voteId,
        status: 'open',
        secret: false,
        entitled: true,
        reason: null,
        participated: false,
        ballot: null,
      });
      expect((await myBallot(alternateOfPresent).expect(200)).body).toMatchObject({
        entitled: false,
        reason: 'titular_present',
        ballot: null,
      });
      expect((await myBallot(titulars[5]!).expect(200)).body).toMatchObject({
        entitled: false,
        reason: 'absent_at_opening',
        ballot: null,
      });
      expect((await myBallot(suspended).expect(200)).body).toMatchObject({
        entitled: false,
        reason: 'not_seated',
        ballot: null,
      });
    });

    it('my-ballot refusals: unknown vote 404, an account without a delegate record, other roles, anonymous', async () => {
      const unknown = await myBallot(titulars[0]!, '00000000-0000-4000-8000-000000000000').expect(404);
      expect(unknown.body.code).toBe('VOTE_NOT_FOUND');
      expect((await myBallot(titulars[0]!, 'not-a-uuid').expect(400)).body.code).toBe('VALIDATION_FAILED');
      const noRecord = await userWithRoles(api, ['delegate']);
      expect((await myBallot(noRecord).expect(403)).body.code).toBe('DELEGATE_NOT_ACTIVE');
      const asModerator = await myBallot(moderator).expect(403);
      expect(asModerator.body).toMatchObject({
        code: 'FORBIDDEN_ROLE',
        message: 'Esta acción es solo para un delegado o delegada.',
      });
      expect((await api.http().get(`/api/votes/${voteId}/my-ballot`).expect(401)).body.code).toBe(
        'AUTH_REQUIRED',
      );
    });

    it('participation shows the board who has voted, never how, ordered by constituency then name', async () => {
      for (const user of [moderator, admin]) {
        const response = await api
          .http()
          .get(`/api/votes/${voteId}/participation`)
          .set(bearer(user))
          .expect(200);
        const view = response.body;
        expect(view).toMatchObject({ voteId, status: 'open', entitledCount: 6, castCount: 3 });
        expect(view.entitled).toHaveLength(6);
        const voted = new Set(
          view.entitled
            .filter((e: { hasVoted: boolean }) => e.hasVoted)
            .map((e: { delegateId: string }) => e.delegateId),
        );
        expect(voted).toEqual(
          new Set([titulars[0]!.delegateId, alternateStandingIn.delegateId, titulars[2]!.delegateId]),
        );
        expect(view.entitled.map((e: { delegateId: string }) => e.delegateId)).not.toContain(
          alternateOfPresent.delegateId,
        );
        const names: { code: string; name: string }[] = await api.dataSource.query(
          `SELECT code, name FROM constituencies`,
        );
        for (const entry of view.entitled) {
          expect(Object.keys(entry).sort()).toEqual(['constituency', 'delegateId', 'fullName', 'hasVoted']);
          expect(names).toContainEqual(entry.constituency);
        }
        const order = view.entitled.map((e: { constituency: { name: string }; fullName: string }) => [
          e.constituency.name,
          e.fullName,
        ]);
        const sorted = [...order].sort((a, b) =>
          a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
        );
        expect(order).toEqual(sorted);
        expect(JSON.stringify(view)).not.toMatch(/choice|"yes"|"no"|abstain/);
      }
    });

    it('participation is refused to the public (401) and to delegates (403, named roles)', async () => {
      expect((await api.http().get(`/api/votes/${voteId}/participation`).expect(401)).body.code).toBe(
        'AUTH_REQUIRED',
      );
      const denied = await api
        .http()
        .get(`/api/votes/${voteId}/participation`)
        .set(bearer(titulars[0]!))
        .set('Accept-Language', 'en')
        .expect(403);
      expect(denied.body).toMatchObject({
        code: 'FORBIDDEN_ROLE',
        message: 'This action is only for the presiding board (moderator) or the secretariat (admin).',
      });
      const unknown = await api
        .http()
        .get('/api/votes/00000000-0000-4000-8000-000000000000/participation')
        .set(bearer(moderator))
        .expect(404);
      expect(unknown.body.code).toBe('VOTE_NOT_FOUND');
    });

    it('after close: my ballot and participation still answer, and the motion shows the vote and its resolution', async () => {
      await cast(titulars[3]!, 'yes');
      const closed = await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
      expect(closed.body.tally.outcome).toBe('adopted');

      expect((await myBallot(titulars[0]!).expect(200)).body).toMatchObject({
        status: 'closed',
        entitled: true,
        ballot: { choice: 'no', revision: 2 },
      });
      expect((await myBallot(titulars[5]!).expect(200)).body).toMatchObject({
        status: 'closed',
        reason: 'absent_at_opening',
      });
      const participation = await api
        .http()
        .get(`/api/votes/${voteId}/participation`)
        .set(bearer(admin))
        .expect(200);
      expect(participation.body).toMatchObject({ status: 'closed', entitledCount: 6, castCount: 4 });

      const vote = await api.http().get(`/api/votes/${voteId}`).expect(200);
      const detail = await api.http().get(`/api/motions/${motion.number}`).expect(200);
      expect(detail.body.status).toBe('adopted');
      expect(detail.body.votes).toEqual([
        { id: voteId, status: 'closed', outcome: 'adopted', closedAt: vote.body.closedAt },
      ]);
      expect(detail.body.resolutionNumber).toMatch(/^RES-APR-\d{4}-\d{4,}$/);
      expect(detail.body.resolutionNumber).toBe(vote.body.resolutionNumber);
      expect(detail.body.agendaItem).toEqual({
        sessionId,
        sessionTitle: 'Sesión ordinaria de agua',
        sessionStatus: 'open',
        itemId,
        itemStatus: 'done',
      });

      // The session closing is seen on the next read (nothing stale is served).
      await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
      const after = await api.http().get(`/api/motions/${motion.id}`).expect(200);
      expect(after.body.agendaItem.sessionStatus).toBe('closed');
    });
  });

  describe('motion input', () => {
    it('a title or text of only spaces is refused (trimmed before its length is checked), changing nothing', async () => {
      const author = await seatDelegate(api);
      const before = (await api.dataSource.query(`SELECT count(*)::int AS n FROM motions`))[0].n;
      for (const body of [
        { title: '      ', body: 'Artículo 1. Algo.', objectiveCodes: ['SOC-SALUD-O4'] },
        { title: 'Un título de verdad', body: '   \n  ', objectiveCodes: ['SOC-SALUD-O4'] },
      ]) {
        const refused = await api.http().post('/api/motions').set(bearer(author)).send(body).expect(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
      }
      expect((await api.dataSource.query(`SELECT count(*)::int AS n FROM motions`))[0].n).toBe(before);
      const kept = await api
        .http()
        .post('/api/motions')
        .set(bearer(author))
        .send({
          title: '  Título con espacios alrededor  ',
          body: 'Artículo 1. Algo.',
          objectiveCodes: ['SOC-SALUD-O4'],
        })
        .expect(201);
      expect(kept.body.title).toBe('Título con espacios alrededor');
    });
  });

  describe('adjourning', () => {
    it('defers every item not dealt with and sends its motion back to admitted, in the record', async () => {
      const author = await seatDelegate(api);
      const debated = await admittedMotion(api, author, moderator, { title: 'Moción en debate al levantar' });
      const pending = await admittedMotion(api, author, moderator, { title: 'Moción pendiente al levantar' });
      const sessionId = await openSession(api, moderator, 'Sesión levantada con puntos abiertos');
      await checkIn(api, sessionId, [author]);
      await debate(api, moderator, sessionId, debated.id);
      await api
        .http()
        .post(`/api/sessions/${sessionId}/agenda`)
        .set(bearer(moderator))
        .send({ kind: 'motion', motionId: pending.id })
        .expect(201);
      const closed = await api
        .http()
        .post(`/api/sessions/${sessionId}/close`)
        .set(bearer(moderator))
        .expect(200);
      expect(closed.body.session).toMatchObject({ status: 'closed', currentItemId: null });
      expect(closed.body.agenda.map((item: { status: string }) => item.status)).toEqual([
        'deferred',
        'deferred',
      ]);
      for (const motion of [debated, pending]) {
        const detail = await api.http().get(`/api/motions/${motion.id}`).expect(200);
        expect(detail.body.status).toBe('admitted');
        expect(detail.body.history.at(-1)).toMatchObject({ type: 'motion.deferred' });
      }
      const deferred: { n: string }[] = await api.dataSource.query(
        `SELECT count(*)::text AS n FROM ledger_events
         WHERE type = 'agenda.item_deferred' AND payload->>'sessionId' = $1 AND payload->>'reason' = 'session_closed'`,
        [sessionId],
      );
      expect(deferred[0]!.n).toBe('2');
      // Both can be scheduled again in another session.
      const next = await openSession(api, moderator, 'Sesión siguiente');
      await api
        .http()
        .post(`/api/sessions/${next}/agenda`)
        .set(bearer(moderator))
        .send({ kind: 'motion', motionId: debated.id })
        .expect(201);
      const verdict = await api.http().get('/api/ledger/verify').expect(200);
      expect(verdict.body.ok).toBe(true);
    });
  });

  describe('GET /api/rules', () => {
    it('answers the configured rules to anyone, as version 1 of the reglamento', async () => {
      const response = await api.http().get('/api/rules').expect(200);
      expect(response.body).toMatchObject({
        version: 1,
        cosponsorThreshold: 0,
        quorum: { numerator: 1, denominator: 2 },
        speechSeconds: 240,
        timeZone: 'America/Lima',
        pending: [],
      });
    });

    it('follows the configuration (another quorum and threshold)', async () => {
      const other = await startTestApi({ COSPONSOR_THRESHOLD: '3', QUORUM: '2/3' });
      try {
        expect((await other.http().get('/api/rules').expect(200)).body).toMatchObject({
          version: 1,
          cosponsorThreshold: 3,
          quorum: { numerator: 2, denominator: 3 },
          speechSeconds: 180,
          timeZone: 'America/Lima',
        });
      } finally {
        await other.close();
      }
    });
  });
});
