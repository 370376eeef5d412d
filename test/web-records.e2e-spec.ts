import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { urlOf } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

/** Waits until the locator's whole text matches, then checks it (a failure names the text it saw). */
async function expectText(locator: import('playwright-core').Locator, pattern: RegExp) {
  await locator.first().waitFor();
  for (let i = 0; i < 50 && !pattern.test(((await locator.textContent()) ?? '').trim()); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(((await locator.textContent()) ?? '').trim()).toMatch(pattern);
}

describe('The public record pages in a real browser (Chromium): motion, delegate, plan, objective', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let moderator: TestUser;
  let author: SeatedDelegate;
  let voters: SeatedDelegate[];
  /** The motion and amendment of the first test, which the second one reads again. */
  let filed: { parent: { id: string; number: string }; amendment: { id: string; number: string } };
  const contexts: BrowserContext[] = [];
  const publicPage = async (viewport = { width: 1280, height: 900 }) => {
    const created = await browser.newContext({ viewport, locale: 'es-PE' });
    contexts.push(created);
    return created.newPage();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    moderator = await userWithRoles(api, ['moderator']);
    author = await seatDelegate(api, { fullName: 'Rosa Huamán Quispe' });
    voters = await seatDelegatesInBulk(api, 4);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api.close();
  });

  it('shows a motion with both versions and the diff, a delegate’s attendance and ballots, and the plan down to an objective’s motions and resolutions', async () => {
    // A motion, an amendment that rewrites "dos" as "tres", both voted: version 2 and a resolution.
    const parent = await admittedMotion(api, author, moderator, {
      title: 'Ambulancias para Celendín',
      institutionCodes: ['DIRESA'],
      complianceDeadline: '2027-06-30',
    });
    const amendment = await admittedMotion(api, voters[0]!, moderator, {
      title: 'Tres ambulancias en lugar de dos',
      body: 'Cambiar el número de ambulancias.',
      parentId: parent.id,
      changes: [{ op: 'replace', find: 'dos ambulancias', text: 'tres ambulancias' }],
    });
    filed = { parent, amendment };
    const sessionId = await openSession(api, moderator, 'Sesión sobre ambulancias');
    await checkIn(api, sessionId, [author, ...voters]);
    const vote = async (motionId: string, kind: string, ballots: [SeatedDelegate, string][]) => {
      await debate(api, moderator, sessionId, motionId, kind);
      const opened = await api
        .http()
        .post(`/api/sessions/${sessionId}/votes`)
        .set(bearer(moderator))
        .send({ rule: 'simple' })
        .expect(201);
      for (const [delegate, choice] of ballots)
        await api
          .http()
          .post(`/api/votes/${opened.body.id}/ballots`)
          .set(bearer(delegate))
          .send({ choice })
          .expect(200);
      const closed = await api
        .http()
        .post(`/api/votes/${opened.body.id}/close`)
        .set(bearer(moderator))
        .expect(200);
      expect(closed.body.tally.outcome).toBe('adopted');
      return closed.body as { resolutionNumber: string | null };
    };
    // The author does not vote on the amendment, then votes for the amended motion.
    await vote(amendment.id, 'amendment', [
      [voters[0]!, 'yes'],
      [voters[1]!, 'yes'],
      [voters[2]!, 'yes'],
      [voters[3]!, 'no'],
    ]);
    const { resolutionNumber } = await vote(parent.id, 'motion', [
      [author, 'yes'],
      [voters[0]!, 'yes'],
      [voters[1]!, 'abstain'],
    ]);
    expect(resolutionNumber).toMatch(/^RES-APR-\d{4}-0001$/);
    // A second session the author misses: attendance 1 of 2.
    await openSession(api, moderator, 'Sesión sin la autora');

    // The motion: both versions, the word diff in <ins>/<del>, the amendment, the public-record history.
    const page = await publicPage();
    await page.goto(`${base}/mociones/${parent.id}`);
    await page
      .getByRole('heading', { level: 1, name: new RegExp(`${parent.number} · Ambulancias`) })
      .waitFor();
    await page.getByRole('heading', { name: /^Versión 1 / }).waitFor();
    await page.getByRole('heading', { name: /^Versión 2 .*vigente/ }).waitFor();
    const bodyDiff = await page.getByTestId('diff-2-body').innerHTML();
    expect(bodyDiff).toContain('<ins>tres</ins>');
    expect(bodyDiff).toContain('<del>dos</del>');
    await page.getByText('Se añade: «tres»').waitFor();
    await page
      .getByRole('link', { name: new RegExp(amendment.number) })
      .first()
      .waitFor();
    const history = page.getByTestId('history');
    for (const label of ['Presentada', 'Admitida', 'Nueva versión por enmienda', 'Aprobada'])
      await history.getByText(label, { exact: false }).first().waitFor();
    expect({ path: 'motion', problems: await axeProblems(page) }).toEqual({ path: 'motion', problems: [] });
    await page.screenshot({ path: `${SHOTS}/records-motion.png`, fullPage: true });

    // The author, from the motion page: attendance rate, sessions, their ballot or "no votó" on each vote.
    await page.getByRole('link', { name: 'Rosa Huamán Quispe' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Rosa Huamán Quispe' }).waitFor();
    expect(await page.getByTestId('attendance-rate').textContent()).toMatch(/^Tasa de asistencia: 50\s?%$/);
    await page.getByText('Presente en 1 de 2 sesiones abiertas; ausente en 1.').waitFor();
    const table = page.getByRole('table', { name: /Votaciones cerradas/ });
    const parentRow = table.getByRole('row', { name: new RegExp(`^${parent.number}`) });
    await parentRow.getByRole('cell', { name: 'A favor' }).waitFor();
    await parentRow.getByRole('link', { name: resolutionNumber! }).waitFor();
    const amendmentRow = table.getByRole('row', { name: new RegExp(`^${amendment.number}`) });
    await amendmentRow.getByRole('cell', { name: 'no votó' }).waitFor();
    expect({ path: 'delegate', problems: await axeProblems(page) }).toEqual({
      path: 'delegate',
      problems: [],
    });
    await page.screenshot({ path: `${SHOTS}/records-delegate.png`, fullPage: true });

    // The plan browser, from the navigation: dimension → theme → objective.
    await page.getByRole('navigation').getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Plan de gobierno regional' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Social/i }).waitFor();
    const objectiveLink = page.getByRole('link', { name: /^SOC-SALUD-O4:/ });
    await objectiveLink.waitFor();
    // At a glance: each objective says what serves it; compliance by dimension and by institution, each
    // chart with its table.
    const objectiveItem = objectiveLink.locator('xpath=..');
    await expectText(objectiveItem.locator('.glance'), /^\d+ mociones? · 1 resolución · 0\s?% cumplido$/);
    await expectText(
      page
        .getByRole('link', { name: /^SOC-SALUD-O1:/ })
        .locator('xpath=..')
        .locator('.glance'),
      /^Sin mociones ni resoluciones todavía$/,
    );
    const byDimension = page.getByRole('region', { name: 'Cumplimiento por dimensión' });
    await byDimension.getByRole('link', { name: /Social/i }).waitFor();
    const byInstitution = page.getByRole('region', { name: 'Cumplimiento por institución' });
    await byInstitution.getByText('Tabla de datos del cumplimiento').click();
    const diresaRow = byInstitution.getByRole('row', { name: /Dirección Regional de Salud/ });
    expect(await diresaRow.getByRole('cell').allTextContents()).toEqual(['0', '0', '1', '0', '1']);
    expect(await byInstitution.getByRole('row').count()).toBe(2);
    expect({ path: 'plan', problems: await axeProblems(page) }).toEqual({ path: 'plan', problems: [] });
    await page.screenshot({ path: `${SHOTS}/records-plan.png` });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SHOTS}/records-plan-phone.png` });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The objective: its motion and amendment, its resolution with compliance.
    await objectiveLink.click();
    await page.getByRole('heading', { level: 1, name: 'Objetivo estratégico SOC-SALUD-O4' }).waitFor();
    await page
      .getByRole('link', { name: new RegExp(`^${parent.number} · Ambulancias para Celendín`) })
      .waitFor();
    await page.getByRole('link', { name: new RegExp(`^${resolutionNumber} · `) }).waitFor();
    await page.getByRole('table', { name: 'Resoluciones por estado de cumplimiento' }).waitFor();
    expect(
      await page
        .getByRole('row', { name: /pendiente/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('1');
    await page
      .getByRole('region', { name: 'Cumplimiento de este objetivo por institución' })
      .getByRole('link', { name: 'Dirección Regional de Salud' })
      .waitFor();
    expect({ path: 'objective', problems: await axeProblems(page) }).toEqual({
      path: 'objective',
      problems: [],
    });
    await page.screenshot({ path: `${SHOTS}/records-objective.png`, fullPage: true });

    // The resolution link leads to the resolution page; English on request still reads the record.
    await page.getByRole('link', { name: new RegExp(`^${resolutionNumber} · `) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(resolutionNumber!) }).waitFor();
    await page.goto(`${base}/delegados/${author.delegateId}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('table', { name: /Closed votes/ })
      .getByRole('cell', { name: 'did not vote' })
      .waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
  }, 120_000);

  it('shows a clear message for a motion or objective that does not exist, and an amendment on a phone, linked to its parent', async () => {
    const page = await publicPage({ width: 360, height: 780 });
    // The not-found page, with the API's own words for what is missing.
    await page.goto(`${base}/mociones/MOC-1999-0001`);
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    await page.getByText('No existe la moción.').waitFor();
    await page.goto(`${base}/plan/objetivos/NO-EXISTE`);
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    await page.getByText('No existe el objetivo estratégico NO-EXISTE.').waitFor();
    await page.goto(`${base}/sesiones/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    await page.getByText('No existe la sesión.').waitFor();
    // The amendment, by its number: it names and links its parent.
    await page.goto(`${base}/mociones/${filed.amendment.number}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${filed.amendment.number}`) }).waitFor();
    await page.getByRole('link', { name: `${filed.parent.number} · Ambulancias para Celendín` }).waitFor();
    await page.screenshot({ path: `${SHOTS}/records-motion-phone.png`, fullPage: true });
    expect({ path: 'motion (phone)', problems: await axeProblems(page) }).toEqual({
      path: 'motion (phone)',
      problems: [],
    });
  });
});
