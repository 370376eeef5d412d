import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

describe('Motion reading: Spanish search, filters, stable pagination', () => {
  let api: TestApi;
  let cajamarca: TestUser & { delegateId: string };
  let jaen: TestUser & { delegateId: string };
  const ids: Record<string, string> = {};

  async function file(by: TestUser, key: string, motion: Record<string, unknown>): Promise<void> {
    const draft = await api
      .http()
      .post('/api/motions')
      .set('Authorization', `Bearer ${by.token}`)
      .send(motion)
      .expect(201);
    await api
      .http()
      .post(`/api/motions/${draft.body.id}/file`)
      .set('Authorization', `Bearer ${by.token}`)
      .expect(200);
    ids[key] = draft.body.id;
  }

  beforeAll(async () => {
    api = await startTestApi();
    cajamarca = await seatDelegate(api, { constituencyCode: '0601' });
    jaen = await seatDelegate(api, { constituencyCode: '0608' });
    await userWithRoles(api, ['moderator']);
    await file(cajamarca, 'education', {
      title: 'Plan regional de Educación intercultural bilingüe',
      body: 'Crear escuelas bilingües en las comunidades.',
      objectiveCodes: ['SOC-EDUCACION-O1'],
      institutionCodes: ['DRE'],
    });
    await file(jaen, 'hospital', {
      title: 'Nuevo hospital de Jaén',
      body: 'Concluir el hospital de nivel 2 de Jaén.',
      objectiveCodes: ['SOC-SALUD-O2'],
      institutionCodes: ['DIRESA'],
    });
    await file(cajamarca, 'waterTitle', {
      title: 'Agua segura para las comunidades rurales',
      body: 'Mejorar los sistemas rurales.',
      objectiveCodes: ['SOC-SANEAMIENTO-O2'],
    });
    await file(jaen, 'waterBody', {
      title: 'Fortalecimiento de las JASS',
      body: 'Capacitar a las juntas. Asegurar el acceso al agua en cada centro poblado.',
      objectiveCodes: ['SOC-SANEAMIENTO-O3'],
      institutionCodes: ['DRVCS'],
    });
    for (let i = 0; i < 9; i += 1) {
      await file(i % 2 ? jaen : cajamarca, `filler${i}`, {
        title: `Moción de relleno número ${i}`,
        body: 'Texto.',
        objectiveCodes: ['ECO-AGRARIO-O1'],
      });
    }
  });
  afterAll(() => api.close());

  const search = async (q: string) =>
    (await api.http().get('/api/motions').query({ q }).expect(200)).body.items as {
      id: string;
      rank: number;
    }[];

  it('"educacion" finds "Educación" (accent- and case-insensitive)', async () => {
    expect((await search('educacion')).map((m) => m.id)).toEqual([ids.education]);
    expect((await search('EDUCACIÓN')).map((m) => m.id)).toEqual([ids.education]);
  });

  it('"hospitales" finds a motion about a "hospital" (Spanish stemming)', async () => {
    expect((await search('hospitales')).map((m) => m.id)).toEqual([ids.hospital]);
  });

  it('ranks a title match above a match deep in the body', async () => {
    const results = await search('agua');
    expect(results.map((m) => m.id)).toEqual([ids.waterTitle, ids.waterBody]);
    expect(results[0]!.rank).toBeGreaterThan(results[1]!.rank);
  });

  it('filters by objective, dimension, theme, institution, author and province', async () => {
    const list = async (query: Record<string, string>) =>
      ((await api.http().get('/api/motions').query(query).expect(200)).body.items as { id: string }[])
        .map((m) => m.id)
        .sort();
    expect(await list({ objective: 'SOC-SALUD-O2' })).toEqual([ids.hospital]);
    expect(await list({ theme: 'SOC-SANEAMIENTO' })).toEqual([ids.waterTitle, ids.waterBody].sort());
    expect((await list({ dimension: 'SOC' })).length).toBe(4);
    expect(await list({ institution: 'DRVCS' })).toEqual([ids.waterBody]);
    expect(await list({ constituency: '0608', theme: 'SOC-SALUD' })).toEqual([ids.hospital]);
    expect((await list({ author: jaen.delegateId, limit: '100' })).length).toBe(2 + 4);
    expect(await list({ status: 'admitted' })).toEqual([]);
    expect((await api.http().get('/api/motions?status=archived').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('pages with a cursor: no repeats, no gaps, even when a motion is filed between pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { body: { items: { id: string }[]; nextCursor: string | null } } = await api
        .http()
        .get('/api/motions')
        .query({ limit: 4, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...response.body.items.map((m) => m.id));
      cursor = response.body.nextCursor;
      if (pages === 0)
        await file(jaen, 'late', {
          title: 'Moción presentada entre páginas',
          body: 'Texto.',
          objectiveCodes: ['ECO-AGRARIO-O1'],
        });
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(13);
    expect(seen).not.toContain(ids.late);
    expect((await api.http().get('/api/motions?cursor=not-a-cursor').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('pages search results by rank with the same cursor mechanism', async () => {
    const first = await api.http().get('/api/motions').query({ q: 'relleno', limit: 5 }).expect(200);
    const second = await api
      .http()
      .get('/api/motions')
      .query({ q: 'relleno', limit: 5, cursor: first.body.nextCursor })
      .expect(200);
    const all = [...first.body.items, ...second.body.items].map((m: { id: string }) => m.id);
    expect(new Set(all).size).toBe(9);
    expect(second.body.nextCursor).toBeNull();
  });
});
