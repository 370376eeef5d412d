import { countRows, startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';

const TERM = { termStart: '2026-01-01', termEnd: '2028-12-31' };

describe('Delegates: seating, alternates, CSV import, public list', () => {
  let api: TestApi;
  let admin: TestUser;
  const auth = () => ({ Authorization: `Bearer ${admin.token}` });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await userWithRoles(api, ['admin']);
  });
  afterAll(() => api.close());

  it('lists the 13 provinces of Cajamarca publicly', async () => {
    const response = await api.http().get('/api/constituencies').expect(200);
    expect(response.body).toHaveLength(13);
    expect(response.body.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['Cajamarca', 'Jaén', 'Hualgayoc', 'San Ignacio', 'Contumazá']),
    );
  });

  it('seats a titular and an alternate; the public sees them without document or email', async () => {
    const titular = await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .send({
        fullName: 'Rosa Quispe Huamán',
        documentId: '41000001',
        constituencyCode: '0603',
        organization: 'Rondas Campesinas',
        email: 'rosa@prueba.pe',
        ...TERM,
      })
      .expect(201);
    expect(titular.body).toMatchObject({
      seated: true,
      constituency: { code: '0603', name: 'Celendín' },
      documentId: '41000001',
      email: 'rosa@prueba.pe',
    });
    const alternate = await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .send({
        fullName: 'Juan Chávez Díaz',
        documentId: '41000002',
        constituencyCode: '0603',
        alternateOfId: titular.body.id,
        ...TERM,
      })
      .expect(201);
    expect(alternate.body).toMatchObject({ seated: false, alternateOfId: titular.body.id });
    const publicView = await api.http().get(`/api/delegates/${titular.body.id}`).expect(200);
    expect(publicView.body.alternateId).toBe(alternate.body.id);
    expect(publicView.body.documentId).toBeUndefined();
    expect(publicView.body.email).toBeUndefined();
    const search = await api
      .http()
      .get('/api/delegates')
      .query({ q: 'chavez', constituency: '0603' })
      .expect(200);
    expect(search.body.map((d: { id: string }) => d.id)).toEqual([alternate.body.id]);
  });

  it('refuses bad alternates, duplicate documents, unknown provinces and reversed terms, changing nothing', async () => {
    const titular = await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .send({ fullName: 'Carmen Terrones', documentId: '42000001', constituencyCode: '0608', ...TERM })
      .expect(201);
    await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .send({
        fullName: 'Suplente Uno',
        documentId: '42000002',
        constituencyCode: '0608',
        alternateOfId: titular.body.id,
        ...TERM,
      })
      .expect(201);
    const before = await countRows(api, 'delegates');
    const attempts: [object, number, string][] = [
      [
        {
          fullName: 'Suplente Dos',
          documentId: '42000003',
          constituencyCode: '0608',
          alternateOfId: titular.body.id,
          ...TERM,
        },
        422,
        'ALTERNATE_INVALID',
      ],
      [
        {
          fullName: 'Otra Provincia',
          documentId: '42000004',
          constituencyCode: '0601',
          alternateOfId: titular.body.id,
          ...TERM,
        },
        422,
        'ALTERNATE_INVALID',
      ],
      [
        { fullName: 'Repetida', documentId: '42000001', constituencyCode: '0608', ...TERM },
        409,
        'DOCUMENT_ID_TAKEN',
      ],
      [
        { fullName: 'Sin Provincia', documentId: '42000005', constituencyCode: '0699', ...TERM },
        422,
        'CONSTITUENCY_NOT_FOUND',
      ],
      [
        {
          fullName: 'Al Revés',
          documentId: '42000006',
          constituencyCode: '0608',
          termStart: '2028-01-01',
          termEnd: '2026-01-01',
        },
        422,
        'TERM_INVALID',
      ],
      [
        {
          fullName: 'Fecha Rara',
          documentId: '42000007',
          constituencyCode: '0608',
          termStart: '2026-02-30',
          termEnd: '2028-01-01',
        },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [body, status, code] of attempts) {
      const response = await api
        .http()
        .post('/api/delegates')
        .set(auth())
        .set('Accept-Language', 'en')
        .send(body);
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    }
    const english = await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .set('Accept-Language', 'en')
      .send(attempts[0]![0]);
    expect(english.body.message).toBe('Invalid alternate: the titular already has an alternate');
    expect(await countRows(api, 'delegates')).toBe(before);
  });

  it('suspends and reinstates a delegate (seated follows status)', async () => {
    const created = await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .send({ fullName: 'Segundo Bazán', documentId: '43000001', constituencyCode: '0604', ...TERM })
      .expect(201);
    const suspended = await api
      .http()
      .patch(`/api/delegates/${created.body.id}`)
      .set(auth())
      .send({ status: 'suspended' })
      .expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', seated: false });
    const active = await api
      .http()
      .patch(`/api/delegates/${created.body.id}`)
      .set(auth())
      .send({ status: 'active' })
      .expect(200);
    expect(active.body.seated).toBe(true);
  });

  describe('CSV import', () => {
    const header =
      'full_name,document_id,constituency,organization,term_start,term_end,status,alternate_of,email';

    it('imports a whole valid file (province by name or code, alternates in the same file, accounts linked)', async () => {
      const before = await countRows(api, 'delegates');
      const csv = [
        header,
        'María Alcántara Cerdán,44000001,Jaén,Cooperativa Cafetalera,2026-01-01,2028-12-31,active,,maria.alcantara@prueba.pe',
        'Wilmer Idrogo Llanos,44000002,jaen,,2026-01-01,2028-12-31,,44000001,',
        '"Llanos, Flor",44000003,0611,"Vaso de Leche, San Miguel",2026-01-01,2028-12-31,suspended,,',
      ].join('\n');
      const response = await api
        .http()
        .post('/api/delegates/import')
        .set(auth())
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(201);
      expect(response.body).toEqual({
        created: 3,
        accountsLinkedOrCreated: 1,
        staffAccountsSeated: [],
        enrolments: [
          {
            line: 2,
            delegateId: expect.any(String),
            fullName: 'María Alcántara Cerdán',
            email: 'maria.alcantara@prueba.pe',
            code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
            url: expect.stringContaining('/alta#codigo='),
            expiresAt: expect.any(String),
          },
        ],
      });
      expect(await countRows(api, 'delegates')).toBe(before + 3);
      const jaen = await api.http().get('/api/delegates?constituency=0608&q=idrogo').expect(200);
      expect(jaen.body[0].alternateOfId).toBeTruthy();
      const flor = await api.http().get('/api/delegates?q=flor').expect(200);
      expect(flor.body[0]).toMatchObject({
        fullName: 'Llanos, Flor',
        organization: 'Vaso de Leche, San Miguel',
        status: 'suspended',
      });
    });

    it('refuses a file with one bad row as a whole, with a per-row error list in the caller language', async () => {
      const beforeDelegates = await countRows(api, 'delegates');
      const beforeUsers = await countRows(api, 'users');
      const csv = [
        header,
        'Correcta Uno,45000001,Cajamarca,,2026-01-01,2028-12-31,,,correcta@prueba.pe',
        'Correcta Dos,45000002,0601,,2026-01-01,2028-12-31,,,',
        'Mala Fecha,45000003,0601,,2026-13-01,2028-12-31,,,',
        'Provincia Rara,45000004,Lima,,2026-01-01,2028-12-31,,,',
        'Repetida,45000001,0601,,2026-01-01,2028-12-31,,,',
      ].join('\n');
      const response = await api
        .http()
        .post('/api/delegates/import')
        .set(auth())
        .set('Content-Type', 'text/csv')
        .set('Accept-Language', 'en')
        .send(csv)
        .expect(422);
      expect(response.body.code).toBe('CSV_INVALID');
      expect(response.body.message).toBe('The CSV file has 3 error(s); no row was imported.');
      expect(response.body.details.errors).toEqual([
        {
          line: 4,
          column: 'term_start',
          problem: 'bad_date',
          message: 'invalid date "2026-13-01" (use YYYY-MM-DD)',
        },
        {
          line: 5,
          column: 'constituency',
          problem: 'unknown_constituency',
          message: 'unknown province "Lima"',
        },
        {
          line: 6,
          column: 'document_id',
          problem: 'duplicate_in_file',
          message: 'duplicated (already on line 2)',
        },
      ]);
      expect(await countRows(api, 'delegates')).toBe(beforeDelegates);
      expect(await countRows(api, 'users')).toBe(beforeUsers);
    });

    it('refuses rows clashing with stored delegates, unknown columns, unparseable CSV and a non-CSV body', async () => {
      const before = await countRows(api, 'delegates');
      const clash = await api
        .http()
        .post('/api/delegates/import')
        .set(auth())
        .set('Content-Type', 'text/csv')
        .send(`${header}\nOtra Vez,44000001,0608,,2026-01-01,2028-12-31,,,\n`)
        .expect(422);
      expect(clash.body.details.errors[0]).toMatchObject({
        line: 2,
        problem: 'document_id_taken',
        message: 'ya existe un delegado con el documento 44000001',
      });
      const unknownColumn = await api
        .http()
        .post('/api/delegates/import')
        .set(auth())
        .set('Content-Type', 'text/csv')
        .send(
          'full_name,document_id,constituency,term_start,term_end,salary\nA B C,46000001,0601,2026-01-01,2028-12-31,100\n',
        )
        .expect(422);
      expect(unknownColumn.body.details.errors[0]).toMatchObject({
        line: 1,
        column: 'salary',
        problem: 'unknown_column',
      });
      const broken = await api
        .http()
        .post('/api/delegates/import')
        .set(auth())
        .set('Content-Type', 'text/csv')
        .send(`${header}\n"sin cerrar,46000002,0601\n`)
        .expect(422);
      expect(broken.body.details.errors[0].problem).toBe('unparseable');
      const json = await api.http().post('/api/delegates/import').set(auth()).send({ rows: [] }).expect(415);
      expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await countRows(api, 'delegates')).toBe(before);
    });
  });

  it('never seats a staff account silently: the moderator and a liaison are refused unless confirmed', async () => {
    const moderator = await userWithRoles(api, ['moderator']);
    const institution = (await api.http().get('/api/institutions').expect(200)).body[0];
    const liaison = await userWithRoles(api, ['liaison'], { institutionId: institution.id });
    const before = await countRows(api, 'delegates');
    const one = await api
      .http()
      .post('/api/delegates')
      .set(auth())
      .set('Accept-Language', 'es')
      .send({
        fullName: 'Moderadora Votante',
        documentId: '47000001',
        constituencyCode: '0601',
        email: moderator.email,
        ...TERM,
      })
      .expect(409);
    expect(one.body.code).toBe('ACCOUNT_HOLDS_STAFF_ROLES');
    expect(one.body.message).toContain('moderator');

    const file = [
      'full_name,document_id,constituency,term_start,term_end,email',
      `Moderadora Votante,47000001,0601,2026-01-01,2028-12-31,${moderator.email}`,
      `Enlace Votante,47000002,0602,2026-01-01,2028-12-31,${liaison.email}`,
      'Delegada Común,47000003,0603,2026-01-01,2028-12-31,',
    ].join('\n');
    const csv = (path: string) =>
      api.http().post(path).set(auth()).set('Content-Type', 'text/csv').send(file);
    const preview = (await csv('/api/delegates/import/preview').expect(200)).body;
    expect(preview.valid).toBe(false);
    expect(preview.errors.map((e: { line: number; problem: string }) => [e.line, e.problem])).toEqual([
      [2, 'email_staff'],
      [3, 'email_staff'],
    ]);
    expect((await csv('/api/delegates/import').expect(422)).body.code).toBe('CSV_INVALID');
    expect(await countRows(api, 'delegates')).toBe(before);

    // Confirmed: seated, and the answer names the staff accounts that now vote.
    expect(
      (await csv('/api/delegates/import/preview?confirmStaffAccounts=true').expect(200)).body.valid,
    ).toBe(true);
    const imported = (await csv('/api/delegates/import?confirmStaffAccounts=true').expect(201)).body;
    expect(imported).toEqual({
      created: 3,
      accountsLinkedOrCreated: 2,
      enrolments: [],
      staffAccountsSeated: [moderator.email, liaison.email],
    });
    expect(await countRows(api, 'delegates')).toBe(before + 3);
    expect((await csv('/api/delegates/import?confirmStaffAccounts=yes').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
