import { bearer } from './support/assembly.js';
import { startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';

describe('Sessions are numbered within the year of their date, without gaps, under concurrency', () => {
  let api: TestApi;
  let moderator: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    moderator = await userWithRoles(api, ['moderator']);
  });
  afterAll(() => api?.close());

  const schedule = (scheduledAt: string, title: string) =>
    api
      .http()
      .post('/api/sessions')
      .set(bearer(moderator))
      .send({ kind: 'ordinary', title, scheduledAt, place: 'Cajamarca' });

  it('gives concurrent calls consecutive numbers per year (Lima), in the record and every read', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        schedule(`2027-03-0${i + 1}T15:00:00Z`, `Sesión de 2027 n.${i}`),
      ),
      // 1 January 2027, 03:00 UTC is still 31 December 2026 in Lima.
      schedule('2027-01-01T03:00:00Z', 'Sesión de fin de año'),
      schedule('2026-12-10T15:00:00Z', 'Sesión de diciembre'),
    ]);
    for (const answer of answers) expect(answer.status).toBe(201);
    const numbers = answers.map((a) => a.body.session.number as string);
    expect(numbers.slice(0, 6).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `SES-2027-000${n}`));
    expect(numbers.slice(6).sort()).toEqual(['SES-2026-0001', 'SES-2026-0002']);
    const list = (await api.http().get('/api/sessions').expect(200)).body as { id: string; number: string }[];
    expect(new Set(list.map((s) => s.number)).size).toBe(8);
    const record = (await api.http().get('/api/ledger?limit=500').expect(200)).body.events.filter(
      (e: { type: string }) => e.type === 'session.scheduled',
    );
    expect(record.map((e: { payload: { number: string } }) => e.payload.number).sort()).toEqual(
      [...numbers].sort(),
    );
    // The database holds the invariant too.
    await expect(
      api.dataSource.query(`UPDATE sessions SET number = 'SES-2027-0001' WHERE number = 'SES-2027-0002'`),
    ).rejects.toThrow(/sessions_number_unique/);
  });
});
