import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { englishOnPage, englishPatterns } from './support/english-check.js';
import { urlOf } from './support/live-client.js';
import {
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describe('The reglamento in the browser: the secretariat changes it, the public reads it, the Mesa votes under it', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let moderator: TestUser;
  let sessionId: string;
  let budgetId: string;
  let patterns: Awaited<ReturnType<typeof englishPatterns>>;
  const contexts: BrowserContext[] = [];

  const page = async (viewport = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    return context.newPage();
  };
  const logIn = async (p: Page, path: string, email: string) => {
    await p.goto(`${base}${path}`);
    await p.getByLabel('Correo electrónico').fill(email);
    await p.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await p.getByRole('button', { name: 'Ingresar', exact: true }).click();
  };
  const area = (p: Page, heading: string | RegExp): Locator =>
    p
      .locator('section, form')
      .filter({ has: p.getByRole('heading', { name: heading }) })
      .first();
  const look = async (p: Page, name: string) => {
    await p.screenshot({ path: `${SHOTS}/rules-${name}.png`, fullPage: true });
    expect({ name, english: await englishOnPage(p, patterns) }).toEqual({ name, english: [] });
    expect({ name, axe: await axeProblems(p) }).toEqual({ name, axe: [] });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    patterns = await englishPatterns();
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    const delegates = await seatDelegatesInBulk(api, 6);
    sessionId = await openSession(api, moderator, 'Sesión bajo el nuevo reglamento');
    await checkIn(api, sessionId, delegates);
    const motion = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Moción votada bajo la versión 2',
    });
    await debate(api, moderator, sessionId, motion.id);
    // A filed motion with one co-sponsor, for the Mesa to admit (and qualify) under version 2.
    const draft = await api
      .http()
      .post('/api/motions')
      .set(bearer(delegates[1]!))
      .send({
        title: 'Presupuesto participativo 2027',
        body: 'Artículo 1. Texto.',
        objectiveCodes: ['SOC-SALUD-O4'],
      })
      .expect(201);
    budgetId = draft.body.id;
    await api.http().post(`/api/motions/${budgetId}/file`).set(bearer(delegates[1]!)).expect(200);
    await api.http().post(`/api/motions/${budgetId}/cosponsors`).set(bearer(delegates[2]!)).expect(200);
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.close();
  });

  it('the secretariat adopts version 2 (threshold and a fixed rule for motions); the public page, the record and the Mesa follow it', async () => {
    const secretariat = await page();
    await logIn(secretariat, '/secretaria?seccion=rules', admin.email);
    const editor = area(secretariat, 'Cambiar el reglamento');
    await editor.getByLabel('Copatrocinios para admitir').waitFor();
    await look(secretariat, 'editor-desktop');
    await secretariat.setViewportSize(PHONE);
    await look(secretariat, 'editor-phone');
    expect(await secretariat.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await secretariat.setViewportSize(DESKTOP);

    await editor.getByLabel('Copatrocinios para admitir').fill('1');
    const motions = editor.getByRole('group', { name: /Moción ordinaria/ });
    await motions.getByLabel('Regla de conteo').selectOption({ label: 'mayoría absoluta de presentes' });
    await motions.getByLabel('La Mesa puede elegir otra').uncheck();
    // A bad key for a new kind of decision is refused where it was typed.
    await editor.getByLabel('Clave del nuevo tipo').fill('Presupuesto!');
    await editor.getByRole('button', { name: 'Añadir un tipo de decisión' }).click();
    await editor.getByText(/La clave debe empezar con una letra minúscula/).waitFor();
    await editor.getByLabel('Clave del nuevo tipo').fill('presupuesto');
    await editor.getByRole('button', { name: 'Añadir un tipo de decisión' }).click();
    const budget = editor.getByRole('group', { name: /presupuesto/ });
    await budget.getByLabel('Nombre (español)').fill('Presupuesto participativo');
    await budget.getByLabel('Nombre (inglés)').fill('Participatory budget');
    await budget.getByLabel('Regla de conteo').selectOption({ label: 'dos tercios de los miembros' });
    await editor.getByLabel('Motivo o acuerdo (opcional)').fill('Acuerdo del pleno del 2 de diciembre');
    await editor.getByRole('button', { name: 'Adoptar la versión 2' }).click();
    await secretariat.getByRole('status').filter({ hasText: 'Versión 2 adoptada' }).waitFor();
    await look(secretariat, 'editor-adopted');

    // The record holds the whole version, with who adopted it.
    const record = (await api.http().get('/api/ledger?limit=500').expect(200)).body.events;
    const changed = record.find((e: { subject: string }) => e.subject === 'rules:2');
    expect(changed).toMatchObject({ type: 'rules.changed', actor: `user:${admin.id}` });
    expect(changed.payload.rules.cosponsorThreshold).toBe(1);
    expect(changed.payload.rules.decisions.find((d: { kind: string }) => d.kind === 'motion')).toMatchObject({
      rule: 'absolute_present',
      moderatorMayChoose: false,
    });
    expect(changed.payload.note).toBe('Acuerdo del pleno del 2 de diciembre');

    // The public page, for anyone, with the earlier version and what changed.
    const reader = await page(PHONE);
    await reader.goto(`${base}/reglamento`);
    await reader.getByRole('heading', { name: 'Reglamento de la Asamblea' }).waitFor();
    await reader.getByText(/Versión 2, vigente desde/).waitFor();
    await reader.getByText('1 copatrocinador en ejercicio.').waitFor();
    const table = reader.getByRole('table', { name: 'Regla de conteo de cada tipo de decisión' });
    const motionRow = table.getByRole('row', { name: /Moción ordinaria/ });
    // The rule, whether the Mesa may choose another, whether it is voted by secret ballot.
    expect(await motionRow.getByRole('cell').allTextContents()).toEqual([
      'mayoría absoluta de presentes',
      'No',
      'No',
    ]);
    await table.getByRole('row', { name: /Presupuesto participativo/ }).waitFor();
    await reader.getByText('Motivo: Acuerdo del pleno del 2 de diciembre').waitFor();
    await reader.getByText(/Versión 1 — desde el/).click();
    await reader.getByText(/Versión inicial, tomada de la configuración/).waitFor();
    await look(reader, 'public-phone');
    expect(await reader.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await reader.setViewportSize(DESKTOP);
    await look(reader, 'public-desktop');
    await reader.getByRole('button', { name: 'English' }).click();
    await reader.getByRole('heading', { name: 'Rules of the Assembly' }).waitFor();
    await reader.getByText(/Version 2, in force since/).waitFor();
    await reader.getByRole('button', { name: 'Español' }).click();

    // The Mesa: no rule to pick for an ordinary motion, nor its kind; the vote uses version 2.
    const mesa = await page();
    await logIn(mesa, `/mesa?sesion=${sessionId}`, moderator.email);
    const voting = area(mesa, 'Votación');
    await voting.getByText('Regla: mayoría absoluta de presentes (fijada por el reglamento v.2)').waitFor();
    expect(await voting.getByLabel('Regla de votación').count()).toBe(0);
    expect(await voting.getByLabel('Tipo de decisión').count()).toBe(0);
    await look(mesa, 'mesa-vote-form');
    // The kind is the Mesa's call at admission, in public: the filed motion is admitted as a budget.
    const admissions = area(mesa, 'Mociones por admitir');
    const admitAs = admissions.getByLabel(/^Admitir MOC-2026-\d+ como/);
    await admitAs.selectOption({ label: 'Presupuesto participativo — dos tercios de los miembros' });
    await admissions.getByRole('button', { name: /^Admitir MOC-2026-\d+$/ }).click();
    for (let i = 0; i < 50; i += 1) {
      const detail = (await api.http().get(`/api/motions/${budgetId}`).expect(200)).body;
      if (detail.status === 'admitted') break;
      await mesa.waitForTimeout(100);
    }
    expect((await api.http().get(`/api/motions/${budgetId}`).expect(200)).body).toMatchObject({
      status: 'admitted',
      decision: 'presupuesto',
    });
    const motionPage = await page(PHONE);
    await motionPage.goto(`${base}/mociones/${budgetId}`);
    await motionPage.getByRole('link', { name: 'Presupuesto participativo' }).waitFor();
    // Even bypassing the form, the API refuses a rule the reglamento forbids.
    const forbidden = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .set('Accept-Language', 'es')
      .send({ rule: 'simple' })
      .expect(409);
    expect(forbidden.body.code).toBe('RULE_NOT_ALLOWED');
    await voting.getByRole('button', { name: 'Abrir la votación' }).click();
    await voting.getByText('0 de 6 han votado').waitFor();
    const vote = (await api.http().get(`/api/sessions/${sessionId}/votes`).set(bearer(moderator)).expect(200))
      .body;
    expect(Array.isArray(vote) ? vote[0] : vote).toMatchObject({
      rule: 'absolute_present',
      rulesVersion: 2,
      decision: 'motion',
    });
  }, 180_000);
});
