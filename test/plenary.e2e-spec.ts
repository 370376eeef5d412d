import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { englishOnPage, englishPatterns, spanishPatterns } from './support/english-check.js';
import { bearer, checkIn, openSession, seatDelegatesInBulk } from './support/assembly.js';
import { urlOf } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

const PHONE = { width: 360, height: 780 };

/** Waits until a field is empty (a form clears once its request has answered), or fails after 10 s. */
async function cleared(field: Locator): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if ((await field.inputValue()) === '') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await field.inputValue()).toBe('');
}
const DESKTOP = { width: 1280, height: 900 };

/** What a page saw of authentication while the test drove it. */
interface Watched {
  page: Page;
  name: string;
  renewals: number;
  failedRenewals: number;
  unauthorized: string[];
  scriptErrors: string[];
}

describe('A whole plenary through the browser only (Chromium), with access tokens that live 30 seconds', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let moderator: TestUser;
  let rosa: SeatedDelegate;
  let teodoro: SeatedDelegate;
  let maria: SeatedDelegate;
  let others: { delegateId: string; fullName: string }[];
  let patterns: Awaited<ReturnType<typeof englishPatterns>>;
  const contexts: BrowserContext[] = [];
  const watched: Watched[] = [];

  const open = async (name: string, viewport = DESKTOP): Promise<Watched> => {
    const context = await browser.newContext({ viewport, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    const page = await context.newPage();
    const watch: Watched = { page, name, renewals: 0, failedRenewals: 0, unauthorized: [], scriptErrors: [] };
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname === '/api/auth/refresh') {
        if (response.status() === 200) watch.renewals += 1;
        else watch.failedRenewals += 1;
      } else if (
        url.pathname.startsWith('/api/') &&
        response.status() === 401 &&
        url.pathname !== '/api/auth/login'
      )
        watch.unauthorized.push(`${response.request().method()} ${url.pathname}`);
    });
    page.on('pageerror', (error) => watch.scriptErrors.push(error.message));
    watched.push(watch);
    return watch;
  };
  const logIn = async (page: Page, path: string, email: string) => {
    await page.goto(`${base}${path}`);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  };
  /** The section (or form) a heading names. */
  const area = (page: Page, heading: string | RegExp): Locator =>
    page
      .locator('section, form')
      .filter({ has: page.getByRole('heading', { name: heading }) })
      .first();
  /** The label of a session's option in a console's session selector. */
  const sessionLabel = (page: Page, title: string) =>
    page
      .getByLabel('Sesión', { exact: true })
      .locator('option', { hasText: title })
      .first()
      .textContent()
      .then((text) => text?.trim());
  /** Screenshot, no English string of the catalogue, no serious accessibility problem. */
  const look = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SHOTS}/plenary-${name}.png`, fullPage: true });
    expect({ name, english: await englishOnPage(page, patterns) }).toEqual({ name, english: [] });
    expect({ name, axe: await axeProblems(page) }).toEqual({ name, axe: [] });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({
      JWT_ACCESS_TTL_SECONDS: '30',
      COSPONSOR_THRESHOLD: '1',
      // Each person signs in from several pages here, as they would on several devices.
      LOGIN_RATE_LIMIT_PER_ACCOUNT: '50',
    });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    patterns = await englishPatterns();
    moderator = await userWithRoles(api, ['moderator']);
    rosa = await seatDelegate(api, { fullName: 'Rosa Huamán Quispe', constituencyCode: '0601' });
    teodoro = await seatDelegate(api, { fullName: 'Teodoro Cruz Vásquez', constituencyCode: '0602' });
    maria = await seatDelegate(api, { fullName: 'María Chávez Rojas', constituencyCode: '0603' });
    const bulk = await seatDelegatesInBulk(api, 9);
    others = await api.dataSource.query(
      `SELECT id AS "delegateId", full_name AS "fullName" FROM delegates WHERE id = ANY($1) ORDER BY full_name`,
      [bulk.map((d) => d.delegateId)],
    );
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api.close();
  });

  it('the Mesa schedules, opens, calls the roll, admits a motion and its amendment, runs the floor and two votes, and adjourns; delegates vote on phones; the public follows', async () => {
    const started = Date.now();
    const mesa = (await open('mesa')).page;
    await logIn(mesa, '/mesa', moderator.email);

    // Schedule tomorrow at 10:00 in Lima.
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toLocaleDateString('en-CA', {
      timeZone: 'America/Lima',
    });
    const schedule = area(mesa, 'Programar una sesión');
    await schedule.getByLabel('Título').fill('Sesión ordinaria de diciembre');
    await schedule.getByLabel('Tipo').selectOption({ label: 'Ordinaria' });
    await schedule.getByLabel('Fecha y hora (hora de Lima)').fill(`${tomorrow}T10:00`);
    await schedule.getByLabel('Lugar').fill('Auditorio del Gobierno Regional');
    await schedule.getByRole('button', { name: 'Programar sesión' }).click();
    await mesa.getByRole('button', { name: 'Abrir la sesión' }).waitFor();
    const [session]: { id: string; scheduled_at: Date }[] = await api.dataSource.query(
      `SELECT id, scheduled_at FROM sessions WHERE title = 'Sesión ordinaria de diciembre'`,
    );
    expect(session!.scheduled_at.toISOString()).toBe(new Date(`${tomorrow}T15:00:00Z`).toISOString());
    await look(mesa, 'mesa-desktop-scheduled');

    // The public board and, on phones, three delegates.
    const board = (await open('board-phone', PHONE)).page;
    await board.goto(`${base}/sesiones/${session!.id}`);
    await board.getByRole('heading', { level: 1, name: 'Sesión ordinaria de diciembre' }).waitFor();
    const [a, b, c] = await Promise.all(
      [
        ['rosa', rosa],
        ['teodoro', teodoro],
        ['maria', maria],
      ].map(async ([name, delegate]) => {
        const page = (await open(`delegate-${name as string}`, PHONE)).page;
        await logIn(page, '/delegado', (delegate as SeatedDelegate).email);
        await page.getByRole('heading', { name: 'Su voto' }).waitFor();
        return page;
      }),
    );

    // Rosa files a motion linked to the plan.
    const fileForm = area(a!, 'Presentar una moción');
    await fileForm.getByLabel('Título').fill('Agua segura para las escuelas rurales de Cajamarca');
    await fileForm
      .getByLabel('Texto (articulado)')
      .fill('Artículo 1. Instalar sistemas de cloración en las escuelas rurales.');
    await fileForm.getByLabel('Buscar en el plan').fill('agua');
    await fileForm
      .getByRole('group', { name: 'Objetivos del plan que sirve' })
      .getByRole('checkbox')
      .first()
      .check();
    // A double click files once.
    await fileForm.getByRole('button', { name: 'Presentar', exact: true }).dblclick();
    const filedText = await a!.getByText(/Moción presentada: MOC-\d{4}-\d{4}/).textContent();
    const motionNumber = /MOC-\d{4}-\d{4}/.exec(filedText!)![0];
    await cleared(fileForm.getByLabel('Título'));
    const [filedOnce]: { n: string }[] = await api.dataSource.query(
      `SELECT count(*)::text AS n FROM motions WHERE title = 'Agua segura para las escuelas rurales de Cajamarca'`,
    );
    expect(filedOnce!.n).toBe('1');

    // Teodoro co-sponsors it; the Mesa sees the support against the threshold and admits it.
    await b!.reload();
    const cosponsoring = area(b!, 'Mociones que buscan copatrocinio');
    await cosponsoring.getByRole('button', { name: `Copatrocinar ${motionNumber}` }).click();
    await cosponsoring.getByRole('button', { name: `Retirar mi copatrocinio de ${motionNumber}` }).waitFor();
    await cosponsoring.getByText('Teodoro Cruz Vásquez').first().waitFor();
    await look(b!, 'delegate-phone-cosponsored');
    await mesa.reload();
    const admitting = area(mesa, 'Mociones por admitir');
    await admitting.getByRole('button', { name: `Admitir ${motionNumber}` }).click();
    await admitting.getByRole('button', { name: `Agregar a la agenda ${motionNumber}` }).waitFor();

    // María proposes an amendment with the change editor and its preview.
    await c!.reload();
    const amending = area(c!, 'Proponer una enmienda');
    const parentPicker = amending.getByLabel('Moción a enmendar');
    const parentOption = await parentPicker
      .locator('option', { hasText: motionNumber })
      .getAttribute('value');
    await parentPicker.selectOption(parentOption!);
    await amending.getByLabel('Tipo de cambio').selectOption({ label: 'Insertar después de' });
    await amending.getByLabel('Texto a buscar').fill('escuelas rurales');
    await amending.getByLabel('Texto nuevo').fill(' y en los puestos de salud');
    await amending.getByRole('button', { name: 'Agregar cambio' }).click();
    await amending
      .getByRole('region', { name: 'Vista previa' })
      .getByText('escuelas rurales y en los puestos de salud', { exact: false })
      .waitFor();
    await amending.getByLabel('Título de la enmienda').fill('Cloración también en los puestos de salud');
    await look(c!, 'delegate-phone-amendment-preview');
    await amending.getByRole('button', { name: 'Presentar enmienda' }).click();
    const amendmentText = await c!.getByText(/Enmienda presentada: MOC-\d{4}-\d{4}/).textContent();
    const amendmentNumber = /MOC-\d{4}-\d{4}/.exec(amendmentText!)![0];
    await b!.reload();
    await area(b!, 'Mociones que buscan copatrocinio')
      .getByRole('button', { name: `Copatrocinar ${amendmentNumber}` })
      .click();
    await area(b!, 'Mociones que buscan copatrocinio')
      .getByRole('button', { name: `Retirar mi copatrocinio de ${amendmentNumber}` })
      .waitFor();
    await mesa.reload();
    await area(mesa, 'Mociones por admitir')
      .getByRole('button', { name: `Admitir ${amendmentNumber}` })
      .click();

    // The agenda: the motion, then its amendment moved first (amendments are voted before their parent).
    // Agenda items of motions are named by number and title.
    const motionTitle = `${motionNumber} · Agua segura para las escuelas rurales de Cajamarca`;
    const amendmentTitle = `${amendmentNumber} · Cloración también en los puestos de salud`;
    await area(mesa, 'Mociones por admitir')
      .getByRole('button', { name: `Agregar a la agenda ${motionNumber}` })
      .click();
    const agenda = area(mesa, 'Orden del día');
    await agenda.getByRole('button', { name: `Quitar: ${motionTitle}` }).waitFor();
    await area(mesa, 'Mociones por admitir')
      .getByRole('button', { name: `Agregar a la agenda ${amendmentNumber}` })
      .click();
    await agenda.getByRole('button', { name: `Subir: ${amendmentTitle}` }).click();
    await agenda.getByRole('button', { name: `Bajar: ${amendmentTitle}` }).waitFor();
    await expect(agenda.getByRole('button', { name: `Subir: ${amendmentTitle}` }).isDisabled()).resolves.toBe(
      true,
    );

    // The public reads the motion while it waits; its page will follow the session by itself.
    const reader = (await open('motion-reader', PHONE)).page;
    await reader.goto(`${base}/mociones/${motionNumber}`);
    await reader.getByRole('heading', { level: 1, name: new RegExp(motionNumber) }).waitFor();
    await reader.getByTestId('motion-session').waitFor();

    // Open the session and call the roll: ten of twelve seats present.
    await mesa.getByRole('button', { name: 'Abrir la sesión' }).click();
    await board.getByText('abierta').first().waitFor();
    const roll = area(mesa, 'Pase de lista');
    const present = [
      'Rosa Huamán Quispe',
      'Teodoro Cruz Vásquez',
      'María Chávez Rojas',
      ...others.slice(0, 7).map((o) => o.fullName),
    ];
    for (const [index, name] of present.entries()) {
      const box = roll.getByRole('checkbox', { name, exact: true });
      if (index < present.length - 1) await box.click();
      else {
        // The last one from the keyboard: focus, Space.
        await box.focus();
        await mesa.keyboard.press('Space');
      }
      await roll.getByRole('checkbox', { name, exact: true, checked: true }).waitFor();
    }
    await board.getByText('10 de 12 presentes (se requieren 7)').waitFor();
    await a!.getByText('Su asistencia está registrada.').waitFor();
    await look(mesa, 'mesa-desktop-roll-call');
    await mesa.setViewportSize(PHONE);
    await look(mesa, 'mesa-phone-roll-call');
    await mesa.setViewportSize(DESKTOP);

    // The amendment is debated: two ask for the floor, the Mesa gives it to the second.
    await agenda.getByRole('button', { name: `Iniciar: ${amendmentTitle}` }).click();
    await a!.getByRole('button', { name: 'Pedir la palabra a favor' }).click();
    await b!.getByRole('button', { name: 'Pedir la palabra en contra' }).click();
    const floor = area(mesa, 'Lista de oradores');
    await floor.getByRole('button', { name: 'Dar la palabra a Teodoro Cruz Vásquez' }).click();
    await b!.getByText('Tiene la palabra').first().waitFor();
    const timer = b!.getByLabel('Tiempo restante');
    const first = await timer.textContent();
    await b!.waitForTimeout(1500);
    expect(await timer.textContent()).not.toBe(first);
    await board.getByText('Teodoro Cruz Vásquez').first().waitFor();
    await look(b!, 'delegate-phone-speaking');
    await look(board, 'board-phone-speaking');
    await floor.getByRole('button', { name: 'Terminar la intervención' }).click();
    await b!.getByText('Tiene la palabra').waitFor({ state: 'detached' });

    // The amendment's vote: Rosa and Teodoro for, María against; Teodoro reloads mid-vote.
    const voting = area(mesa, 'Votación');
    const vote = async (question: string) => {
      await voting.getByLabel('Regla de votación').selectOption({ label: 'mayoría simple' });
      await voting.getByLabel('Pregunta').fill(question);
      await voting.getByLabel('Plazo (minutos, opcional)').fill('30');
      await voting.getByRole('button', { name: 'Abrir la votación' }).click();
      await board.getByText('0 de 10 han votado').waitFor();
    };
    const cast = async (page: Page, choice: string): Promise<string> => {
      await page.getByRole('button', { name: choice, exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmar' }).click();
      const receipt = page.getByTestId('receipt');
      await receipt.getByText(`Su voto actual: ${choice}`).waitFor();
      return (await receipt.locator('code').textContent())!;
    };
    await vote('¿Se aprueba la enmienda?');
    await look(a!, 'delegate-phone-vote-open');
    const rosaReceipt = await cast(a!, 'A favor');
    expect(rosaReceipt).toMatch(/^[0-9a-f]{64}$/);
    const teodoroReceipt = await cast(b!, 'A favor');
    await b!.reload();
    // The console keeps its session in the address, so a reload opens the same one.
    expect(new URL(b!.url()).searchParams.get('sesion')).toBe(session!.id);
    await b!.getByTestId('receipt').getByText('Su voto actual: A favor').waitFor();
    expect(await b!.getByTestId('receipt').locator('code').textContent()).toBe(teodoroReceipt);
    await cast(c!, 'En contra');
    await look(c!, 'delegate-phone-receipt');
    await board.getByText('3 de 10 han votado').waitFor();
    const missing = voting.getByRole('list', { name: 'Faltan por votar' });
    await missing.getByText(others[0]!.fullName).waitFor();
    await expect(missing.getByRole('listitem').count()).resolves.toBe(7);
    await look(mesa, 'mesa-desktop-vote-open');
    await look(board, 'board-phone-vote-open');
    await voting.getByRole('button', { name: 'Cerrar la votación' }).click();
    await mesa.getByRole('alertdialog').getByRole('button', { name: 'Sí, cerrar la votación' }).click();
    await board.getByTestId('vote-outcome').filter({ hasText: 'APROBADA' }).waitFor();
    await voting.getByText('APROBADA').waitFor();
    await a!.getByText('Votación cerrada').waitFor();
    await a!.getByText('Su voto: A favor').waitFor();
    await look(a!, 'delegate-phone-vote-closed');

    // The motion itself, now in its amended version: adopted, a binding resolution.
    await agenda.getByRole('button', { name: `Iniciar: ${motionTitle}` }).click();
    await vote('¿Se aprueba la moción?');
    for (const page of [a!, b!, c!]) await cast(page, 'A favor');
    await reader.getByText('3 de 10 han votado').waitFor();
    await voting.getByRole('button', { name: 'Cerrar la votación' }).click();
    await mesa.getByRole('alertdialog').getByRole('button', { name: 'Sí, cerrar la votación' }).click();
    const resolution = board.getByTestId('new-resolution').filter({ hasText: /RES-APR-\d{4}-0001/ });
    await resolution.waitFor();
    await voting.getByRole('link', { name: /RES-APR-\d{4}-0001/ }).waitFor();
    await reader
      .getByTestId('motion-resolution')
      .filter({ hasText: /RES-APR-\d{4}-0001/ })
      .waitFor();
    await look(reader, 'motion-phone-adopted');
    await look(mesa, 'mesa-desktop-result');
    await look(board, 'board-phone-result');

    // Adjourn, after confirming.
    await mesa.getByRole('button', { name: 'Levantar la sesión' }).click();
    await mesa.getByRole('alertdialog').getByRole('button', { name: 'Sí, levantar la sesión' }).click();
    await board.getByRole('link', { name: 'Acta de la sesión (PDF)' }).waitFor();
    await board
      .getByRole('link', { name: /RES-APR-\d{4}-0001/ })
      .first()
      .waitFor();
    expect(await board.getByText('En vivo').count()).toBe(0);
    await look(board, 'board-phone-closed');
    const desk = (await open('board-desktop')).page;
    await desk.goto(`${base}/sesiones/${session!.id}`);
    await desk.getByRole('link', { name: 'Acta de la sesión (PDF)' }).waitFor();
    await look(desk, 'board-desktop-closed');

    // Nobody was asked to sign in again and no request was refused for an expired token, though every
    // access token expired several times over: the moderator's page renewed it along the way.
    expect(Date.now() - started).toBeGreaterThan(30_000);
    const signedIn = watched.filter((w) =>
      ['mesa', 'delegate-rosa', 'delegate-teodoro', 'delegate-maria'].includes(w.name),
    );
    for (const w of signedIn)
      expect({ page: w.name, renewed: w.renewals > 0 }).toEqual({ page: w.name, renewed: true });
    for (const w of watched)
      expect({
        page: w.name,
        unauthorized: w.unauthorized,
        failedRenewals: w.failedRenewals,
        errors: w.scriptErrors,
      }).toEqual({
        page: w.name,
        unauthorized: [],
        failedRenewals: 0,
        errors: [],
      });
    for (const w of signedIn)
      expect(await w.page.getByRole('heading', { name: 'Vuelva a ingresar' }).isVisible()).toBe(false);
  }, 600_000);

  it('the Mesa declares a motion inadmissible, defers, removes and finishes items, suspends and resumes; errors show beside the control that failed, and a failed ballot keeps its confirmation open', async () => {
    // Access tokens live 30 seconds here: set-up requests log in afresh.
    const as = async (user: TestUser) => {
      const answer = await api
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      return { token: answer.body.accessToken as string };
    };
    moderator = { ...moderator, ...(await as(moderator)) };
    teodoro = { ...teodoro, ...(await as(teodoro)) };
    const file = async (author: SeatedDelegate, title: string, admit: boolean) => {
      author = { ...author, ...(await as(author)) };
      const draft = await api
        .http()
        .post('/api/motions')
        .set(bearer(author))
        .send({ title, body: `Artículo 1. ${title}.`, objectiveCodes: ['SOC-SALUD-O4'] })
        .expect(201);
      const filed = await api
        .http()
        .post(`/api/motions/${draft.body.id}/file`)
        .set(bearer(author))
        .expect(200);
      await api.http().post(`/api/motions/${draft.body.id}/cosponsors`).set(bearer(teodoro)).expect(200);
      if (admit)
        await api.http().post(`/api/motions/${draft.body.id}/admit`).set(bearer(moderator)).expect(200);
      return { id: draft.body.id as string, number: filed.body.number as string, title };
    };
    const refused = await file(rosa, 'Moción sobre un asunto ajeno al plan regional', false);
    const deferred = await file(rosa, 'Moción que se aplaza para otra sesión', true);
    const removed = await file(maria, 'Moción que se quita del orden del día', true);
    const sessionId = await openSession(api, moderator, 'Sesión de control de la Mesa');
    // Each check-in with its event (rows written without one are what the verifier exists to catch).
    await checkIn(api, sessionId, [rosa, teodoro, maria, ...others.slice(0, 5)]);

    const mesa = (await open('mesa-controls')).page;
    await logIn(mesa, '/mesa', moderator.email);
    await mesa
      .getByLabel('Sesión', { exact: true })
      .selectOption({ label: (await sessionLabel(mesa, 'Sesión de control de la Mesa'))! });
    await mesa.getByRole('heading', { name: 'Sesión de control de la Mesa' }).waitFor();
    const board = (await open('board-controls', PHONE)).page;
    await board.goto(`${base}/sesiones/${sessionId}`);

    // Inadmissible, with its reason in the record.
    const motions = area(mesa, 'Mociones por admitir');
    await motions.getByRole('button', { name: `Declarar inadmisible ${refused.number}` }).click();
    await motions.getByLabel('Motivo de inadmisibilidad').fill('No guarda relación con el plan regional.');
    await motions.getByRole('button', { name: 'Confirmar inadmisibilidad' }).click();
    await motions.getByRole('button', { name: `Admitir ${refused.number}` }).waitFor({ state: 'detached' });
    const [row]: { status: string; inadmissible_reason: string }[] = await api.dataSource.query(
      `SELECT status, inadmissible_reason FROM motions WHERE id = $1`,
      [refused.id],
    );
    expect(row).toEqual({
      status: 'inadmissible',
      inadmissible_reason: 'No guarda relación con el plan regional.',
    });

    // Defer one item, remove another, deal with a topic and finish it.
    const agenda = area(mesa, 'Orden del día');
    const named = (m: { number: string; title: string }) => `${m.number} · ${m.title}`;
    await motions.getByRole('button', { name: `Agregar a la agenda ${deferred.number}` }).click();
    await agenda.getByRole('button', { name: `Aplazar: ${named(deferred)}` }).click();
    await agenda.getByText('aplazado').first().waitFor();
    await motions.getByRole('button', { name: `Agregar a la agenda ${removed.number}` }).click();
    await agenda.getByRole('button', { name: `Quitar: ${named(removed)}` }).click();
    await agenda.getByRole('button', { name: `Quitar: ${named(removed)}` }).waitFor({ state: 'detached' });
    await motions.getByRole('button', { name: `Agregar a la agenda ${removed.number}` }).waitFor();
    await agenda.getByLabel('Tema o informe').fill('Informe de la Secretaría Técnica');
    await agenda.getByRole('button', { name: 'Agregar tema' }).click();
    await agenda.getByRole('button', { name: 'Iniciar: Informe de la Secretaría Técnica' }).waitFor();
    await cleared(agenda.getByLabel('Tema o informe'));
    await agenda.getByRole('button', { name: 'Iniciar: Informe de la Secretaría Técnica' }).click();
    await board.getByText('Informe de la Secretaría Técnica').first().waitFor();
    await agenda.getByRole('button', { name: 'Terminar: Informe de la Secretaría Técnica' }).click();
    await agenda
      .getByRole('button', { name: 'Terminar: Informe de la Secretaría Técnica' })
      .waitFor({ state: 'detached' });
    await look(mesa, 'mesa-desktop-agenda-actions');

    // A failed request says so beside its button, in Spanish, and the button works again.
    await mesa.route('**/api/sessions/*/suspend', (route) => route.abort(), { times: 1 });
    await mesa.getByRole('button', { name: 'Suspender' }).click();
    const sessionPanel = area(mesa, 'Sesión de control de la Mesa');
    await sessionPanel
      .getByRole('alert')
      .filter({ hasText: 'No se pudo conectar con el servidor' })
      .waitFor();
    await mesa.getByRole('button', { name: 'Suspender' }).click();
    await board.getByText('suspendida').first().waitFor();
    await mesa.getByRole('button', { name: 'Reanudar' }).click();
    await board.getByText('abierta').first().waitFor();

    // A ballot whose request fails keeps its confirmation open with the error inside; the retry counts.
    await agenda.getByRole('button', { name: `Quitar: ${named(removed)}` }).waitFor({ state: 'detached' });
    await motions.getByRole('button', { name: `Agregar a la agenda ${removed.number}` }).click();
    await agenda.getByRole('button', { name: `Iniciar: ${named(removed)}` }).click();
    const voting = area(mesa, 'Votación');
    await voting.getByLabel('Regla de votación').selectOption({ label: 'mayoría simple' });
    await voting.getByRole('button', { name: 'Abrir la votación' }).click();
    const delegate = (await open('delegate-desktop')).page;
    // The console casts over its live socket while it is up, and over HTTP with the same key when it
    // is not: cut the socket (websocket and long-polling), then fail the HTTP request once.
    let cutOff = false;
    const liveSockets: { close: () => Promise<void> }[] = [];
    await delegate.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cutOff) return ws.close();
      ws.connectToServer();
      liveSockets.push(ws);
    });
    await delegate.route(/\/socket\.io\//, (route) => (cutOff ? route.abort() : route.continue()));
    const httpBallots: string[] = [];
    delegate.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/ballots')) httpBallots.push(r.url());
    });
    await logIn(delegate, '/delegado', maria.email);
    await delegate.getByRole('button', { name: 'A favor', exact: true }).waitFor();
    cutOff = true;
    await Promise.all(liveSockets.map((ws) => ws.close()));
    await delegate.route('**/api/votes/*/ballots', (route) => route.abort(), { times: 1 });
    await delegate.getByRole('button', { name: 'A favor', exact: true }).click();
    const confirm = delegate.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Confirmar' }).click();
    await confirm.getByText('No se pudo conectar con el servidor', { exact: false }).waitFor();
    await look(delegate, 'delegate-desktop-ballot-failed');
    await confirm.getByRole('button', { name: 'Confirmar' }).click();
    await delegate.getByTestId('receipt').getByText('Su voto actual: A favor').waitFor();
    expect(httpBallots).toHaveLength(2);
    // Once the socket is back, a changed ballot goes over it.
    cutOff = false;
    await delegate.getByText('En vivo', { exact: false }).waitFor();
    await delegate.getByRole('button', { name: 'En contra', exact: true }).click();
    await confirm.getByRole('button', { name: 'Confirmar' }).click();
    await delegate.getByTestId('receipt').getByText('Su voto actual: En contra').waitFor();
    expect(httpBallots).toHaveLength(2);
    await look(delegate, 'delegate-desktop-receipt');
    const [ballots]: { n: string }[] = await api.dataSource.query(
      `SELECT count(*)::text AS n FROM ballot_revisions r JOIN votes v ON v.id = r.vote_id WHERE v.session_id = $1`,
      [sessionId],
    );
    // The failed request recorded nothing: two revisions, the retry's and the change's.
    expect(ballots!.n).toBe('2');
  }, 240_000);

  it('every public page, in Spanish, has no English string and no serious accessibility problem', async () => {
    const page = (await open('public-walk', PHONE)).page;
    const [resolution]: { number: string; motion_id: string }[] = await api.dataSource.query(
      `SELECT number, motion_id FROM resolutions ORDER BY number LIMIT 1`,
    );
    const paths = [
      '/',
      '/mociones',
      `/mociones/${resolution!.motion_id}`,
      '/resoluciones',
      `/resoluciones/${resolution!.number}`,
      '/plan',
      '/plan/objetivos/SOC-SALUD-O1',
      `/delegados/${rosa.delegateId}`,
      '/verificar',
      '/ingresar',
    ];
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, title: await page.title() }).toEqual({
        path,
        title: expect.stringMatching(/Asamblea Popular Regional/),
      });
      await look(page, `public${path.replace(/[0-9a-f-]{36}/, 'id').replace(/[/:]+/g, '-')}`);
    }
    // The motions list: a choice in a list applies at once, and lands in the address.
    await page.goto(`${base}/mociones`);
    await page.getByLabel('Estado').selectOption({ label: 'aprobada' });
    await page.waitForURL(/status=adopted/);
    await page.getByRole('link', { name: /Agua segura para las escuelas rurales de Cajamarca/ }).waitFor();
    await page.getByLabel('Objetivo del plan').selectOption({ index: 1 });
    await page.waitForURL(/objective=/);

    // The citizen's browser verifies the whole plenary's record itself, and so does the server.
    await page.goto(`${base}/verificar`);
    await page
      .getByText(
        'Verificado en su navegador: el registro es consistente y todo lo publicado coincide con él.',
      )
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Pedir verificación al servidor' }).click();
    await page.getByText(/El servidor dice que el registro es consistente/).waitFor();
    await look(page, 'public-verified');

    // The same pages in English: no Spanish string of the interface left, and no raw key.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Verify the public record' }).waitFor();
    const spanish = await spanishPatterns();
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const body = await page.locator('body').innerText();
      expect({
        path,
        rawKeys: body.match(/\b(?:records|moderator|delegate|motions|publicPages|board)\.[a-z]\w*/g),
      }).toEqual({ path, rawKeys: null });
      expect({ path, spanish: await englishOnPage(page, spanish, 'en') }).toEqual({ path, spanish: [] });
    }
    await page.getByRole('button', { name: 'Español' }).click();
  }, 120_000);

  it('two tabs of one browser renew one at a time, sharing the token, and both stay signed in', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'es-PE' });
    contexts.push(context);
    const tabs = [await context.newPage(), await context.newPage()];
    let renewals = 0;
    let refused = 0;
    context.on('response', (response) => {
      if (new URL(response.url()).pathname !== '/api/auth/refresh') return;
      if (response.status() === 200) renewals += 1;
      else refused += 1;
    });
    for (const tab of tabs) await tab.clock.install();
    await logIn(tabs[0]!, '/delegado', teodoro.email);
    await tabs[0]!.getByRole('heading', { name: 'Presentar una moción' }).waitFor();
    // The second tab gets its token from the cookie and shares it with the first.
    await tabs[1]!.goto(`${base}/delegado`);
    await tabs[1]!.getByRole('heading', { name: 'Presentar una moción' }).waitFor();
    expect(renewals).toBe(1);
    // Both tabs reach the renewal time together: one renews, the other takes the token it broadcast.
    await Promise.all(tabs.map((tab) => tab.clock.fastForward(25_000)));
    for (let i = 0; i < 50 && renewals < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect({ renewals, refused }).toEqual({ renewals: 2, refused: 0 });
    await tabs[0]!.reload();
    await tabs[0]!.getByRole('heading', { name: 'Presentar una moción' }).waitFor();
    for (const tab of tabs)
      expect(await tab.getByRole('heading', { name: 'Vuelva a ingresar' }).isVisible()).toBe(false);
    expect(refused).toBe(0);
  }, 120_000);

  it('when the refresh token is gone, the inline sign-in appears and the interrupted action completes after it', async () => {
    const watch = await open('expired', PHONE);
    const page = watch.page;
    await page.clock.install();
    await logIn(page, '/delegado', maria.email);
    await page.getByRole('heading', { name: 'Su voto' }).waitFor();
    const fileForm = area(page, 'Presentar una moción');
    await fileForm.getByLabel('Título').fill('Moción presentada tras volver a ingresar');
    await fileForm.getByLabel('Texto (articulado)').fill('Artículo 1. Una moción que no se pierde.');
    await fileForm.getByLabel('Buscar en el plan').fill('agua');
    await fileForm
      .getByRole('group', { name: 'Objetivos del plan que sirve' })
      .getByRole('checkbox')
      .first()
      .check();
    // The refresh cookie is gone (expired, revoked elsewhere) and the access token's time has passed.
    await page.context().clearCookies();
    // The page's clock jumps a minute without running its timers: the click below is what finds out.
    await page.clock.setSystemTime(Date.now() + 60_000);
    await fileForm.getByRole('button', { name: 'Presentar', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Vuelva a ingresar' });
    await dialog.waitFor();
    await look(page, 'signin-again-phone');
    await dialog.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Ingresar', exact: true }).click();
    await page.getByText(/Moción presentada: MOC-\d{4}-\d{4}/).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const [row]: { n: string }[] = await api.dataSource.query(
      `SELECT count(*)::text AS n FROM motions WHERE title = 'Moción presentada tras volver a ingresar'`,
    );
    expect(row!.n).toBe('1');
  }, 120_000);

  it('a delegate at the Mesa console gets an explanation in Spanish and no moderator control; unknown addresses get a page', async () => {
    const page = (await open('wrong-role')).page;
    await logIn(page, '/mesa', rosa.email);
    await page.getByRole('heading', { name: 'Esta consola es solo para: Mesa Directiva' }).waitFor();
    for (const control of ['Programar sesión', 'Abrir la sesión', 'Levantar la sesión', 'Abrir la votación'])
      expect({ control, count: await page.getByRole('button', { name: control }).count() }).toEqual({
        control,
        count: 0,
      });
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Consola de la Mesa' }).count()).toBe(
      0,
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Mi consola de delegado' }).waitFor();
    await look(page, 'mesa-as-delegate');
    await page.getByRole('button', { name: 'Ingresar con otra cuenta' }).click();
    await page.getByLabel('Correo electrónico').waitFor();

    await page.goto(`${base}/no-existe/esta-pagina`);
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    expect(await page.title()).toMatch(/^Página no encontrada · /);
    await look(page, 'not-found');
    await page.goto(`${base}/mociones?q=agua`);
    await page.getByRole('heading', { level: 1, name: 'Mociones' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ mocion(es)?$|^1 moción$/ })
      .first()
      .waitFor();
    await look(page, 'motions-list');
  }, 120_000);
});
