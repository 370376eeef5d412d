import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { admittedMotion, bearer, seatDelegatesInBulk } from './support/assembly.js';
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

async function logIn(page: Page, base: string, path: string, email: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

describe('The web client in a real browser (Chromium)', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  const contexts: BrowserContext[] = [];
  const context = async (viewport = { width: 1280, height: 900 }) => {
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
    delegates = [
      await seatDelegate(api, { fullName: 'Rosa Huamán Quispe' }),
      await seatDelegate(api, { fullName: 'Teclado Cruz Vásquez' }),
    ];
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api.close();
  });

  it('moderator opens the session and a vote, two delegates vote (one by keyboard only), the public board follows without reloading', async () => {
    const [seated] = await seatDelegatesInBulk(api, 2);
    const motion = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Moción votada desde el navegador',
    });
    const created = await api
      .http()
      .post('/api/sessions')
      .set(bearer(moderator))
      .send({
        kind: 'ordinary',
        title: 'Sesión en el navegador',
        scheduledAt: new Date().toISOString(),
        place: 'Cajamarca',
      })
      .expect(201);
    const sessionId: string = created.body.session.id;
    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ kind: 'motion', motionId: motion.id })
      .expect(201);

    // The public board, open before anything happens, on a phone with a slow connection where
    // websockets do not get through: socket.io stays on long-polling and the board still follows.
    const board = await context({ width: 360, height: 780 });
    const cdp = await board.context().newCDPSession(board);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 300,
      downloadThroughput: (400 * 1024) / 8,
      uploadThroughput: (200 * 1024) / 8,
    });
    let websocketsRefused = 0;
    await board.routeWebSocket(/socket\.io/, (ws) => {
      websocketsRefused += 1;
      void ws.close();
    });
    await board.goto(`${base}/sesiones/${sessionId}`);
    await board.getByRole('heading', { name: 'Sesión en el navegador' }).waitFor();

    // The moderator opens the session and starts the debate from the console.
    const mesa = await context();
    await logIn(mesa, base, '/mesa', moderator.email);
    await mesa.getByRole('heading', { name: 'Sesión en el navegador' }).waitFor();
    await mesa.getByRole('button', { name: 'Abrir la sesión' }).click();
    await mesa.getByRole('button', { name: 'Levantar la sesión' }).waitFor();
    await mesa
      .getByRole('button', { name: `Iniciar: ${motion.number} · Moción votada desde el navegador` })
      .click();
    await board.getByText('abierta', { exact: false }).first().waitFor();

    // Two delegates in their own browsers check in; a third seat is present too (quorum: 3 of 4).
    const first = await context();
    const second = await context();
    await logIn(first, base, '/delegado', delegates[0]!.email);
    await logIn(second, base, '/delegado', delegates[1]!.email);
    for (const page of [first, second]) {
      await page.getByRole('button', { name: 'Registrar mi asistencia' }).click();
      await page.getByText('Su asistencia está registrada.').waitFor();
    }
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance/${seated!.delegateId}`)
      .set(bearer(moderator))
      .send({ present: true })
      .expect(200);
    await board.getByText('3 de 4 presentes (se requieren 3)').waitFor();

    await mesa.getByLabel('Regla de votación').selectOption({ label: 'mayoría simple' });
    await mesa.getByRole('button', { name: 'Abrir la votación' }).click();
    await board.getByText('0 de 3 han votado').waitFor();
    await board.screenshot({ path: `${SHOTS}/board-phone-vote-open.png`, fullPage: true });

    // The first delegate votes with the mouse: confirmation, then the receipt.
    await first.getByRole('button', { name: 'A favor', exact: true }).click();
    await first.getByRole('alertdialog').getByRole('button', { name: 'Confirmar' }).click();
    const receipt = await first.getByTestId('receipt').locator('code').textContent();
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    await board.getByText('1 de 3 han votado').waitFor();

    // The second only with the keyboard: Tab to "A favor", Enter, Enter on the focused confirmation.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await second.keyboard.press('Tab');
      reached = (await second.evaluate('document.activeElement?.textContent?.trim()')) === 'A favor';
    }
    expect(reached).toBe(true);
    await second.keyboard.press('Enter');
    await second.getByRole('alertdialog').waitFor();
    await second.keyboard.press('Enter');
    await second.getByTestId('receipt').waitFor();
    await board.getByText('2 de 3 han votado').waitFor();

    // The moderator closes: the board shows the result, every ballot and the new resolution, without reloading.
    await mesa.getByRole('button', { name: 'Cerrar la votación' }).click();
    await mesa.getByRole('alertdialog').getByRole('button', { name: 'Sí, cerrar la votación' }).click();
    await board.getByTestId('vote-outcome').filter({ hasText: 'APROBADA' }).waitFor();
    // 3 present, simple majority of 2 cast: one vote needed, in the singular.
    await board.getByText('Se requería 1 voto a favor (mayoría simple)').waitFor();
    await board
      .getByTestId('new-resolution')
      .filter({ hasText: /RES-APR-\d{4}-0001/ })
      .waitFor();
    await board.getByText('Votos por provincia').click();
    await board.getByRole('row', { name: /Rosa Huamán Quispe/ }).waitFor();
    await board.screenshot({ path: `${SHOTS}/board-phone-result.png`, fullPage: true });
    expect(websocketsRefused).toBeGreaterThan(0);
    const desktop = await context();
    await desktop.goto(`${base}/sesiones/${sessionId}`);
    await desktop.getByTestId('vote-outcome').waitFor();
    await desktop.screenshot({ path: `${SHOTS}/board-desktop-result.png`, fullPage: true });

    // Accessibility: every public page and both consoles.
    const pages: [Page, string][] = [
      [board, 'live board (phone)'],
      [desktop, 'live board (desktop)'],
      [mesa, 'moderator console'],
      [first, 'delegate console'],
    ];
    const publicPage = await context();
    for (const path of ['/', '/resoluciones', '/resoluciones/RES-APR-2026-0001', '/verificar']) {
      await publicPage.goto(`${base}${path}`);
      await publicPage.locator('main h1').first().waitFor();
      expect({ path, problems: await axeProblems(publicPage) }).toEqual({ path, problems: [] });
    }
    for (const [page, name] of pages)
      expect({ name, problems: await axeProblems(page) }).toEqual({ name, problems: [] });

    // English on request, remembered.
    await publicPage.getByRole('button', { name: 'English' }).click();
    await publicPage.getByRole('heading', { name: 'Verify the public record' }).waitFor();
  }, 120_000);

  it('a delegate files a motion with the plan picker; another co-sponsors it', async () => {
    const author = await context();
    await logIn(author, base, '/delegado', delegates[0]!.email);
    await author.getByLabel('Título').fill('Agua segura para las escuelas rurales');
    await author
      .getByLabel('Texto (articulado)')
      .fill('Artículo 1. Instalar sistemas de cloración en las escuelas rurales.');
    await author.getByLabel('Buscar en el plan').fill('agua');
    const objective = author
      .getByRole('group', { name: 'Objetivos del plan que sirve' })
      .getByRole('checkbox')
      .first();
    await objective.waitFor();
    await objective.check();
    await author.getByRole('checkbox', { name: /^DRVCS · / }).check();
    await author.getByRole('button', { name: 'Presentar', exact: true }).click();
    const filed = await author.getByText(/Moción presentada: MOC-\d{4}-\d{4}/).textContent();
    const number = /MOC-\d{4}-\d{4}/.exec(filed!)![0];
    expect({ problems: await axeProblems(author) }).toEqual({ problems: [] });

    const supporter = await context({ width: 360, height: 780 });
    await logIn(supporter, base, '/delegado', delegates[1]!.email);
    await supporter.getByRole('button', { name: `Copatrocinar ${number}` }).click();
    await supporter.getByRole('button', { name: `Retirar mi copatrocinio de ${number}` }).waitFor();
    // One co-sponsor, in the singular.
    await supporter
      .getByText(/^1 copatrocinio\b/)
      .first()
      .waitFor();
    const [motion]: { objectives: string[]; institutions: string[]; cosponsorCount: number }[] = (
      await api.http().get(`/api/motions?q=cloración`).expect(200)
    ).body.items;
    expect(motion).toMatchObject({ institutions: ['DRVCS'], cosponsorCount: 1 });
    expect(motion!.objectives).toHaveLength(1);
  }, 60_000);
});
