import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { bearer, openSession } from './support/assembly.js';
import { urlOf } from './support/live-client.js';
import {
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
} from './support/test-api.js';

const PHONE = { width: 360, height: 780 };
const LIVE = /En vivo/;

/**
 * The delegate's phone through a token's expiry and a reset: the socket the server disconnects at the
 * token's expiry comes back by itself (the person notices nothing); a reset signs the phone out, saying why.
 */
describe('Revocation in the browser (Chromium): silent reconnection at expiry, signed out with a reason at a reset', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let delegate: SeatedDelegate;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({ JWT_ACCESS_TTL_SECONDS: '30', SECOND_FACTOR_ROLES: '' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    const moderator = await userWithRoles(api, ['moderator']);
    delegate = await seatDelegate(api, { fullName: 'Rosa Huamán Quispe' });
    await openSession(api, moderator, 'Sesión de la prueba de revocación');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('reconnects by itself when the token expires, and signs out with a message when the password is reset', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'es-PE' });
    const page: Page = await context.newPage();
    const told: string[] = [];
    let sockets = 0;
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/socket.io/')) return;
      sockets += 1;
      socket.on('framereceived', ({ payload }) => {
        const match = /"auth\.ended",\{"code":"(\w+)"/.exec(String(payload));
        if (match) told.push(match[1]!);
      });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${base}/delegado`);
    await page.getByLabel('Correo electrónico').fill(delegate.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
    const connection = page.locator('.dc-connection');
    await connection.getByText(LIVE).waitFor();
    const first = sockets;

    // The handshake's token lives 30 s: the server ends the socket then, and the page shakes hands again.
    for (let i = 0; i < 400 && !told.includes('TOKEN_EXPIRED'); i += 1) await page.waitForTimeout(100);
    expect(told).toEqual(['TOKEN_EXPIRED']);
    await connection.getByText(LIVE).waitFor({ timeout: 10_000 });
    expect(sockets).toBeGreaterThan(first);
    expect(await page.getByRole('dialog', { name: 'Vuelva a ingresar' }).isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/revocation-reconnected-phone.png`, fullPage: true });

    // A reset by the secretariat: this phone is signed out at once, and says why.
    const admin = await userWithRoles(api, ['admin']);
    await api.http().post(`/api/users/${delegate.id}/enrolment`).set(bearer(admin)).expect(200);
    const notice = page.getByRole('status').filter({ hasText: 'Su sesión terminó' });
    await notice.waitFor({ timeout: 5_000 });
    expect(told).toEqual(['TOKEN_EXPIRED', 'SESSION_ENDED']);
    await page.getByRole('link', { name: 'Ingresar' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/revocation-signed-out-phone.png`, fullPage: true });
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
