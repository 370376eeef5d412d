import type { LiveAck } from '#contracts';
import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { connect, urlOf, type Client } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  bodyFields: Record<string, { type?: string; format?: string; enum?: unknown[] }>;
  queryFields: string[];
}

const HOSTILE: Json[] = [
  "' OR 1=1 --",
  '"; DROP TABLE ballots; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\u0000\u0001\u0002',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'x'.repeat(70_000),
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  [],
  {},
  [[[[[[[[]]]]]]]],
  { $ne: null },
  '😀'.repeat(500),
  '2026-13-45T99:99:99Z',
  'NaN',
];
const BAD_IDS = [
  'not-a-uuid',
  "1' OR '1'='1",
  '%00',
  'x'.repeat(600),
  '00000000-0000-0000-0000-00000000000g',
  '-1',
  '..%2F..%2Fetc',
];

/** Every table's content, hashed: a refused request must change none of it. */
async function databaseSnapshot(api: TestApi): Promise<Record<string, string>> {
  const tables: { tablename: string }[] = await api.dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
  );
  const snapshot: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row]: { digest: string | null; n: number }[] = await api.dataSource.query(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*)::int AS n FROM "${tablename}" t`,
    );
    snapshot[tablename] = `${row!.n}:${row!.digest ?? ''}`;
  }
  return snapshot;
}

function operations(document: {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
      }
    >
  >;
  components?: { schemas?: Record<string, { properties?: Operation['bodyFields'] }> };
}): Operation[] {
  const list: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      const schema = ref ? document.components?.schemas?.[ref.split('/').at(-1)!] : undefined;
      list.push({
        method: method as Operation['method'],
        path,
        bodyFields: schema?.properties ?? {},
        queryFields: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return list;
}

describe('Abuse: malformed requests and socket events change nothing and never answer 5xx', () => {
  let api: TestApi;
  let all: TestUser;
  let sessionId: string;

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', LOGIN_RATE_LIMIT_PER_IP: '100000' });
    await api.app.listen(0, '127.0.0.1');
    // One account with every role and a delegate seat, so requests get past the guards to validation.
    const moderator = await userWithRoles(api, ['moderator']);
    all = await seatDelegate(api);
    await api.dataSource.query(
      `UPDATE users SET roles = '{admin,moderator,delegate,liaison}', institution_id = (SELECT id FROM institutions WHERE code = 'DIRESA') WHERE id = $1`,
      [all.id],
    );
    const delegates = await seatDelegatesInBulk(api, 3);
    sessionId = await openSession(api, moderator);
    const motion = await admittedMotion(api, delegates[0]!, moderator, { institutionCodes: ['DIRESA'] });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, delegates);
    const vote = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(201);
    await api
      .http()
      .post(`/api/votes/${vote.body.id}/ballots`)
      .set(bearer(delegates[0]!))
      .send({ choice: 'yes' })
      .expect(200);
    await api.http().post(`/api/votes/${vote.body.id}/close`).set(bearer(moderator)).expect(200);
    // Let background work (progress, jobs, relay) settle before the snapshot.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 120_000);
  afterAll(() => api.close());

  it('walks the OpenAPI document with at least 5,000 malformed requests', async () => {
    const document = (await api.http().get('/api/docs-json').expect(200)).body;
    const ops = operations(document);
    expect(ops.length).toBeGreaterThan(60);
    const before = await databaseSnapshot(api);
    const tokens = [`Bearer ${all.token}`, 'Bearer garbage', `Bearer ${all.token.slice(0, -3)}abc`, ''];
    const url = urlOf(api);
    const agent = request(url);
    const send = (method: Operation['method'], path: string) => agent[method](path);
    const cases: { label: string; mutating: boolean; run: () => request.Test }[] = [];
    for (const op of ops) {
      const paths = op.path.includes('{')
        ? BAD_IDS.map((bad) => op.path.replace(/\{[^}]+\}/g, encodeURIComponent(bad)))
        : [op.path];
      const bodies: Json[] = [];
      const fields = Object.keys(op.bodyFields);
      for (const hostile of HOSTILE) {
        // Every body carries at least one defect: a hostile value in a field, or a field nobody declared.
        bodies.push({ ...Object.fromEntries(fields.map((f) => [f, hostile])), __proto_x__: hostile });
        for (const field of fields) bodies.push({ [field]: hostile, unexpected: 1 });
      }
      bodies.push(null, 'not an object', [1, 2, 3], 42);
      for (const path of paths) {
        for (const [i, body] of bodies.entries()) {
          const query = op.queryFields.length
            ? `?${op.queryFields.map((q) => `${q}=${encodeURIComponent(String(HOSTILE[i % HOSTILE.length]).slice(0, 2000))}`).join('&')}&zz=1`
            : '';
          const token = tokens[i % tokens.length]!;
          cases.push({
            label: `${op.method.toUpperCase()} ${path.slice(0, 100)}`,
            mutating: op.method !== 'get',
            run: () => {
              const call = send(op.method, `${path}${query}`).set('Accept-Language', i % 2 ? 'en' : 'es');
              if (token) void call.set('Authorization', token);
              if (op.method === 'get' || op.method === 'delete') return call;
              return call
                .set('Content-Type', 'application/json')
                .send(typeof body === 'string' ? body : JSON.stringify(body));
            },
          });
        }
      }
      // Wrong content types and broken JSON on every mutating route.
      if (op.method !== 'get')
        for (const path of paths.slice(0, 2))
          for (const [type, raw] of [
            ['application/json', '{"broken": '],
            ['text/xml', '<a/>'],
          ] as const)
            cases.push({
              label: `${op.method.toUpperCase()} ${path.slice(0, 100)} (${type})`,
              mutating: true,
              run: () =>
                send(op.method, path).set('Authorization', tokens[0]!).set('Content-Type', type).send(raw),
            });
    }
    expect(cases.length).toBeGreaterThanOrEqual(5000);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < cases.length) {
          const item = cases[next++]!;
          const response = await item.run();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500 || (response.status >= 400 && typeof response.body?.code !== 'string'))
            failures.push(`${response.status} ${item.label} ${JSON.stringify(response.body).slice(0, 200)}`);
          if (response.status < 400 && item.mutating)
            failures.push(`accepted: ${response.status} ${item.label}`);
        }
      }),
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(await databaseSnapshot(api)).toEqual(before);
  }, 300_000);

  it('answers every malformed socket event with a coded refusal and changes nothing', async () => {
    const before = await databaseSnapshot(api);
    const sockets: Client[] = [await connect(urlOf(api)), await connect(urlOf(api), all.token)];
    const payloads: unknown[] = [
      null,
      undefined,
      42,
      'x',
      [],
      {},
      { sessionId: 1 },
      { sessionId: 'nope' },
      { sessionId, extra: true },
      { sessionId: "' OR 1=1" },
      { sessionId, stance: 'shout' },
      { sessionId: 'x'.repeat(100_000) },
      ...HOSTILE.slice(0, 8),
    ];
    let answered = 0;
    for (const socket of sockets) {
      for (const event of [
        'session.join',
        'session.leave',
        'floor.request',
        'floor.withdraw',
        'vote.cast',
        'admin.drop',
        'constructor',
      ]) {
        for (const payload of payloads) {
          const answer = (await (
            socket as unknown as {
              timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<LiveAck> };
            }
          )
            .timeout(5000)
            .emitWithAck(event, payload)) as LiveAck;
          answered += 1;
          if (answer.ok)
            expect(
              event === 'session.leave' ||
                (event === 'session.join' && (payload as { sessionId?: unknown })?.sessionId === sessionId),
            ).toBe(true);
          else expect(answer.error?.code).toMatch(/^[A-Z_]+$/);
        }
      }
      expect(socket.connected).toBe(true);
    }
    expect(answered).toBeGreaterThan(200);
    for (const socket of sockets) socket.disconnect();
    expect(await databaseSnapshot(api)).toEqual(before);
  }, 120_000);

  it('refuses tokens signed with another key, expired, or with alg none', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: all.id, typ: 'access', iss: 'asamblea', iat: now, exp: now + 600 };
    const hmac = (key: string, header: object, body: object) => {
      const unsigned = `${b64(header)}.${b64(body)}`;
      return `${unsigned}.${createHash('sha256').update(key).digest('base64url')}`;
    };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const noneNoDot = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`;
    const otherKey = hmac('another-key', { alg: 'HS256', typ: 'JWT' }, claims);
    const expired = `${all.token.split('.')[0]}.${b64({ ...claims, exp: now - 10 })}.${all.token.split('.')[2]}`;
    for (const token of [none, noneNoDot, otherKey, expired]) {
      const response = await api
        .http()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      expect(response.body.code).toBe('TOKEN_INVALID');
    }
    await api.http().get('/api/auth/me').set(bearer(all)).expect(200);
  });
});
