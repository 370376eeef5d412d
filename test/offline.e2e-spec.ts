import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import {
  admittedMotion,
  checkIn,
  debate,
  openSession,
  openVote,
  seatDelegatesInBulk,
  voteYesAndClose,
} from './support/assembly.js';
import { urlOf } from './support/live-client.js';
import {
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

// What the page functions below touch (the tests compile without the DOM's types).
declare const document: {
  activeElement: { textContent: string | null } | null;
  documentElement: { scrollWidth: number };
};
declare const navigator: { serviceWorker: { controller: object | null } };

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** Every request kept by the service worker, by cache (read in the page: the Cache API). */
const CACHED = `(async () => {
  const out = {};
  for (const name of await caches.keys())
    out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
  return out;
})()`;

describe('Weak connections (Chromium): the public pages offline, a light mode, the phone header', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let moderator: TestUser;
  let resolution: string;
  let resolutionTitle: string;
  let sessionId: string;
  let question: string;
  const contexts: BrowserContext[] = [];
  const newPage = async (viewport = PHONE): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    return context.newPage();
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/offline-${name}.png` });
  const controlled = (page: Page) => page.waitForFunction(() => !!navigator.serviceWorker.controller);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    moderator = await userWithRoles(api, ['moderator']);
    // A resolution (adopted in a session that stays open), then a second motion whose vote stays open.
    const delegates = await seatDelegatesInBulk(api, 5);
    resolutionTitle = 'Agua segura para las escuelas de Bambamarca';
    sessionId = await openSession(api, moderator, 'Sesión ordinaria en vivo');
    const motion = await admittedMotion(api, delegates[0]!, moderator, { title: resolutionTitle });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, delegates);
    resolution = (await voteYesAndClose(api, moderator, sessionId, delegates.slice(0, 3)))
      .resolutionNumber as string;
    const second = await admittedMotion(api, delegates[1]!, moderator, { title: 'Caminos rurales de Chota' });
    await debate(api, moderator, sessionId, second.id);
    const vote = await openVote(api, moderator, sessionId);
    question = (vote as unknown as { question: string }).question;
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.close();
  });

  it('a resolution read once stays readable offline, with the notice, and recovers by itself online', async () => {
    const page = await newPage();
    await page.goto(`${base}/resoluciones/${resolution}`);
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(resolutionTitle) });
    await heading.waitFor();
    await controlled(page);
    // The worker was not there for the first load's reads: this one is kept.
    await page.reload();
    await heading.waitFor();
    const kept = (await page.evaluate(CACHED)) as Record<string, string[]>;
    expect(kept['asamblea-reads-v1']).toContain(`/api/resolutions/${resolution}`);
    expect(kept['asamblea-shell-v1']).toEqual(['/']);
    expect(kept['asamblea-assets-v1']!.some((path) => /^\/assets\/index-.*\.js$/.test(path))).toBe(true);
    expect(await page.getByTestId('offline-notice').count()).toBe(0);

    await page.context().setOffline(true);
    await page.reload();
    await heading.waitFor();
    const notice = page.getByTestId('offline-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^Sin conexión — mostrado tal como estaba a las \d{2}:\d{2}/);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'resolution-offline-360');
    // Read two days later, still offline: the notice names the day the copy is from.
    const storedDay = new Intl.DateTimeFormat('es-PE', {
      day: 'numeric',
      month: 'long',
      timeZone: 'America/Lima',
    }).format(Date.now());
    await page.clock.setFixedTime(Date.now() + 2 * 24 * 3600 * 1000);
    await page.reload();
    await heading.waitFor();
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      new RegExp(`^Sin conexión — mostrado tal como estaba el ${storedDay}(,| a las) \\d{2}:\\d{2}`),
    );

    await page.context().setOffline(false);
    await notice.waitFor({ state: 'hidden' });
    await heading.waitFor();
    await shot(page, 'resolution-back-online-360');
  }, 120_000);

  it('keeps no authenticated response: a signed-in person reads the same pages and nothing more is kept', async () => {
    const page = await newPage();
    await page.goto(`${base}/ingresar`);
    await controlled(page);
    await page.evaluate(
      `(async () => { for (const name of await caches.keys()) await caches.delete(name); })()`,
    );
    await page.getByLabel('Correo electrónico').fill(moderator.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
    await page.getByRole('link', { name: 'Mi cuenta' }).waitFor();
    const reads: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/') && request.headers().authorization) reads.push(path);
    });
    for (const path of [`/resoluciones/${resolution}`, '/', `/sesiones/${sessionId}`, '/mesa'])
      await page.goto(`${base}${path}`).then(() => page.getByRole('heading', { level: 1 }).first().waitFor());
    await page.getByRole('link', { name: 'Mi cuenta' }).waitFor();
    expect(reads).toEqual(expect.arrayContaining([`/api/resolutions/${resolution}`, '/api/sessions']));
    const kept = (await page.evaluate(CACHED)) as Record<string, string[]>;
    // The shell and code are kept (they are the same for everyone); no read of this person's.
    expect(kept['asamblea-shell-v1']).toEqual(['/']);
    expect(kept['asamblea-reads-v1'] ?? []).toEqual([]);
    expect(
      Object.values(kept)
        .flat()
        .filter((path) => path.startsWith('/api/auth')),
    ).toEqual([]);
    // The worker file itself is never cached for long.
    const sw = await api.http().get('/sw.js').expect(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toMatch(/javascript/);
  }, 120_000);

  it('on a 360×740 phone the header is one row and a menu, operable by keyboard; from 700 px the links show', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Sesiones' }).waitFor();
    const header = page.locator('header.top');
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(111);
    await page.getByRole('link', { name: 'Ingresar' }).waitFor();
    const menu = page.getByRole('button', { name: 'Menú' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Mociones' }).count()).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'header-closed-360');

    // From the keyboard: Tab to the menu button, Enter opens it, Tab reaches the first link, Escape closes.
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      if (await menu.evaluate((e) => e === document.activeElement)) break;
    }
    expect(await menu.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page
      .getByRole('navigation', { name: 'Secciones' })
      .getByRole('link', { name: 'Mociones' })
      .waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'header-open-360');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Inicio');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((e) => e === document.activeElement)).toBe(true);
    // Open again, follow a link: the page changes and the menu closes.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mociones');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mociones' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // Signed in, the account line still fits.
    await page.goto(`${base}/ingresar`);
    await page.getByLabel('Correo electrónico').fill(moderator.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
    await page.getByRole('link', { name: 'Mi cuenta' }).waitFor();
    await shot(page, 'header-signed-in-360');
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(111);
    // On one line without pushing the page sideways: a long name is cut short, "Salir" stays in view.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const logout = (await page.getByRole('button', { name: 'Salir' }).boundingBox())!;
    expect(logout.x + logout.width).toBeLessThanOrEqual(PHONE.width);

    const wide = await newPage({ width: 700, height: 800 });
    await wide.goto(`${base}/`);
    await wide
      .getByRole('navigation', { name: 'Secciones' })
      .getByRole('link', { name: 'Mociones' })
      .waitFor();
    expect(await wide.getByRole('button', { name: 'Menú' }).count()).toBe(0);
    expect(await axeProblems(wide)).toEqual([]);
    await shot(wide, 'header-700');
  }, 120_000);

  it('the home page leads to the session in progress and says a vote is open', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    const follow = page.getByRole('link', { name: /^Seguir en vivo/ });
    await follow.waitFor();
    expect(await follow.getAttribute('href')).toBe(`/sesiones/${sessionId}`);
    expect(await follow.textContent()).toContain('Sesión ordinaria en vivo');
    await page.getByTestId('home-vote-open').waitFor();
    expect(await page.getByTestId('home-vote-open').textContent()).toBe(
      `Votación abierta ahora: ${question}`,
    );
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'home-live-360');
    await follow.click();
    await page.getByRole('heading', { level: 1, name: 'Sesión ordinaria en vivo' }).waitFor();
  }, 120_000);

  it('light mode, remembered on the device, hides the charts', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${base}/sesiones/${sessionId}`);
    await page.getByTestId('vote-progress').waitFor();
    const bar = page.locator('main progress').first();
    await bar.waitFor();
    const toggle = page.getByRole('button', { name: 'Modo liviano' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await bar.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('vote-progress').waitFor();
    expect(await page.getByRole('button', { name: 'Modo liviano' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.locator('main progress').first().isVisible()).toBe(false);
    // The counts stay as text.
    expect(await page.getByTestId('vote-progress').textContent()).toMatch(/\d/);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'board-light-1280');
    // A resolution page in light mode: no hemicycle drawn, but its data table is there to open.
    await page.goto(`${base}/resoluciones/${resolution}`);
    const hemicycle = page.getByTestId('hemicycle');
    await hemicycle.waitFor({ state: 'attached' });
    expect(await hemicycle.locator('svg').first().isVisible()).toBe(false);
    await page.getByText('Tabla de datos del hemiciclo').first().click();
    await page.getByTestId('hemicycle-provinces').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'resolution-light-1280');
    await page.getByRole('button', { name: 'Modo liviano' }).click();
    await page.goto(`${base}/sesiones/${sessionId}`);
    await page.locator('main progress').first().waitFor();
  }, 120_000);
});
