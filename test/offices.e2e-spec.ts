import { createJobHandlers } from '#jobs';
import { bearer } from './support/assembly.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';
import { OfficesService } from '../apps/api/src/offices/offices.service.js';

const TERM = { label: 'Mesa 2031', startsAt: '2031-01-01T05:00:00.000Z', endsAt: '2032-01-01T05:00:00.000Z' };
const OFFICE_TABLES = ['commissions', 'positions', 'terms', 'offices', 'ledger_events'];

async function snapshot(api: TestApi): Promise<number[]> {
  return Promise.all(OFFICE_TABLES.map((table) => countRows(api, table)));
}

async function rolesOf(api: TestApi, userId: string): Promise<string[]> {
  const [row]: { roles: string[] }[] = await api.dataSource.query(`SELECT roles FROM users WHERE id = $1`, [
    userId,
  ]);
  return [...row!.roles].sort();
}

/** Polls a moderator-only route until it answers `status` (the session cache hears role changes by NOTIFY). */
async function moderatorRouteAnswers(api: TestApi, user: TestUser, status: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const response = await api
      .http()
      .get('/api/votes/00000000-0000-4000-8000-000000000000/participation')
      .set(bearer(user));
    if (response.status === status) return;
    if (Date.now() > deadline) throw new Error(`moderator route answered ${response.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Positions, terms and offices', () => {
  let api: TestApi;
  let admin: TestUser;
  let moderator: TestUser;
  let delegate: SeatedDelegate;
  let mesa: { president: string; vice: string };
  let termId: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    delegate = await seatDelegate(api);
  });
  afterAll(() => api.close());

  it('lets only an admin create commissions, positions, terms and offices (401, 403, nothing changed)', async () => {
    const before = await snapshot(api);
    const routes: [string, object][] = [
      ['/api/commissions', { name: { es: 'Comisión de Salud', en: 'Health Commission' } }],
      [
        '/api/positions',
        { body: 'mesa', rank: 'president', title: { es: 'Presidencia', en: 'Presidency' }, seats: 1 },
      ],
      ['/api/terms', TERM],
      [
        '/api/offices',
        {
          positionId: '00000000-0000-4000-8000-000000000001',
          termId: '00000000-0000-4000-8000-000000000002',
          holderId: delegate.id,
        },
      ],
    ];
    for (const [path, body] of routes) {
      expect((await api.http().post(path).send(body).expect(401)).body.code).toBe('AUTH_REQUIRED');
      for (const caller of [moderator, delegate])
        expect((await api.http().post(path).set(bearer(caller)).send(body).expect(403)).body.code).toBe(
          'FORBIDDEN_ROLE',
        );
    }
    expect(await snapshot(api)).toEqual(before);
  });

  it('creates the Mesa and a commission, and refuses what checkPositions and checkTerm refuse', async () => {
    const post = (path: string, body: object) => api.http().post(path).set(bearer(admin)).send(body);
    const president = await post('/api/positions', {
      body: 'mesa',
      rank: 'president',
      title: { es: 'Presidencia', en: 'Presidency' },
      seats: 1,
    }).expect(201);
    const vice = await post('/api/positions', {
      body: 'mesa',
      rank: 'vice_president',
      title: { es: 'Vicepresidencia', en: 'Vice-presidency' },
      seats: 2,
    }).expect(201);
    mesa = { president: president.body.id, vice: vice.body.id };
    const commission = await post('/api/commissions', {
      name: { es: 'Comisión de Salud', en: 'Health Commission' },
    }).expect(201);
    await post('/api/positions', {
      body: 'commission',
      commissionId: commission.body.id,
      rank: 'chair',
      title: { es: 'Presidencia de la comisión', en: 'Chair of the commission' },
      seats: 1,
    }).expect(201);

    const before = await snapshot(api);
    const refusals: [string, object, number, string][] = [
      [
        '/api/positions',
        { body: 'mesa', rank: 'president', title: { es: 'Otra presidencia', en: 'Another' }, seats: 1 },
        422,
        'POSITIONS_INVALID',
      ],
      [
        '/api/positions',
        { body: 'mesa', rank: 'chair', title: { es: 'Presidencia', en: 'Chair' }, seats: 1 },
        422,
        'POSITIONS_INVALID',
      ],
      [
        '/api/positions',
        {
          body: 'commission',
          commissionId: commission.body.id,
          rank: 'chair',
          title: { es: 'Segunda presidencia', en: 'Second chair' },
          seats: 1,
        },
        422,
        'POSITIONS_INVALID',
      ],
      [
        '/api/positions',
        {
          body: 'commission',
          commissionId: '00000000-0000-4000-8000-000000000009',
          rank: 'member',
          title: { es: 'Miembro', en: 'Member' },
          seats: 3,
        },
        404,
        'COMMISSION_NOT_FOUND',
      ],
      [
        '/api/positions',
        { body: 'mesa', rank: 'secretary', title: { es: 'Secretaría' }, seats: 1 },
        400,
        'VALIDATION_FAILED',
      ],
      [
        '/api/positions',
        { body: 'mesa', rank: 'secretary', title: { es: 'Secretaría', en: 'Secretariat' }, seats: 0 },
        400,
        'VALIDATION_FAILED',
      ],
      [
        '/api/positions',
        { body: 'senate', rank: 'secretary', title: { es: 'Secretaría', en: 'Secretariat' }, seats: 1 },
        400,
        'VALIDATION_FAILED',
      ],
      ['/api/terms', { ...TERM, endsAt: TERM.startsAt }, 422, 'TERM_INVALID'],
      ['/api/terms', { ...TERM, startsAt: 'mañana' }, 400, 'VALIDATION_FAILED'],
      ['/api/terms', { ...TERM, extra: true }, 400, 'VALIDATION_FAILED'],
      ['/api/commissions', { name: 'Comisión' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [path, body, status, code] of refusals) {
      const response = await post(path, body);
      expect([path, response.status, response.body.code]).toEqual([path, status, code]);
    }
    expect(await snapshot(api)).toEqual(before);

    const term = await post('/api/terms', TERM).expect(201);
    termId = term.body.id;
    expect(term.body).toMatchObject({ label: TERM.label, startsAt: TERM.startsAt, endsAt: TERM.endsAt });
    expect((await post('/api/terms', TERM).expect(409)).body.code).toBe('TERM_LABEL_TAKEN');

    const positions = await api.http().get('/api/positions').expect(200);
    expect(positions.body.map((p: { rank: string }) => p.rank)).toEqual([
      'president',
      'vice_president',
      'chair',
    ]);
    const types: { type: string }[] = await api.dataSource.query(
      `SELECT type FROM ledger_events WHERE type IN ('commission.created', 'position.created', 'term.created') ORDER BY sequence`,
    );
    expect(types.map((t) => t.type)).toEqual([
      'position.created',
      'position.created',
      'commission.created',
      'position.created',
      'term.created',
    ]);
  });

  it('grants the moderator role at the term’s start and withdraws it at its end, each step in the record', async () => {
    const offices = api.app.get(OfficesService);
    const holderAdmin = await userWithRoles(api, ['admin', 'moderator']);
    const assign = (positionId: string, holderId: string) =>
      api.http().post('/api/offices').set(bearer(admin)).send({ positionId, termId, holderId });
    const office = await assign(mesa.president, delegate.id).expect(201);
    expect(office.body).toMatchObject({
      holderId: delegate.id,
      delegateId: delegate.delegateId,
      takenAt: null,
    });
    await assign(mesa.vice, holderAdmin.id).expect(201);
    // The presidency has one seat; the same holder twice in one term is refused.
    const before = await snapshot(api);
    expect((await assign(mesa.president, holderAdmin.id).expect(409)).body.code).toBe('POSITION_SEATS_FULL');
    expect((await assign(mesa.vice, holderAdmin.id).expect(409)).body.code).toBe('OFFICE_ALREADY_HELD');
    expect(
      (
        await api
          .http()
          .post('/api/offices')
          .set(bearer(admin))
          .send({ positionId: mesa.vice, termId, holderId: '00000000-0000-4000-8000-000000000003' })
          .expect(404)
      ).body.code,
    ).toBe('HOLDER_NOT_FOUND');
    expect(await snapshot(api)).toEqual(before);

    // Before the term: nothing changes.
    expect(await offices.applyChanges(new Date('2030-12-31T00:00:00Z'))).toEqual({ taken: 0, ended: 0 });
    expect(await rolesOf(api, delegate.id)).toEqual(['delegate']);
    await moderatorRouteAnswers(api, delegate, 403);

    // At the term's start, through the registered job handler (the same code the worker runs).
    const handlers = createJobHandlers(api.dataSource, api.config);
    expect(await handlers['offices.apply-changes']({ at: TERM.startsAt })).toEqual({ taken: 2, ended: 0 });
    expect(await rolesOf(api, delegate.id)).toEqual(['delegate', 'moderator']);
    expect(await rolesOf(api, holderAdmin.id)).toEqual(['admin', 'moderator']);
    await moderatorRouteAnswers(api, delegate, 404);
    // Idempotent: applied once.
    expect(await offices.applyChanges(new Date('2031-06-01T00:00:00Z'))).toEqual({ taken: 0, ended: 0 });

    const taken: { payload: { holderId: string; roles: string[]; applied: string[] } }[] =
      await api.dataSource.query(
        `SELECT payload FROM ledger_events WHERE type = 'office.taken' ORDER BY sequence`,
      );
    expect(taken.map((e) => [e.payload.holderId, e.payload.roles, e.payload.applied]).sort()).toEqual(
      [
        [delegate.id, ['moderator'], ['moderator']],
        [holderAdmin.id, ['moderator'], []],
      ].sort(),
    );

    expect(await offices.applyChanges(new Date(TERM.endsAt))).toEqual({ taken: 0, ended: 2 });
    expect(await rolesOf(api, delegate.id)).toEqual(['delegate']);
    // Held otherwise (an administrator's grant): not withdrawn by the office's end.
    expect(await rolesOf(api, holderAdmin.id)).toEqual(['admin', 'moderator']);
    await moderatorRouteAnswers(api, delegate, 403);

    const roleChanges: { payload: { userId: string; granted: string[]; removed: string[] } }[] =
      await api.dataSource.query(
        `SELECT payload FROM ledger_events WHERE type = 'account.roles_changed' AND payload->>'userId' = $1 ORDER BY sequence`,
        [delegate.id],
      );
    expect(roleChanges.map((e) => [e.payload.granted, e.payload.removed])).toEqual([
      [['moderator'], []],
      [[], ['moderator']],
    ]);
    const ended: { payload: { applied: string[]; at: string } }[] = await api.dataSource.query(
      `SELECT payload FROM ledger_events WHERE type = 'office.ended' AND payload->>'holderId' = $1`,
      [delegate.id],
    );
    expect(ended.map((e) => e.payload)).toEqual([
      expect.objectContaining({ applied: ['moderator'], at: TERM.endsAt }),
    ]);

    const listed = await api.http().get(`/api/offices?termId=${termId}`).expect(200);
    expect(listed.body).toHaveLength(2);
    expect(
      listed.body.every(
        (o: { takenAt: string; leftAt: string }) => o.takenAt === TERM.startsAt && o.leftAt === TERM.endsAt,
      ),
    ).toBe(true);
    expect((await api.http().get('/api/offices?termId=nope').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
  });
});
