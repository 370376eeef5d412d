import { countRows, startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';

describe('HTTP basics: errors, languages, limits, docs, health', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await userWithRoles(api, ['admin']);
  });
  afterAll(() => api.close());

  it('answers malformed JSON with 400 MALFORMED_JSON in Spanish by default, changing nothing', async () => {
    const before = await countRows(api, 'institutions');
    const response = await api
      .http()
      .post('/api/institutions')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Content-Type', 'application/json')
      .send('{"code": "X1", "name": ')
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'MALFORMED_JSON',
      message: 'El cuerpo de la solicitud no es JSON válido.',
    });
    expect(await countRows(api, 'institutions')).toBe(before);
  });

  it('speaks English when Accept-Language asks for it', async () => {
    const response = await api
      .http()
      .post('/api/auth/login')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .set('Content-Type', 'application/json')
      .send('{oops')
      .expect(400);
    expect(response.body.message).toBe('The request body is not valid JSON.');
  });

  it('refuses unknown fields with VALIDATION_FAILED naming the field', async () => {
    const response = await api
      .http()
      .post('/api/institutions')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ code: 'NUEVA', name: 'Institución nueva', kind: 'body', isAdmin: true })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
    expect(await api.http().get('/api/institutions/NUEVA').expect(404)).toBeTruthy();
  });

  it.each([
    ['a number where a string is expected', { code: 123, name: 'Institución', kind: 'body' }, 'code'],
    ['an unknown enum value', { code: 'OK-1', name: 'Institución', kind: 'ministry' }, 'kind'],
    ['a missing required field', { code: 'OK-2', kind: 'body' }, 'name'],
  ])('refuses %s with 400 and the field', async (_case, body, field) => {
    const response = await api
      .http()
      .post('/api/institutions')
      .set('Authorization', `Bearer ${admin.token}`)
      .send(body)
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a JSON array or scalar where an object is expected', async () => {
    for (const payload of ['[1,2]', '"texto"', '42']) {
      const response = await api
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(payload);
      expect(response.status).toBe(400);
      expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(response.body.code);
    }
  });

  it('refuses an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await api
      .http()
      .post('/api/auth/login')
      .send({ email: 'a@b.pe', password: 'x'.repeat(200_000) })
      .expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body nested 15,000 levels deep with 400 JSON_TOO_DEEP, anonymously, and handles 60 levels', async () => {
    const deep = 15_000;
    const login = (body: string, language = 'es') =>
      api
        .http()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('Accept-Language', language)
        .send(body);
    for (const body of [
      `{"email":"a@b.pe","password":"x","extra":${'['.repeat(deep)}${']'.repeat(deep)}}`,
      `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`,
      // Unbalanced: refused on the way down, before the parser could call it malformed.
      `{"email":${'['.repeat(deep)}`,
    ]) {
      const response = await login(body);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          code: 'JSON_TOO_DEEP',
          message: 'El cuerpo de la solicitud anida objetos o listas en más de 64 niveles.',
        },
      });
    }
    // The limit itself: 64 levels pass to validation, 65 do not.
    const nested = (levels: number) => `${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}`;
    const at64 = await login(`{"email":${nested(64)},"password":"x"}`);
    expect({ status: at64.status, code: at64.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const at65 = await login(`{"email":${nested(65)},"password":"x"}`, 'en');
    expect(at65.status).toBe(400);
    expect(at65.body).toMatchObject({
      code: 'JSON_TOO_DEEP',
      message: 'The request body nests objects or arrays more than 64 levels deep.',
    });
    // 60 levels are handled like any other body; brackets inside strings are not nesting.
    const at60 = await login(`{"email":${nested(60)},"password":"x"}`);
    expect({ status: at60.status, code: at60.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const bracketsInText = await login(
      JSON.stringify({ email: 'nadie@prueba.pe', password: `${'['.repeat(150)}"\\{` }),
    );
    expect(bracketsInText.status).toBe(401);
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND, and bad ids with 400 instead of a database error', async () => {
    expect((await api.http().get('/api/nothing-here').expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
    const badId = await api.http().get('/api/delegates/not-a-uuid').expect(400);
    expect(badId.body.code).toBe('VALIDATION_FAILED');
  });

  it('serves the web client at every page address, but an asset the build lacks is a 404, not the page', async () => {
    const page = await api.http().get('/mociones/MOC-2026-0001').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="root">');
    const missing = await api.http().get('/assets/index-no-such-build.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('sets security headers, a request id, and keeps a sane caller request id', async () => {
    const response = await api.http().get('/api/health').set('X-Request-Id', 'trace-abc.123').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-abc.123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    const generated = await api
      .http()
      .get('/api/health')
      .set('X-Request-Id', 'bad id with spaces')
      .expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports database and Redis in /api/health', async () => {
    const response = await api.http().get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details).toEqual({
      database: expect.objectContaining({ status: 'up' }),
      redis: expect.objectContaining({ status: 'up' }),
    });
  });

  it('publishes the OpenAPI document and Swagger UI', async () => {
    const document = await api.http().get('/api/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/plan/objectives',
      '/api/plan/objectives/{code}',
      '/api/delegates',
      '/api/delegates/import',
      '/api/sessions',
      '/api/sessions/{id}/floor',
      '/api/ledger',
      '/api/users',
      '/api/health',
    ]) {
      expect(Object.keys(document.body.paths)).toContain(path);
    }
    const ui = await api.http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
