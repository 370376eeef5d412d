import { InstitutionEntity } from '#persistence';
import {
  countRows,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

describe('Admin: accounts and institutions', () => {
  let api: TestApi;
  let admin: TestUser;
  let diresaId: string;
  const auth = () => ({ Authorization: `Bearer ${admin.token}` });

  beforeAll(async () => {
    api = await startTestApi();
    admin = await userWithRoles(api, ['admin']);
    diresaId = (await api.dataSource.getRepository(InstitutionEntity).findOneByOrFail({ code: 'DIRESA' })).id;
  });
  afterAll(() => api.close());

  it('creates an account with several roles and an enrolment code; its owner sets the password; no hash leaves the server', async () => {
    const created = await api
      .http()
      .post('/api/users')
      .set(auth())
      .send({ email: 'Mesa.Dos@Prueba.pe', displayName: 'Mesa Dos', roles: ['moderator', 'delegate'] })
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'mesa.dos@prueba.pe',
      roles: ['moderator', 'delegate'],
      active: true,
      passwordSet: false,
      enrolment: {
        code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
        purpose: 'enrolment',
      },
    });
    expect(created.body.enrolment.url).toMatch(/\/alta#codigo=[0-9A-Z-]{14}$/);
    expect(JSON.stringify(created.body)).not.toContain('argon2');
    const listed = await api.http().get('/api/users').set(auth()).expect(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/passwordHash|argon2/);
    expect(listed.body.find((u: { id: string }) => u.id === created.body.id)).toMatchObject({
      passwordSet: false,
      pendingEnrolment: { purpose: 'enrolment' },
    });
    await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code: created.body.enrolment.code, password: 'una-clave-larga-de-mesa' })
      .expect(200);
    await api
      .http()
      .post('/api/auth/login')
      .send({ email: 'mesa.dos@prueba.pe', password: 'una-clave-larga-de-mesa' })
      .expect(200);
    const after = await api.http().get(`/api/users/${created.body.id}`).set(auth()).expect(200);
    expect(after.body).toMatchObject({ passwordSet: true, pendingEnrolment: null });
  });

  it('refuses a taken email (409), a liaison without institution (422), an unknown institution (404), a password set by the secretariat (400)', async () => {
    const before = await countRows(api, 'users');
    expect(
      (
        await api
          .http()
          .post('/api/users')
          .set(auth())
          .send({ email: admin.email, displayName: 'Otra', roles: [] })
          .expect(409)
      ).body.code,
    ).toBe('EMAIL_TAKEN');
    expect(
      (
        await api
          .http()
          .post('/api/users')
          .set(auth())
          .send({ email: 'enlace@prueba.pe', displayName: 'Enlace', roles: ['liaison'] })
          .expect(422)
      ).body.code,
    ).toBe('LIAISON_NEEDS_INSTITUTION');
    expect(
      (
        await api
          .http()
          .post('/api/users')
          .set(auth())
          .send({
            email: 'enlace@prueba.pe',
            displayName: 'Enlace',
            roles: ['liaison'],
            institutionId: '00000000-0000-4000-8000-000000000000',
          })
          .expect(404)
      ).body.code,
    ).toBe('INSTITUTION_NOT_FOUND');
    expect(
      (
        await api
          .http()
          .post('/api/users')
          .set(auth())
          .send({
            email: 'debil@prueba.pe',
            displayName: 'Débil',
            roles: [],
            password: 'una-clave-larga-123',
          })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await api
          .http()
          .post('/api/users')
          .set(auth())
          .send({ email: 'rol@prueba.pe', displayName: 'Rol', roles: ['president'] })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(await countRows(api, 'users')).toBe(before);
  });

  it('binds a liaison to an institution', async () => {
    const created = await api
      .http()
      .post('/api/users')
      .set(auth())
      .send({
        email: 'enlace.salud@prueba.pe',
        displayName: 'Enlace Salud',
        roles: ['liaison'],
        institutionId: diresaId,
      })
      .expect(201);
    expect(created.body.institutionId).toBe(diresaId);
  });

  it('changes roles; deactivation ends the sessions of the account; an admin cannot demote or disable themself', async () => {
    const target = await userWithRoles(api, ['delegate']);
    const updated = await api
      .http()
      .patch(`/api/users/${target.id}`)
      .set(auth())
      .send({ roles: ['delegate', 'moderator'] })
      .expect(200);
    expect(updated.body.roles).toEqual(['delegate', 'moderator']);
    await api.http().patch(`/api/users/${target.id}`).set(auth()).send({ active: false }).expect(200);
    expect(
      (await api.http().post('/api/auth/refresh').send({ refreshToken: target.refreshToken }).expect(401))
        .body.code,
    ).toBe('REFRESH_TOKEN_INVALID');
    expect(
      (
        await api
          .http()
          .patch(`/api/users/${admin.id}`)
          .set(auth())
          .send({ roles: ['moderator'] })
          .expect(409)
      ).body.code,
    ).toBe('CANNOT_CHANGE_OWN_ADMIN');
    expect(
      (await api.http().patch(`/api/users/${admin.id}`).set(auth()).send({ active: false }).expect(409)).body
        .code,
    ).toBe('CANNOT_CHANGE_OWN_ADMIN');
    expect(
      (
        await api
          .http()
          .patch('/api/users/00000000-0000-4000-8000-000000000000')
          .set(auth())
          .send({ active: false })
          .expect(404)
      ).body.code,
    ).toBe('USER_NOT_FOUND');
  });

  it('resets an account with a new code: the password stops working and the old sessions end', async () => {
    const target = await userWithRoles(api, ['delegate']);
    const reset = await api.http().post(`/api/users/${target.id}/enrolment`).set(auth()).expect(200);
    expect(reset.body).toMatchObject({ purpose: 'reset', code: expect.any(String) });
    await api.http().post('/api/auth/refresh').send({ refreshToken: target.refreshToken }).expect(401);
    await api
      .http()
      .post('/api/auth/login')
      .send({ email: target.email, password: TEST_PASSWORD })
      .expect(401);
    await api
      .http()
      .post('/api/auth/enrolment')
      .send({ code: reset.body.code, password: 'nueva-clave-segura-2' })
      .expect(200);
    await api
      .http()
      .post('/api/auth/login')
      .send({ email: target.email, password: 'nueva-clave-segura-2' })
      .expect(200);
  });

  it('manages institutions: public list, create, duplicate code, rename, deactivate, delete unused, refuse delete in use', async () => {
    const list = await api.http().get('/api/institutions').expect(200);
    expect(list.body.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['DIRESA', 'DRE', 'GORE-CAJ']),
    );
    await api
      .http()
      .post('/api/institutions')
      .set(auth())
      .send({ code: 'UGEL-JAEN', name: 'UGEL Jaén', kind: 'directorate' })
      .expect(201);
    expect(
      (
        await api
          .http()
          .post('/api/institutions')
          .set(auth())
          .send({ code: 'UGEL-JAEN', name: 'Otra', kind: 'other' })
          .expect(409)
      ).body.code,
    ).toBe('INSTITUTION_CODE_TAKEN');
    expect(
      (
        await api
          .http()
          .post('/api/institutions')
          .set(auth())
          .send({ code: 'ugel jaen', name: 'Otra', kind: 'other' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    const renamed = await api
      .http()
      .patch('/api/institutions/UGEL-JAEN')
      .set(auth())
      .send({ name: 'UGEL Jaén (renombrada)', active: false })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'UGEL Jaén (renombrada)', active: false });
    const active = await api.http().get('/api/institutions').expect(200);
    expect(active.body.map((i: { code: string }) => i.code)).not.toContain('UGEL-JAEN');
    const all = await api.http().get('/api/institutions?all=true').expect(200);
    expect(all.body.map((i: { code: string }) => i.code)).toContain('UGEL-JAEN');
    await api.http().delete('/api/institutions/UGEL-JAEN').set(auth()).expect(204);
    await api.http().get('/api/institutions/UGEL-JAEN').expect(404);
    expect((await api.http().delete('/api/institutions/DIRESA').set(auth()).expect(409)).body.code).toBe(
      'INSTITUTION_IN_USE',
    );
  });
});
