import { InstitutionEntity } from '#persistence';
import { countRows, startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';

type Method = 'post' | 'patch' | 'delete' | 'get';

/**
 * Every admin-only route, called without a token and by each other role: refused with the right
 * code, and the tables it writes to are unchanged afterwards.
 */
describe('Role denials on every admin route', () => {
  let api: TestApi;
  let callers: Record<'moderator' | 'delegate' | 'liaison' | 'noRole', TestUser>;
  let admin: TestUser;
  let delegateId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const diresa = await api.dataSource.getRepository(InstitutionEntity).findOneByOrFail({ code: 'DIRESA' });
    admin = await userWithRoles(api, ['admin']);
    callers = {
      moderator: await userWithRoles(api, ['moderator']),
      delegate: await userWithRoles(api, ['delegate']),
      liaison: await userWithRoles(api, ['liaison'], { institutionId: diresa.id }),
      noRole: await userWithRoles(api, []),
    };
    const created = await api
      .http()
      .post('/api/delegates')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({
        fullName: 'Delegada Existente',
        documentId: '40000001',
        constituencyCode: '0601',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
      })
      .expect(201);
    delegateId = created.body.id;
  });
  afterAll(() => api.close());

  const routes: () => [Method, string, unknown, string, string?][] = () => [
    ['get', '/api/users', undefined, 'users'],
    ['get', `/api/users/${callers.delegate.id}`, undefined, 'users'],
    ['post', '/api/users', { email: 'nuevo@prueba.pe', displayName: 'Nuevo', roles: ['admin'] }, 'users'],
    ['patch', `/api/users/${callers.delegate.id}`, { roles: ['admin'] }, 'users'],
    ['post', `/api/users/${callers.delegate.id}/enrolment`, {}, 'account_enrolments'],
    ['post', '/api/institutions', { code: 'NUEVA', name: 'Institución nueva', kind: 'body' }, 'institutions'],
    ['patch', '/api/institutions/DIRESA', { name: 'Renombrada' }, 'institutions'],
    ['delete', '/api/institutions/ARC', undefined, 'institutions'],
    [
      'post',
      '/api/delegates',
      {
        fullName: 'Intruso',
        documentId: '49999999',
        constituencyCode: '0601',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
      },
      'delegates',
    ],
    ['patch', `/api/delegates/${delegateId}`, { status: 'ceased' }, 'delegates'],
    [
      'post',
      '/api/delegates/import',
      'full_name,document_id,constituency,term_start,term_end\nIntrusa,48888888,0601,2026-01-01,2028-12-31\n',
      'delegates',
      'text/csv',
    ],
    [
      'post',
      '/api/delegates/import/preview',
      'full_name,document_id,constituency,term_start,term_end\nIntrusa,48888888,0601,2026-01-01,2028-12-31\n',
      'delegates',
      'text/csv',
    ],
    ['post', '/api/rules/versions', { rules: {}, note: 'golpe' }, 'assembly_rules_versions'],
    [
      'post',
      `/api/webhooks/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/rotate-secret`,
      undefined,
      'webhook_endpoints',
    ],
  ];

  async function snapshot(table: string): Promise<string> {
    const rows = await api.dataSource.query(`SELECT * FROM ${table} ORDER BY 1`);
    return JSON.stringify(rows);
  }

  /** Calls every route as `token` (none: anonymous); each must be refused and leave its table as it was. */
  async function expectAllRefused(token: string | undefined, status: number, code: string, message?: string) {
    for (const [method, path, body, table, type] of routes()) {
      const before = await snapshot(table);
      let call = api.http()[method](path).set('Accept-Language', 'en');
      if (token) call = call.set('Authorization', `Bearer ${token}`);
      if (type) call = call.set('Content-Type', type);
      const response = await (body === undefined ? call : call.send(body as object));
      expect({ method, path, status: response.status, code: response.body.code }).toEqual({
        method,
        path,
        status,
        code,
      });
      if (message) expect(response.body.message).toBe(message);
      expect(await snapshot(table)).toBe(before);
    }
  }

  it('refuses every admin route without a token: 401 AUTH_REQUIRED, nothing changed', () =>
    expectAllRefused(undefined, 401, 'AUTH_REQUIRED', 'Authentication is required.'));

  it.each(['moderator', 'delegate', 'liaison', 'noRole'] as const)(
    'refuses every admin route to a %s: 403 FORBIDDEN_ROLE in the caller language, nothing changed',
    (role) =>
      expectAllRefused(
        callers[role].token,
        403,
        'FORBIDDEN_ROLE',
        'This action is only for the secretariat (admin).',
      ),
  );

  it('lets the admin through the same routes (the denials are about roles, not broken routes)', async () => {
    const before = await countRows(api, 'institutions');
    await api
      .http()
      .post('/api/institutions')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ code: 'NUEVA', name: 'Institución nueva', kind: 'body' })
      .expect(201);
    expect(await countRows(api, 'institutions')).toBe(before + 1);
    await api.http().get('/api/users').set('Authorization', `Bearer ${admin.token}`).expect(200);
  });
});
