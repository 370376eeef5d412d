import { startTestApi, type TestApi } from './support/test-api.js';

describe('Plan catalogue (public)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('lists every strategic objective without login, in plan order', async () => {
    const response = await api.http().get('/api/plan/objectives').expect(200);
    expect(response.body).toHaveLength(47);
    expect(response.body[0]).toMatchObject({
      code: 'SOC-SALUD-O1',
      theme: { code: 'SOC-SALUD', name: 'Salud' },
      dimension: { code: 'SOC', name: 'Dimensión Social' },
    });
  });

  it('filters by dimension and by theme (code or slug)', async () => {
    const economic = await api.http().get('/api/plan/objectives?dimension=ECO').expect(200);
    expect(economic.body).toHaveLength(15);
    expect(economic.body.every((o: { dimension: { code: string } }) => o.dimension.code === 'ECO')).toBe(
      true,
    );
    const bySlug = await api.http().get('/api/plan/objectives?theme=salud').expect(200);
    const byCode = await api.http().get('/api/plan/objectives?theme=SOC-SALUD').expect(200);
    expect(bySlug.body.map((o: { code: string }) => o.code)).toEqual([
      'SOC-SALUD-O1',
      'SOC-SALUD-O2',
      'SOC-SALUD-O3',
      'SOC-SALUD-O4',
      'SOC-SALUD-O5',
      'SOC-SALUD-O6',
    ]);
    expect(byCode.body).toEqual(bySlug.body);
  });

  it('searches in Spanish ignoring accents and case: "educacion" finds Educación', async () => {
    const response = await api.http().get('/api/plan/objectives').query({ q: 'educacion' }).expect(200);
    const codes = response.body.map((o: { code: string }) => o.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'SOC-EDUCACION-O1',
        'SOC-EDUCACION-O2',
        'SOC-EDUCACION-O3',
        'SOC-EDUCACION-O4',
      ]),
    );
    expect(codes.every((code: string) => code.startsWith('SOC-'))).toBe(true);
  });

  it('"desnutricion" finds the anemia and child-nutrition objective first', async () => {
    const response = await api.http().get('/api/plan/objectives').query({ q: 'DESNUTRICION' }).expect(200);
    expect(response.body[0].code).toBe('SOC-SALUD-O4');
    expect(response.body[0].text).toBe(
      'Reducción sustantiva de la anemia, desnutrición crónica infantil y mortalidad materna y neonatal.',
    );
  });

  it('matches word parts and several words together, and finds nothing for nonsense', async () => {
    const partial = await api.http().get('/api/plan/objectives').query({ q: 'asamblea popular' }).expect(200);
    expect(partial.body.map((o: { code: string }) => o.code)).toContain('INS-PARTICIPACION-O1');
    const none = await api.http().get('/api/plan/objectives').query({ q: 'zzzqqq' }).expect(200);
    expect(none.body).toEqual([]);
  });

  it('gets one objective by code with its problems, 2022 targets (parsed) and cross-cutting policies', async () => {
    const response = await api.http().get('/api/plan/objectives/soc-salud-o4').expect(200);
    expect(response.body.code).toBe('SOC-SALUD-O4');
    expect(response.body.problems.length).toBe(2);
    const target = response.body.targets.find((t: { text: string }) => t.text.includes('13.3%'));
    expect(target.measures).toEqual([{ raw: '13.3%', value: 13.3, unit: '%' }]);
    expect(response.body.nationalPolicies.map((p: { code: string }) => p.code)).toContain('AN-2d');
    expect(response.body.bicentenarioAxes.map((a: { code: string }) => a.code)).toContain('BIC-2');
  });

  it('answers an unknown code with 404 PLAN_OBJECTIVE_NOT_FOUND and a bad filter with 400', async () => {
    const missing = await api
      .http()
      .get('/api/plan/objectives/SOC-SALUD-O99')
      .set('Accept-Language', 'en')
      .expect(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      code: 'PLAN_OBJECTIVE_NOT_FOUND',
      message: 'No such strategic objective: SOC-SALUD-O99.',
    });
    expect((await api.http().get('/api/plan/objectives?dimension=SOCIAL1').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await api.http().get('/api/plan/objectives?color=red').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('serves the whole catalogue with both cross-cutting taxonomies', async () => {
    const response = await api.http().get('/api/plan').expect(200);
    expect(response.body.version.version).toBe('2018-2022.1');
    expect(response.body.dimensions.map((d: { code: string }) => d.code)).toEqual([
      'SOC',
      'ECO',
      'AMB',
      'INS',
    ]);
    const themes = response.body.dimensions.flatMap((d: { themes: unknown[] }) => d.themes);
    expect(themes).toHaveLength(16);
    expect(response.body.acuerdoNacional.flatMap((g: { policies: unknown[] }) => g.policies)).toHaveLength(
      18,
    );
    expect(response.body.bicentenario).toHaveLength(6);
  });

  it('reloads nothing when the catalogue file has not changed', async () => {
    const { loadPlanCatalogue } = await import('#persistence');
    expect(await loadPlanCatalogue(api.dataSource)).toEqual({ loaded: false, version: '2018-2022.1' });
  });
});
