import { mkdirSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
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

/** The authenticator, with the same library the API uses: the code of a time step. */
const codeAt = (secret: string, step: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: step * 30_000,
  });
const stepNow = () => Math.floor(Date.now() / 30_000);

describe('Two-step verification in the browser: set up on the account page at 360 px by keyboard, then sign in with a code', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let patterns: Awaited<ReturnType<typeof englishPatterns>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The rules require a second factor of the secretariat: its console is refused until it is on.
    api = await startTestApi({ SECOND_FACTOR_ROLES: 'admin' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    patterns = await englishPatterns();
    admin = await userWithRoles(api, ['admin']);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const look = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SHOTS}/second-factor-${name}.png`, fullPage: true });
    expect({ name, english: await englishOnPage(page, patterns) }).toEqual({ name, english: [] });
    expect({ name, axe: await axeProblems(page) }).toEqual({ name, axe: [] });
  };
  /** Tab (at most 60 times) until the element is focused, then press the key: the keyboard alone. */
  const reach = async (page: Page, target: ReturnType<Page['getByRole']>, key = 'Enter') => {
    for (let i = 0; i < 60; i += 1) {
      if (
        await target.evaluate((element) => element === element.ownerDocument.activeElement).catch(() => false)
      ) {
        await page.keyboard.press(key);
        return;
      }
      await page.keyboard.press('Tab');
    }
    throw new Error('not reachable by Tab');
  };

  it('the console says the rules require it and links to /cuenta, where it is set up; the next sign-in asks for the code', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'es-PE',
      timezoneId: 'America/Lima',
    });
    const page = await context.newPage();
    await page.goto(`${base}/secretaria`);
    await page.getByLabel('Correo electrónico').fill(admin.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByLabel('Contraseña').press('Enter');
    // The accounts tab lists the accounts, which the rules now refuse until a second factor is on.
    await page.getByRole('tab', { name: 'Cuentas' }).click();

    const link = page
      .getByRole('link', { name: 'Activar la verificación en dos pasos en Mi cuenta' })
      .first();
    await link.waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'exige la verificación en dos pasos' })
      .first()
      .waitFor();
    await look(page, 'console-refused');
    await reach(page, link);
    await page.waitForURL(`${base}/cuenta`);

    const section = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Verificación en dos pasos' }) });
    await section.getByText('Desactivada.').waitFor();
    await section.getByText('El reglamento de la Asamblea la exige para su rol').waitFor();
    await reach(page, section.getByRole('button', { name: 'Configurar la verificación en dos pasos' }));
    const qr = section.getByRole('img', {
      name: 'Código QR con la clave para su aplicación de autenticación',
    });
    await qr.waitFor();
    expect(
      await qr.evaluate(
        (img) =>
          (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (img as unknown as { naturalWidth: number }).naturalWidth > 0,
      ),
    ).toBe(true);
    const secret = (await section.locator('code[data-secret]').getAttribute('data-secret'))!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect((await section.getByLabel('Clave para ingresar a mano').textContent())!.replaceAll(' ', '')).toBe(
      secret,
    );
    const codeField = section.getByRole('textbox', { name: 'Código de verificación' });
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    await look(page, 'setup');

    // A wrong code: the error is beside the field.
    await reach(page, codeField, 'Tab');
    await codeField.focus();
    await page.keyboard.type(codeAt(secret, stepNow() + 10));
    await page.keyboard.press('Enter');
    await section.getByRole('alert').filter({ hasText: 'El código no es válido' }).waitFor();
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    await look(page, 'setup-wrong-code');

    const confirmStep = stepNow();
    await codeField.fill('');
    await page.keyboard.type(codeAt(secret, confirmStep));
    await page.keyboard.press('Enter');
    const codes = section.getByRole('region', { name: 'Sus códigos de recuperación' });
    await codes.waitFor();
    const shown = (await codes.getByRole('listitem').allTextContents()).map((text) => text.trim());
    expect(shown).toHaveLength(10);
    for (const code of shown) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    for (const name of ['Descargar', 'Copiar', 'Imprimir'])
      await codes.getByRole('button', { name, exact: true }).waitFor();
    const done = codes.getByRole('button', { name: 'Listo' });
    expect(await done.isDisabled()).toBe(true);
    await look(page, 'recovery-codes');
    await reach(
      page,
      codes.getByRole('checkbox', { name: 'Guardé mis códigos en un lugar seguro' }),
      'Space',
    );
    await reach(page, done);
    await section.getByText('Activada. Le quedan 10 códigos de recuperación.').waitFor();
    expect(await codes.count()).toBe(0);
    await look(page, 'enabled');

    // The console works now, with no notice left.
    await page.goto(`${base}/secretaria`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(
      await page.getByRole('link', { name: 'Activar la verificación en dos pasos en Mi cuenta' }).count(),
    ).toBe(0);

    // Sign out, sign in again: the password, then the code (the next step: the last one was used).
    await reach(page, page.getByRole('button', { name: 'Salir' }));
    await page.goto(`${base}/ingresar`);
    await page.getByLabel('Correo electrónico').fill(admin.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByLabel('Contraseña').press('Enter');
    const loginCode = page.getByRole('textbox', { name: 'Código de verificación' });
    await loginCode.waitFor();
    expect(await loginCode.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await loginCode.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await loginCode.getAttribute('inputmode')).toBe('numeric');
    await page.getByRole('button', { name: 'Usar un código de recuperación' }).waitFor();
    await look(page, 'signin-code');
    // The code already used is refused, beside the field.
    await page.keyboard.type(codeAt(secret, confirmStep));
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'El código no es válido' }).waitFor();
    await look(page, 'signin-code-refused');
    await loginCode.fill('');
    await page.keyboard.type(codeAt(secret, Math.max(confirmStep + 1, stepNow())));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Salir' }).waitFor();
    await page.waitForURL(`${base}/`);
    await look(page, 'signed-in');

    // A recovery code, through the toggle, signs in too.
    await reach(page, page.getByRole('button', { name: 'Salir' }));
    await page.goto(`${base}/ingresar`);
    await page.getByLabel('Correo electrónico').fill(admin.email);
    await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
    await page.getByLabel('Contraseña').press('Enter');
    await reach(page, page.getByRole('button', { name: 'Usar un código de recuperación' }));
    const recovery = page.getByRole('textbox', { name: 'Código de recuperación' });
    await recovery.waitFor();
    await recovery.focus();
    await page.keyboard.type(shown[0]!);
    await look(page, 'signin-recovery');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Salir' }).waitFor();
    await context.close();
  });
});
