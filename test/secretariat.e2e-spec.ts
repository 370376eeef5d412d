import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
  voteYesAndClose,
} from './support/assembly.js';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { urlOf } from './support/live-client.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';
import { eventually, startReceiver, type ReceivedHook } from './support/webhook-receiver.js';

const HEADER = 'full_name,document_id,constituency,term_start,term_end,organization';
const PROVINCES = [
  '0601',
  '0602',
  '0603',
  '0604',
  '0605',
  '0606',
  '0607',
  '0608',
  '0609',
  '0610',
  '0611',
  '0612',
  '0613',
];

/** A roster of `count` rows; `bad` maps a row index to the cell it breaks. */
function roster(
  prefix: number,
  count: number,
  bad: Record<number, Partial<Record<string, string>>> = {},
): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i += 1) {
    const row = {
      full_name: `Delegada Padrón ${prefix}-${i + 1}`,
      document_id: String(10_000_000 + prefix * 10_000 + i),
      constituency: PROVINCES[i % PROVINCES.length]!,
      term_start: '2026-01-01',
      term_end: '2028-12-31',
      organization: 'Rondas Campesinas',
      ...bad[i],
    };
    lines.push(Object.values(row).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const hmac = (secret: string, hook: ReceivedHook) =>
  `sha256=${createHmac('sha256', secret)
    .update(`${String(hook.headers['x-asamblea-timestamp'])}.${hook.body}`)
    .digest('hex')}`;

/** Issues a resolution binding DIRESA (5 delegates, 3 yes), so its webhooks get a delivery. */
async function issueResolution(api: TestApi, moderator: TestUser, title: string): Promise<string> {
  const delegates = await seatDelegatesInBulk(api, 5);
  const sessionId = await openSession(api, moderator, `Sesión para «${title}»`);
  const motion = await admittedMotion(api, delegates[0]!, moderator, {
    title,
    institutionCodes: ['DIRESA'],
    complianceDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await debate(api, moderator, sessionId, motion.id);
  await checkIn(api, sessionId, delegates);
  // The quorum counts every seated delegate (the roster imported by other tests too): all are present.
  await api.dataSource.query(
    `INSERT INTO attendance (session_id, delegate_id, present, recorded_by)
     SELECT $1, id, true, 'moderator' FROM delegates
     WHERE status = 'active' AND alternate_of_id IS NULL AND term_start <= current_date AND term_end >= current_date
     ON CONFLICT (session_id, delegate_id) DO UPDATE SET present = true`,
    [sessionId],
  );
  const closed = await voteYesAndClose(api, moderator, sessionId, delegates.slice(0, 3));
  return closed.resolutionNumber as string;
}

describe('The secretariat console and its API', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let moderator: TestUser;
  const contexts: BrowserContext[] = [];

  const signedIn = async (viewport = { width: 1280, height: 900 }): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'es-PE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/secretaria`);
    await page.getByLabel('Correo electrónico').fill(admin.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByRole('tablist', { name: 'Secciones de la consola' }).waitFor();
    return page;
  };
  const openTab = async (page: Page, name: string) => {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('tab', { name, selected: true }).waitFor();
  };
  /** The row of the preview table for a line of the file. */
  const lineRow = (page: Page, line: number) =>
    page.locator('tr', { has: page.getByRole('rowheader', { name: String(line), exact: true }) });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // Jobs in-process; two attempts 100 ms apart put a refused delivery on the dead-letter list fast.
    api = await startTestApi({
      COSPONSOR_THRESHOLD: '0',
      REDIS_URL: '',
      WEBHOOK_BACKOFF_MS: '100',
      WEBHOOK_MAX_ATTEMPTS: '2',
      // Every browser test signs the same secretariat account in.
      LOGIN_RATE_LIMIT_PER_ACCOUNT: '100',
    });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api?.close();
  });

  describe('API', () => {
    const csv = (user: { token: string } | null, path = '/api/delegates/import/preview') => {
      const call = api.http().post(path).set('content-type', 'text/csv');
      return user ? call.set(bearer(user)) : call;
    };

    it('previews an import: every row and every problem against its line, in the reader’s language; writes nothing', async () => {
      const before = {
        delegates: await countRows(api, 'delegates'),
        ledger: await countRows(api, 'ledger_events'),
      };
      const file = roster(41, 5, {
        1: { document_id: '12AB' },
        3: { term_end: '2025-12-31', constituency: 'Lima' },
      });
      const spanish = await csv(admin).send(file).expect(200);
      expect(spanish.body).toMatchObject({ valid: false, wouldCreate: 0, wouldLinkAccounts: 0 });
      expect(spanish.body.columns).toEqual(HEADER.split(','));
      expect(spanish.body.rows).toHaveLength(5);
      expect(spanish.body.rows[1]).toEqual({
        line: 3,
        values: expect.objectContaining({ document_id: '12AB', full_name: 'Delegada Padrón 41-2' }),
      });
      expect(spanish.body.errors).toEqual([
        {
          line: 3,
          column: 'document_id',
          problem: 'bad_document_id',
          message: 'documento no válido (8 a 12 dígitos o letras)',
        },
        {
          line: 5,
          column: 'constituency',
          problem: 'unknown_constituency',
          message: 'provincia desconocida «Lima»',
        },
        {
          line: 5,
          column: 'term_end',
          problem: 'term_order',
          message: 'el fin del mandato debe ser posterior al inicio',
        },
      ]);
      const english = await csv(admin).set('accept-language', 'en').send(file).expect(200);
      expect(english.body.errors.map((e: { message: string }) => e.message)).toEqual([
        'invalid document (8 to 12 digits or letters)',
        'unknown province "Lima"',
        'the term must end after it starts',
      ]);

      const clean = await csv(admin).send(roster(42, 4)).expect(200);
      expect(clean.body).toMatchObject({ valid: true, errors: [], wouldCreate: 4 });
      // A file that is not CSV at all answers as a preview too, with its one problem.
      const broken = await csv(admin).send('full_name,document_id\n"unterminated,1\n').expect(200);
      expect(broken.body).toMatchObject({
        valid: false,
        rows: [],
        errors: [{ line: expect.any(Number), problem: 'unparseable' }],
      });
      expect(await countRows(api, 'delegates')).toBe(before.delegates);
      expect(await countRows(api, 'ledger_events')).toBe(before.ledger);
      expect(await countRows(api, 'users')).toBeGreaterThan(0);

      // The real import of the same clean file still imports it (the preview left nothing behind).
      expect((await csv(admin, '/api/delegates/import').send(roster(42, 4)).expect(201)).body).toEqual({
        created: 4,
        accountsLinkedOrCreated: 0,
        staffAccountsSeated: [],
        // No e-mails in the file: no account, so no enrolment code.
        enrolments: [],
      });
      // And now the preview sees those documents as taken.
      const again = await csv(admin).send(roster(42, 1)).expect(200);
      expect(again.body.errors[0]).toMatchObject({ line: 2, problem: 'document_id_taken' });

      const delegate = await seatDelegate(api);
      expect((await csv(delegate).send(file).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      expect((await csv(moderator).send(file).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      expect((await csv(null).send(file).expect(401)).body.code).toBe('AUTH_REQUIRED');
      expect(
        (
          await api
            .http()
            .post('/api/delegates/import/preview')
            .set(bearer(admin))
            .send({ rows: [] })
            .expect(415)
        ).body.code,
      ).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('suspends with a date and a reason, recorded publicly; refuses a future date and a reason without a change', async () => {
      const delegate = await seatDelegate(api, { fullName: 'Eulalia Chuquimango Terán' });
      const before = await countRows(api, 'ledger_events');
      const future = await api
        .http()
        .patch(`/api/delegates/${delegate.delegateId}`)
        .set(bearer(admin))
        .send({ status: 'suspended', statusDate: '2099-01-01', statusReason: 'Inasistencia reiterada' })
        .expect(422);
      expect(future.body.code).toBe('STATUS_DATE_INVALID');
      const noChange = await api
        .http()
        .patch(`/api/delegates/${delegate.delegateId}`)
        .set(bearer(admin))
        .send({ status: 'active', statusReason: 'Sin cambio alguno' })
        .expect(422);
      expect(noChange.body.code).toBe('STATUS_NOT_CHANGED');
      expect(
        (
          await api
            .http()
            .patch(`/api/delegates/${delegate.delegateId}`)
            .set(bearer(admin))
            .send({ status: 'suspended', statusReason: 'x'.repeat(501) })
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
      expect(await countRows(api, 'ledger_events')).toBe(before);

      const suspended = await api
        .http()
        .patch(`/api/delegates/${delegate.delegateId}`)
        .set(bearer(admin))
        .send({
          status: 'suspended',
          statusDate: '2026-01-15',
          statusReason: 'Resolución de Secretaría 012-2026',
        })
        .expect(200);
      expect(suspended.body).toMatchObject({
        status: 'suspended',
        seated: false,
        statusSince: '2026-01-15',
        statusReason: 'Resolución de Secretaría 012-2026',
      });
      const [event]: { type: string; subject: string; payload: unknown; actor: string }[] =
        await api.dataSource.query(
          `SELECT type, subject, payload, actor FROM ledger_events ORDER BY sequence DESC LIMIT 1`,
        );
      expect(event).toEqual({
        type: 'delegate.status_changed',
        subject: `delegate:${delegate.delegateId}`,
        actor: `user:${admin.id}`,
        payload: {
          delegateId: delegate.delegateId,
          from: 'active',
          to: 'suspended',
          effectiveOn: '2026-01-15',
          reason: 'Resolución de Secretaría 012-2026',
        },
      });
      // The public sees the status, its date and reason (the record holds them anyway), never the document.
      const publicView = await api.http().get(`/api/delegates/${delegate.delegateId}`).expect(200);
      expect(publicView.body).toMatchObject({ status: 'suspended', statusSince: '2026-01-15' });
      expect(publicView.body).not.toHaveProperty('documentId');
    });

    it('filters the roster by term and lets only the secretariat search by document', async () => {
      const created = await api
        .http()
        .post('/api/delegates')
        .set(bearer(admin))
        .send({
          fullName: 'Néstor Past Term',
          documentId: '55500011',
          constituencyCode: '0605',
          termStart: '2020-01-01',
          termEnd: '2022-12-31',
        })
        .expect(201);
      const ids = (body: { id: string }[]) => body.map((d) => d.id);
      expect(
        ids((await api.http().get('/api/delegates?term=past').set(bearer(admin)).expect(200)).body),
      ).toContain(created.body.id);
      expect(
        ids((await api.http().get('/api/delegates?term=current').set(bearer(admin)).expect(200)).body),
      ).not.toContain(created.body.id);
      expect(
        ids((await api.http().get('/api/delegates?q=5550001').set(bearer(admin)).expect(200)).body),
      ).toEqual([created.body.id]);
      expect((await api.http().get('/api/delegates?q=5550001').expect(200)).body).toEqual([]);
      expect((await api.http().get('/api/delegates?term=someday').expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    });

    it('documents what it adds in the OpenAPI document', async () => {
      const document = (await api.http().get('/api/docs-json').expect(200)).body;
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/delegates/import/preview', '/api/webhooks/{id}/rotate-secret']),
      );
      expect(document.paths['/api/delegates/import/preview'].post.requestBody.content).toHaveProperty(
        'text/csv',
      );
      expect(Object.keys(document.components.schemas.UpdateDelegateDto.properties)).toEqual(
        expect.arrayContaining(['status', 'statusDate', 'statusReason']),
      );
      const parameters = document.paths['/api/delegates'].get.parameters.map((p: { name: string }) => p.name);
      expect(parameters).toEqual(expect.arrayContaining(['q', 'constituency', 'status', 'term']));
    });

    it('rotates a webhook secret: shown once, the old secret signs nothing after; only the secretariat may', async () => {
      const receiver = await startReceiver({ '/rotated': [200] });
      try {
        const hook = await api
          .http()
          .post('/api/institutions/DIRESA/webhooks')
          .set(bearer(admin))
          .send({ url: receiver.url('/rotated'), events: ['resolution.issued'] })
          .expect(201);
        const rotated = await api
          .http()
          .post(`/api/webhooks/${hook.body.id}/rotate-secret`)
          .set(bearer(admin))
          .expect(200);
        expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
        expect(rotated.body.secret).not.toBe(hook.body.secret);
        expect(rotated.body).toMatchObject({
          id: hook.body.id,
          active: true,
          secretRotatedAt: expect.any(String),
        });
        const listed = (
          await api.http().get('/api/institutions/DIRESA/webhooks').set(bearer(admin)).expect(200)
        ).body;
        const mine = listed.find((w: { id: string }) => w.id === hook.body.id);
        expect(mine).not.toHaveProperty('secret');
        expect(mine.secretRotatedAt).toBe(rotated.body.secretRotatedAt);

        const number = await issueResolution(api, moderator, 'Resolución firmada con el secreto nuevo');
        const [delivered] = await eventually(async () => {
          const got = receiver.received.filter((r) => r.path === '/rotated');
          return got.length > 0 ? got : null;
        });
        expect(JSON.parse(delivered!.body)).toMatchObject({ type: 'resolution.issued', data: { number } });
        expect(delivered!.headers['x-asamblea-signature']).toBe(hmac(rotated.body.secret, delivered!));
        expect(delivered!.headers['x-asamblea-signature']).not.toBe(hmac(hook.body.secret, delivered!));

        // Denials: every role but the secretariat, and the anonymous; nothing changes.
        const [delegate] = await seatDelegatesInBulk(api, 1);
        const [diresa]: { id: string }[] = await api.dataSource.query(
          `SELECT id FROM institutions WHERE code = 'DIRESA'`,
        );
        const liaison = await userWithRoles(api, ['liaison'], { institutionId: diresa!.id });
        const secretBefore = await api.dataSource.query(
          `SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`,
          [hook.body.id],
        );
        for (const who of [delegate!, moderator, liaison]) {
          const denied = await api
            .http()
            .post(`/api/webhooks/${hook.body.id}/rotate-secret`)
            .set(bearer(who))
            .expect(403);
          expect(denied.body.code).toBe('FORBIDDEN_ROLE');
        }
        expect(
          (await api.http().post(`/api/webhooks/${hook.body.id}/rotate-secret`).expect(401)).body.code,
        ).toBe('AUTH_REQUIRED');
        expect(
          await api.dataSource.query(`SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`, [
            hook.body.id,
          ]),
        ).toEqual(secretBefore);
        expect(
          (
            await api
              .http()
              .post(`/api/webhooks/00000000-0000-4000-8000-000000000000/rotate-secret`)
              .set(bearer(admin))
              .expect(404)
          ).body.code,
        ).toBe('WEBHOOK_NOT_FOUND');
        expect(
          (await api.http().post(`/api/webhooks/not-a-uuid/rotate-secret`).set(bearer(admin)).expect(400))
            .body.code,
        ).toBe('VALIDATION_FAILED');
        await api.http().delete(`/api/webhooks/${hook.body.id}`).set(bearer(admin)).expect(204);
        expect(
          (
            await api
              .http()
              .post(`/api/webhooks/${hook.body.id}/rotate-secret`)
              .set(bearer(admin))
              .expect(409)
          ).body.code,
        ).toBe('WEBHOOK_INACTIVE');
      } finally {
        await receiver.close();
      }
    });
  });

  describe('in the browser (Chromium)', () => {
    it('imports a 60-row roster: three bad rows shown against their lines, fixed, then imported', async () => {
      const page = await signedIn();
      await openTab(page, 'Importar padrón');
      const bad = {
        10: { document_id: '12AB' },
        25: { term_start: '2026-02-30' },
        47: { constituency: 'Lima' },
      };
      const importButton = page.getByRole('button', { name: /^Importar \d+ delegados?$/ });
      expect(await importButton.isDisabled()).toBe(true);
      await page.getByLabel('Archivo CSV del padrón').setInputFiles({
        name: 'padron.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(roster(61, 60, bad), 'utf8'),
      });
      const before = await countRows(api, 'delegates');
      await page.getByRole('button', { name: 'Revisar archivo' }).click();
      await page.getByText('3 problemas; corrija el archivo').waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'padron.csv' }).textContent()).toContain(
        '3 filas con errores',
      );
      expect(await lineRow(page, 12).textContent()).toContain(
        'document_id: documento no válido (8 a 12 dígitos o letras)',
      );
      expect(await lineRow(page, 27).textContent()).toContain(
        'term_start: fecha no válida «2026-02-30» (use AAAA-MM-DD)',
      );
      expect(await lineRow(page, 49).textContent()).toContain('constituency: provincia desconocida «Lima»');
      expect(await lineRow(page, 13).textContent()).toContain('Correcta');
      expect(await page.locator('tr.sec-bad').count()).toBe(3);
      expect(await importButton.isDisabled()).toBe(true);
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/secretariat-import-errors-1280.png`, fullPage: false });

      // The reader's language: the same errors, in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText('3 problems; fix the file').waitFor();
      // The rows' messages come back from the server in the new language, after the summary line.
      await lineRow(page, 12).getByText('invalid document (8 to 12 digits or letters)').waitFor();
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByText('3 problemas; corrija el archivo').waitFor();

      // Only the bad rows, then the corrected file.
      await page.getByLabel('Mostrar solo las filas con errores').check();
      expect(await page.locator('tbody tr').count()).toBe(3);
      await page.screenshot({ path: `${SHOTS}/secretariat-import-only-bad-1280.png`, fullPage: true });
      await page.getByLabel('Archivo CSV del padrón').setInputFiles({
        name: 'padron-corregido.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(roster(61, 60), 'utf8'),
      });
      await page.getByRole('button', { name: 'Revisar archivo' }).click();
      await page.getByText('El archivo está listo: 60 filas sin errores.').waitFor();
      expect(await countRows(api, 'delegates')).toBe(before);
      await page.getByRole('button', { name: 'Importar 60 delegados' }).click();
      await page.getByText('Se importaron 60 delegados.').waitFor();
      expect(await countRows(api, 'delegates')).toBe(before + 60);
      await page.screenshot({ path: `${SHOTS}/secretariat-import-done-1280.png` });
    });

    it('suspends a delegate with a date and a reason; the delegate can no longer check in', async () => {
      const delegate = await seatDelegate(api, { fullName: 'Casimira Tongombol Rojas' });
      const sessionId = await openSession(api, moderator, 'Sesión con una delegada suspendida');
      const page = await signedIn();
      await page.getByLabel('Nombre, organización o documento').fill('Tongombol');
      await page
        .getByRole('status')
        .filter({ hasText: /^1 delegado$/ })
        .waitFor();
      await page.getByRole('button', { name: 'Editar a Casimira Tongombol Rojas' }).click();
      await page.getByLabel('Nuevo estado').selectOption('suspended');
      await page.getByLabel('Motivo').fill('Inasistencia injustificada a tres sesiones consecutivas');
      await page.getByRole('button', { name: 'Suspender', exact: true }).click();
      await page.getByText('Casimira Tongombol Rojas ahora está suspendido.').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/secretariat-delegates-suspended-1280.png`, fullPage: true });

      const refused = await api
        .http()
        .post(`/api/sessions/${sessionId}/attendance`)
        .set(bearer(delegate))
        .send({ present: true })
        .expect(403);
      expect(refused.body.code).toBe('DELEGATE_NOT_ACTIVE');
      const [event]: { payload: { to: string; reason: string } }[] = await api.dataSource.query(
        `SELECT payload FROM ledger_events WHERE subject = $1`,
        [`delegate:${delegate.delegateId}`],
      );
      expect(event!.payload).toMatchObject({
        to: 'suspended',
        reason: 'Inasistencia injustificada a tres sesiones consecutivas',
      });
    });

    it('seats a titular and then their alternate from the form, and edits the titular', async () => {
      const page = await signedIn({ width: 360, height: 780 });
      const form = page.getByRole('region', { name: 'Acreditar un delegado' });
      const seat = async (name: string, document: string, alternateOf?: string) => {
        await form.getByLabel('Nombre completo').fill(name);
        await form.getByLabel('Documento de identidad (DNI)').fill(document);
        await form.getByRole('combobox', { name: /^Provincia/ }).selectOption({ label: 'Hualgayoc' });
        await form.getByLabel('Inicio del mandato').fill('2026-01-01');
        await form.getByLabel('Fin del mandato').fill('2028-12-31');
        if (alternateOf)
          await page
            .getByLabel('Suplente de (titular de la misma provincia)')
            .selectOption({ label: alternateOf });
        await page.getByRole('button', { name: 'Acreditar delegado' }).click();
        await page.getByText(`${name} quedó acreditado.`).waitFor();
      };
      await page.getByRole('button', { name: 'Acreditar un delegado' }).click();
      await seat('Wilfredo Alcántara Mendoza', '47100001');
      await seat('Yolanda Ispilco Quiliche', '47100002', 'Wilfredo Alcántara Mendoza');
      const listed = (await api.http().get('/api/delegates?q=4710000').set(bearer(admin)).expect(200))
        .body as {
        id: string;
        fullName: string;
        alternateOfId: string | null;
        alternateId: string | null;
        constituency: { code: string };
      }[];
      const titular = listed.find((d) => d.fullName === 'Wilfredo Alcántara Mendoza')!;
      const alternate = listed.find((d) => d.fullName === 'Yolanda Ispilco Quiliche')!;
      expect(titular).toMatchObject({
        alternateOfId: null,
        alternateId: alternate.id,
        constituency: { code: '0607' },
      });
      expect(alternate.alternateOfId).toBe(titular.id);

      // The list says who stands in for whom; the titular's details are edited in place.
      await page.getByLabel('Nombre, organización o documento').fill('47100001');
      await page
        .getByRole('row', { name: /Wilfredo Alcántara Mendoza/ })
        .filter({ hasText: 'suplente: Yolanda Ispilco Quiliche' })
        .waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /^1 delegado$/ })
        .waitFor();
      await page.getByRole('button', { name: 'Editar a Wilfredo Alcántara Mendoza' }).click();
      await page
        .getByLabel('Organización (opcional)')
        .last()
        .fill('Federación de Rondas Campesinas de Bambamarca');
      await page.getByRole('button', { name: 'Guardar cambios' }).click();
      await page.getByText('Cambios guardados.').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/secretariat-delegates-edit-360.png`, fullPage: true });
      expect((await api.http().get(`/api/delegates/${titular.id}`).expect(200)).body.organization).toBe(
        'Federación de Rondas Campesinas de Bambamarca',
      );
    });

    it('registers a webhook (secret shown once) and replays its dead letter to a loopback receiver', async () => {
      // Refused twice (the two allowed attempts: dead-lettered), then accepted.
      const receiver = await startReceiver({ '/flaky': [500, 500, 200] });
      try {
        const page = await signedIn();
        await openTab(page, 'Webhooks');
        await page.getByLabel('Institución').selectOption('DIRESA');
        await page.getByLabel('Dirección (URL)').fill(receiver.url('/flaky'));
        await page.getByRole('button', { name: 'Registrar webhook' }).click();
        const secretBox = page.getByTestId('webhook-secret');
        await secretBox.waitFor();
        const secret = (await secretBox.textContent())!.trim();
        expect(secret).toMatch(/^[0-9a-f]{64}$/);
        await page.getByText('no se volverá a mostrar').waitFor();
        expect(await axeProblems(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/secretariat-webhook-secret-1280.png`, fullPage: true });
        await page.getByRole('button', { name: 'Ya lo guardé' }).click();
        expect(await secretBox.count()).toBe(0);

        const number = await issueResolution(api, moderator, 'Resolución para la lista de fallidos');
        await eventually(async () => {
          const [row]: { status: string }[] = await api.dataSource.query(
            `SELECT d.status FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.url = $1`,
            [receiver.url('/flaky')],
          );
          return row?.status === 'failed';
        });
        expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(2);

        const replay = page.getByRole('button', {
          name: `Reenviar el envío Resolución emitida a ${receiver.url('/flaky')}`,
        });
        await page.getByRole('button', { name: 'Actualizar lista' }).click();
        await replay.waitFor();
        await page.screenshot({ path: `${SHOTS}/secretariat-webhook-deadletter-1280.png`, fullPage: true });
        await replay.click();
        await page.getByText('Reenvío en cola').waitFor();
        const accepted = await eventually(async () => {
          const got = receiver.received.filter((r) => r.path === '/flaky');
          return got.length >= 3 ? got[2] : null;
        });
        expect(accepted.headers['x-asamblea-signature']).toBe(hmac(secret, accepted));
        expect(JSON.parse(accepted.body)).toMatchObject({ type: 'resolution.issued', data: { number } });
        await eventually(async () => {
          const [row]: { status: string }[] = await api.dataSource.query(
            `SELECT d.status FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.url = $1`,
            [receiver.url('/flaky')],
          );
          return row?.status === 'delivered';
        });

        // Rotation from the console: a new secret, shown once again.
        await page.getByRole('button', { name: `Renovar el secreto de ${receiver.url('/flaky')}` }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Renovar secreto' }).click();
        await page.getByTestId('webhook-secret').waitFor();
        const rotated = (await page.getByTestId('webhook-secret').textContent())!.trim();
        expect(rotated).toMatch(/^[0-9a-f]{64}$/);
        expect(rotated).not.toBe(secret);
      } finally {
        await receiver.close();
      }
    });

    it('sets up the Mesa: a term, a commission and its positions, and appoints the first president', async () => {
      const president = await seatDelegate(api, { fullName: 'Marleni Chávez Díaz' });
      const page = await signedIn();
      await openTab(page, 'Mesa y comisiones');
      await page.getByRole('heading', { name: 'Mesa Directiva y comisiones' }).waitFor();

      // A term: from 1 January 2027 to 1 January 2028 (Lima midnight).
      const term = page.getByRole('region', { name: 'Nuevo periodo' });
      await term.getByLabel('Nombre del periodo').fill('Mesa Directiva 2027');
      await term.getByLabel('Empieza el').fill('2027-01-01');
      await term.getByLabel('Termina el').fill('2028-01-01');
      await term.getByRole('button', { name: 'Crear periodo' }).click();
      await term.getByRole('status').filter({ hasText: 'Periodo «Mesa Directiva 2027» creado.' }).waitFor();
      const terms = page.getByRole('region', { name: 'Periodos' });
      await terms.getByRole('rowheader', { name: 'Mesa Directiva 2027' }).waitFor();
      const [stored] = (await api.http().get('/api/terms').expect(200)).body;
      expect(stored).toMatchObject({
        startsAt: '2027-01-01T05:00:00.000Z',
        endsAt: '2028-01-01T05:00:00.000Z',
      });

      // A refusal is said at its form: a second presidency of the Mesa.
      const position = page.getByRole('region', { name: 'Nuevo cargo' });
      const createPresidency = async () => {
        await position.getByLabel('Tipo de cargo').selectOption({ label: 'Presidencia' });
        await position.getByLabel('Nombre del cargo (castellano)').fill('Presidencia de la Asamblea');
        await position.getByLabel('Nombre del cargo (inglés)').fill('Presidency of the Assembly');
        await position.getByRole('button', { name: 'Crear cargo' }).click();
      };
      await createPresidency();
      await position.getByRole('status').filter({ hasText: 'creado' }).waitFor();
      await createPresidency();
      await position.getByRole('alert').waitFor();
      expect((await api.http().get('/api/positions').expect(200)).body).toHaveLength(1);

      // A commission with its chair.
      const commission = page.getByRole('region', { name: 'Nueva comisión' });
      await commission.getByLabel('Nombre (castellano)').fill('Comisión de Salud');
      await commission.getByLabel('Nombre (inglés)').fill('Health Commission');
      await commission.getByRole('button', { name: 'Crear comisión' }).click();
      await commission
        .getByRole('status')
        .filter({ hasText: 'Comisión «Comisión de Salud» creada.' })
        .waitFor();
      // The position form offers a commission once one exists.
      await position.locator('option[value=commission]:not([disabled])').waitFor({ state: 'attached' });
      await position.getByLabel('Órgano').selectOption({ label: 'Comisión' });
      await position.getByLabel(/^Comisión/).selectOption({ label: 'Comisión de Salud' });
      await position.getByLabel('Tipo de cargo').selectOption({ label: 'Presidencia de comisión' });
      await position.getByLabel('Nombre del cargo (castellano)').fill('Presidencia de la Comisión de Salud');
      await position.getByLabel('Nombre del cargo (inglés)').fill('Chair of the Health Commission');
      await position.getByRole('button', { name: 'Crear cargo' }).click();
      const positions = page.getByRole('region', { name: 'Cargos' });
      await positions
        .getByRole('rowheader', { name: 'Presidencia de la Comisión de Salud · Comisión de Salud' })
        .waitFor();

      // The first president, appointed: takes office at the term's start.
      const assign = page.getByRole('region', { name: 'Designar titular' });
      await assign.getByLabel(/^Cargo/).selectOption({ label: 'Presidencia de la Asamblea' });
      await assign.getByLabel(/^Periodo/).selectOption({ label: 'Mesa Directiva 2027' });
      const account = (await api.http().get('/api/users').set(bearer(admin)).expect(200)).body.find(
        (a: { id: string }) => a.id === president.id,
      );
      await assign.getByLabel(/^Titular/).selectOption(president.id);
      await assign.getByRole('button', { name: 'Designar' }).click();
      await assign
        .getByRole('status')
        .filter({ hasText: `${account.displayName} designado.` })
        .waitFor();
      const holders = page.getByRole('region', { name: 'Titulares' });
      const row = holders.getByRole('row', { name: new RegExp(account.displayName) });
      await row.filter({ hasText: 'Presidencia de la Asamblea' }).filter({ hasText: 'designado' }).waitFor();
      await row.filter({ hasText: /asume el 1 de enero de 2027/ }).waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/secretariat-offices-setup.png`, fullPage: true });
    });

    it('every section: reachable by keyboard, axe-clean and photographed at 1280 and 360 px', async () => {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 360, height: 780 },
      ]) {
        const page = await signedIn(viewport);
        // The tabs by keyboard: arrows move along them and choose.
        await page.getByRole('tab', { name: 'Delegados' }).focus();
        await page.keyboard.press('ArrowRight');
        await page.getByRole('tab', { name: 'Importar padrón', selected: true }).waitFor();
        expect(await page.locator(':focus').textContent()).toBe('Importar padrón');
        await page.keyboard.press('End');
        await page.getByRole('tab', { name: 'Reglamento', selected: true }).waitFor();
        expect(await page.locator(':focus').textContent()).toBe('Reglamento');
        // Tab leaves the tab list for the chosen panel.
        await page.keyboard.press('Tab');
        expect(await page.locator(':focus').getAttribute('role')).toBe('tabpanel');
        await page.keyboard.press('Home');
        const sections: [string, string, string][] = [
          ['Delegados', 'delegates', 'Delegados'],
          ['Importar padrón', 'import', 'Importar el padrón'],
          ['Cuentas', 'accounts', 'Crear una cuenta'],
          ['Instituciones', 'institutions', 'Registrar una institución'],
          ['Mesa y comisiones', 'offices', 'Mesa Directiva y comisiones'],
          ['Webhooks', 'webhooks', 'Registrar una dirección'],
          ['Reglamento', 'rules', 'Reglamento'],
        ];
        for (const [tab, slug, heading] of sections) {
          await openTab(page, tab);
          if (slug === 'delegates') {
            await page.getByRole('button', { name: 'Acreditar un delegado' }).click();
            await page.getByRole('heading', { name: 'Acreditar un delegado' }).waitFor();
          }
          await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
          await page.waitForLoadState('networkidle');
          expect({ tab, width: viewport.width, problems: await axeProblems(page) }).toEqual({
            tab,
            width: viewport.width,
            problems: [],
          });
          await page.screenshot({
            path: `${SHOTS}/secretariat-${slug}-${viewport.width}.png`,
            fullPage: true,
          });
          // Nothing wider than the screen (and when something is, which).
          const overflow = await page.evaluate(`(() => {
            const width = window.innerWidth;
            if (document.documentElement.scrollWidth <= width) return false;
            return [...document.querySelectorAll('main *')]
              .filter((e) => e.getBoundingClientRect().right > width + 1)
              .slice(-3)
              .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
          })()`);
          expect({ tab, width: viewport.width, overflow }).toEqual({
            tab,
            width: viewport.width,
            overflow: false,
          });
        }
      }
    });
  });
});
