import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { admittedMotion, checkIn, debate, openSession, voteYesAndClose } from './support/assembly.js';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import {
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

// page.evaluate callbacks run in the page; the test project has no DOM lib, so the little they touch is declared here.
interface PageElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const window: {
  prints: number;
  print: () => void;
  dispatchEvent(event: Event): boolean;
};
declare const document: {
  body: { innerText: string };
  activeElement: PageElement | null;
  getElementById(id: string): PageElement | null;
};

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const WEAK = 'contraseña123';
const CHOSEN = 'la llama verde sube al cerro de noche';
const CHANGED = 'otra frase larga que solo yo conozco 77';
const PERSON = 'Rosa Quispe Huamán';

/** A port free right now: the enrolment links name the address the browser opens (PUBLIC_URL). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('Credentials in the browser: codes handed out once, passwords only their owners know', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let moderator: TestUser;
  let personEmail: string;
  let personPage: Page;
  let enrolmentUrl: string;
  const contexts: BrowserContext[] = [];

  const newPage = async (viewport = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    const page = await context.newPage();
    // Printing is counted, not sent to a printer (printedText reads what would go to paper).
    await page.addInitScript(() => {
      const w = window as unknown as { prints: number };
      w.prints = 0;
      window.print = () => {
        w.prints += 1;
      };
    });
    return page;
  };
  /** After a print: the text a printer would get, photographed as printed; then printing "ends". */
  const printedText = async (page: Page, name: string): Promise<string> => {
    expect(await page.evaluate(() => (window as unknown as { prints: number }).prints)).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    const text = await page.evaluate(() => document.body.innerText);
    await page.screenshot({ path: `${SHOTS}/credentials-${name}.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.locator('#sec-print-slot').count()).toBe(0);
    return text;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SHOTS}/credentials-${name}.png`, fullPage: true });
  const axeClean = async (page: Page, name: string) => {
    await page.waitForLoadState('networkidle');
    expect({ name, axe: await axeProblems(page) }).toEqual({ name, axe: [] });
  };
  const noOverflow = async (page: Page, name: string) => {
    const overflow = await page.evaluate(`(() => {
      const width = window.innerWidth;
      if (document.documentElement.scrollWidth <= width) return false;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .slice(-3)
        .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
    })()`);
    expect({ name, overflow }).toEqual({ name, overflow: false });
  };
  const secretariat = async (viewport = DESKTOP): Promise<Page> => {
    const page = await newPage(viewport);
    await page.goto(`${base}/secretaria?seccion=accounts`);
    await page.getByLabel('Correo electrónico').fill(admin.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
    await page.getByRole('tab', { name: 'Cuentas', selected: true }).waitFor();
    await page.getByRole('heading', { name: 'Crear una cuenta' }).waitFor();
    return page;
  };
  const focused = (page: Page) =>
    page.evaluate(() => {
      const e = document.activeElement;
      return e ? `${e.tagName}:${e.getAttribute('name') ?? ''}:${e.textContent?.trim() ?? ''}` : '';
    });
  /** Waits until the focused element's text contains `text` (focus moves after the render that shows it). */
  const focusLandsOn = async (page: Page, text: string) => {
    await page
      .waitForFunction((wanted) => document.activeElement?.textContent?.includes(wanted), text, {
        timeout: 5000,
      })
      .catch(() => undefined);
    expect(await focused(page)).toContain(text);
  };
  /** Tabs forward until the element is focused (keyboard only), at most `max` presses. */
  const tabTo = async (page: Page, target: Locator, max = 12) => {
    for (let i = 0; i < max; i += 1) {
      if (await target.evaluate((e) => e === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`not reached by Tab: ${await focused(page)}`);
  };
  /** The text of the element(s) an input names with aria-describedby. */
  const description = (input: Locator) =>
    input.evaluate((e) =>
      (e.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id: string) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
  const loginStatus = (email: string, password: string) =>
    api
      .http()
      .post('/api/auth/login')
      .send({ email, password })
      .then((r) => r.status);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startTestApi({
      COSPONSOR_THRESHOLD: '0',
      PUBLIC_URL: base,
      // Every step signs the same secretariat account in again.
      LOGIN_RATE_LIMIT_PER_ACCOUNT: '100',
      LOGIN_RATE_LIMIT_PER_IP: '1000',
    });
    await api.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api?.close();
  });

  it('(a) the secretariat creates an account without a password and sees its code once', async () => {
    const page = await secretariat();
    const form = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Crear una cuenta' }) });
    // Nobody types a password for another person any more.
    expect(await form.locator('input[type=password]').count()).toBe(0);
    personEmail = `rosa.${Date.now().toString(36)}@prueba.pe`;
    await form.getByLabel('Nombre').fill(PERSON);
    await form.getByLabel('Correo').fill(personEmail);
    await form.getByLabel('Mesa Directiva').check();
    await form.getByRole('button', { name: 'Crear cuenta' }).click();
    const slip = page.getByTestId('enrolment-slip');
    await slip.waitFor();
    // Focus lands on the slip, which names whose code it is.
    await focusLandsOn(page, `Código de acceso de ${PERSON}`);
    const code = (await slip.getByTestId('enrolment-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    enrolmentUrl = (await slip.getByTestId('enrolment-url').getAttribute('href'))!;
    expect(enrolmentUrl).toBe(`${base}/alta#codigo=${code}`);
    expect(await slip.textContent()).toContain('Entregue este código solo a la persona. Vence el ');
    expect(await slip.textContent()).toContain('nadie más la conoce');
    // Printing sends just the slip to paper: the code and its instructions, not the buttons or the console.
    await slip.getByRole('button', { name: 'Imprimir' }).click();
    const printed = await printedText(page, 'a-slip-print');
    expect(printed).toContain(code);
    expect(printed).toContain(enrolmentUrl);
    expect(printed).toContain('Entregue este código solo a la persona');
    expect(printed).not.toContain('Copiar enlace');
    expect(printed).not.toContain('Crear una cuenta');
    expect(printed).not.toContain('Cuentas y roles');
    await axeClean(page, 'secretariat with slip');
    await shot(page, 'a-created-1280');

    // The table shows the account waiting for its owner; the code itself is nowhere once the slip is gone.
    const row = page.locator('tr').filter({ hasText: personEmail });
    expect(await row.textContent()).toContain('Código pendiente hasta');
    expect(await row.getByRole('button', { name: `Emitir código de acceso para ${PERSON}` }).count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'Crear una cuenta' }).waitFor();
    await page.locator('tr').filter({ hasText: personEmail }).waitFor();
    expect(await page.getByText(code).count()).toBe(0);
    expect(await page.content()).not.toContain(code);
  });

  it('(b) on a phone, keyboard only, the person opens the link, sees whose account it is and sets their password', async () => {
    let page = await newPage(PHONE);
    // A wrong code first: the error stands beside the code field.
    await page.goto(`${base}/alta`);
    const codeField = page.getByRole('textbox', { name: 'Código de acceso' });
    await codeField.waitFor();
    await tabTo(page, codeField);
    await page.keyboard.type('AAAA-BBBB-CCCC');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    expect(await description(codeField)).toMatch(/código/i);
    await axeClean(page, '/alta wrong code');
    await shot(page, 'b-wrong-code-360');

    // The link, as the person opens it from the slip (a fresh page of the same phone).
    await page.close();
    page = await contexts.at(-1)!.newPage();
    personPage = page;
    await page.goto(enrolmentUrl);
    const whose = page.getByRole('heading', { name: `Esta cuenta es de: ${PERSON} (${personEmail})` });
    await whose.waitFor();
    // The code left the address bar (and never reached a server: it was in the fragment).
    expect(page.url()).toBe(`${base}/alta`);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
    expect(await whose.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Alta de una cuenta nueva');
    expect(await page.locator('main').textContent()).toMatch(/El código vence el .+ \(hora de Lima\)/);
    await axeClean(page, '/alta looked up');
    await noOverflow(page, '/alta looked up');
    await shot(page, 'b-looked-up-360');

    const fresh = page.getByLabel('Nueva contraseña', { exact: true });
    const repeat = page.getByLabel('Repita la nueva contraseña');
    expect(await fresh.getAttribute('autocomplete')).toBe('new-password');
    expect(await description(fresh)).toContain(
      'Al menos 10 caracteres. Mejor una frase de varias palabras que solo usted conozca.',
    );
    await tabTo(page, fresh);
    await page.keyboard.type(WEAK);
    await page.keyboard.press('Tab');
    await page.keyboard.type(WEAK);
    await page.keyboard.press('Enter');
    const weak = page.getByRole('alert');
    await weak.waitFor();
    expect(await fresh.getAttribute('aria-invalid')).toBe('true');
    // Beside the field that caused it: the password fields name it, and it sits right under them.
    const weakText = (await weak.textContent())!;
    expect(await description(fresh)).toContain(weakText);
    const [fieldBox, alertBox] = [await repeat.boundingBox(), await weak.boundingBox()];
    expect(alertBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(40);
    expect(await page.getByLabel('Código de acceso').count()).toBe(0);
    // The show toggle shows what was typed.
    await page.getByLabel('Mostrar las contraseñas').check();
    expect(await fresh.getAttribute('type')).toBe('text');
    await axeClean(page, '/alta weak password');
    await noOverflow(page, '/alta weak password');
    await shot(page, 'b-weak-360');
    expect(await loginStatus(personEmail, WEAK)).toBe(401);

    await fresh.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(CHOSEN);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(CHOSEN);
    await page.keyboard.press('Enter');
    // Signed in with it at once, in the console of the account's role.
    await page.waitForURL(`${base}/mesa`);
    await page.getByText(`Conectado como ${PERSON}`).waitFor();
    await shot(page, 'b-signed-in-360');
    expect(await loginStatus(personEmail, CHOSEN)).toBe(200);
  });

  it('(c) at /cuenta they change their password, stay signed in and read their account in the record', async () => {
    const page = personPage;
    await page.getByRole('link', { name: 'Mi cuenta' }).click();
    await page.waitForURL(`${base}/cuenta`);
    await page.getByRole('heading', { name: 'Mi cuenta', level: 1 }).waitFor();
    expect(await page.locator('dl.facts').textContent()).toContain(personEmail);
    expect(await page.locator('dl.facts').textContent()).toContain('Mesa Directiva');
    const events = page.getByTestId('credential-events');
    await events.waitFor();
    await axeClean(page, '/cuenta');
    await noOverflow(page, '/cuenta');
    await shot(page, 'c-account-360');

    // A wrong current password: refused beside that field.
    await page.getByLabel('Contraseña actual').fill('no-es-la-mia-123');
    await page.getByLabel('Nueva contraseña', { exact: true }).fill(CHANGED);
    await page.getByLabel('Repita la nueva contraseña').fill(CHANGED);
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await description(page.getByLabel('Contraseña actual'))).not.toBe('');
    expect(await page.getByLabel('Contraseña actual').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Contraseña actual').fill(CHOSEN);
    await page.getByLabel('Nueva contraseña', { exact: true }).fill(CHANGED);
    await page.getByLabel('Repita la nueva contraseña').fill(CHANGED);
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await page.getByText('Contraseña cambiada. Sus otras sesiones se cerraron.').waitFor();
    expect(await page.getByText(`Conectado como ${PERSON}`).count()).toBe(1);
    expect(await loginStatus(personEmail, CHOSEN)).toBe(401);
    expect(await loginStatus(personEmail, CHANGED)).toBe(200);
    // Still signed in after a reload: the new session is a real one.
    await page.reload();
    await page.getByRole('heading', { name: 'Mi cuenta', level: 1 }).waitFor();
    await page.getByText(`Conectado como ${PERSON}`).waitFor();
    await events.waitFor();
    await page.getByText('Contraseña cambiada (con la anterior)').waitFor();
    const rows = await events.locator('tbody tr').allInnerTexts();
    const find = (text: string) => rows.find((row) => row.includes(text)) ?? '';
    expect(find('Contraseña establecida con el código de alta')).toContain('usted');
    expect(find('Contraseña cambiada (con la anterior)')).toContain('usted');
    expect(find('Se creó la cuenta')).toContain('la secretaría');
    expect(find('Se emitió un código de alta')).toContain('la secretaría');
    // Each fact links to its place in the public record.
    const link = events.getByRole('link').first();
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, base).toString());
    const record = (await response.json()) as { events: { type: string; subject: string }[] };
    expect(record.events[0]!.type).toBe('account.password_set');
    await axeClean(page, '/cuenta after change');
    await shot(page, 'c-changed-360');
  });

  it('(d) a delegate who voted sees the ballot cast in their name in their console', async () => {
    const delegate = await seatDelegate(api, { fullName: 'Delegada Votante Chávez' });
    const sessionId = await openSession(api, moderator, 'Sesión con voto propio');
    const motion = await admittedMotion(api, delegate, moderator, { title: 'Moción de agua para Celendín' });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, [delegate]);
    await voteYesAndClose(api, moderator, sessionId, [delegate]);

    const page = await newPage(PHONE);
    await page.goto(`${base}/delegado`);
    await page.getByLabel('Correo electrónico').fill(delegate.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
    const summary = page.getByText('Actividad de mi cuenta y votos a mi nombre');
    await summary.waitFor();
    await summary.focus();
    await page.keyboard.press('Enter');
    const ballots = page.getByTestId('ballots-in-name');
    await ballots.waitFor();
    const row = ballots.locator('tbody tr').first();
    const text = await row.innerText();
    expect(text).toContain('A favor');
    expect(text).toContain('usted');
    expect(text).not.toContain('otra cuenta');
    expect(await row.locator('code').textContent()).toMatch(/^[0-9a-f]{12}$/);
    await page
      .getByTestId('credential-events')
      .getByText('La cuenta pasó a tener un escaño de delegado')
      .waitFor();
    await row.scrollIntoViewIfNeeded();
    await axeClean(page, 'delegate console activity');
    await noOverflow(page, 'delegate console activity');
    await shot(page, 'd-delegate-ballots-360');
    await page.locator('details.dc-activity').screenshot({ path: `${SHOTS}/credentials-d-activity-360.png` });
  });

  it('(e) the secretariat resets an account after a keyboard confirmation; the owner is signed out', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await secretariat(viewport);
      const width = viewport.width;
      const row = page.locator('tr').filter({ hasText: personEmail });
      await row.waitFor();
      expect(await row.textContent()).toContain('Con contraseña');
      const reset = row.getByRole('button', { name: `Restablecer el acceso de ${PERSON}` });
      if (width === PHONE.width) {
        await axeClean(page, 'accounts 360');
        await noOverflow(page, 'accounts 360');
        await shot(page, 'e-accounts-360');
        continue;
      }
      // Cancelled first: nothing happens and focus goes back to the button.
      await reset.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(
        `Esto borra la contraseña actual de ${PERSON} y cierra todas sus sesiones. El cambio queda en el registro público.`,
      );
      expect(await focused(page)).toBe('BUTTON::Restablecer acceso');
      await axeClean(page, 'reset confirmation');
      await shot(page, 'e-confirm-1280');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('BUTTON::Cancelar');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      expect(await reset.evaluate((e) => e === document.activeElement)).toBe(true);
      expect(await loginStatus(personEmail, CHANGED)).toBe(200);

      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.keyboard.press('Enter');
      const slip = page.getByTestId('enrolment-slip');
      await slip.waitFor();
      await focusLandsOn(page, `Código de restablecimiento de ${PERSON}`);
      expect(await slip.getByTestId('enrolment-code').textContent()).toMatch(
        /^[0-9A-Z]{4}(-[0-9A-Z]{4}){2}$/,
      );
      await page
        .locator('tr')
        .filter({ hasText: personEmail })
        .filter({ hasText: 'Código pendiente hasta' })
        .waitFor();
      expect(await loginStatus(personEmail, CHANGED)).toBe(401);
      await axeClean(page, 'accounts after reset');
      await shot(page, 'e-reset-1280');
    }
    // The reset is a public fact, and the owner's browser is signed out at its next request.
    const ledger = await api.http().get('/api/ledger?limit=500').expect(200);
    const resets = (ledger.body.events as { type: string; payload: { purpose?: string } }[]).filter(
      (e) => e.type === 'account.enrolment_issued' && e.payload.purpose === 'reset',
    );
    expect(resets).toHaveLength(1);
    await personPage.goto(`${base}/cuenta`);
    await personPage.getByRole('heading', { name: 'Ingresar' }).waitFor();
    expect(await personPage.getByText(`Conectado como ${PERSON}`).count()).toBe(0);
  });

  it('(f) an import lists the codes of the accounts it created, to print', async () => {
    const page = await secretariat();
    await page.getByRole('tab', { name: 'Importar padrón' }).click();
    const csv = [
      'full_name,document_id,constituency,term_start,term_end,email',
      `Juana Padrón Uno,81000001,0601,2026-01-01,2099-12-31,juana.${Date.now().toString(36)}@prueba.pe`,
      `Pedro Padrón Dos,81000002,0602,2026-01-01,2099-12-31,pedro.${Date.now().toString(36)}@prueba.pe`,
    ].join('\n');
    await page.getByLabel('Archivo CSV del padrón').setInputFiles({
      name: 'padron.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\n`, 'utf8'),
    });
    await page.getByRole('button', { name: 'Revisar archivo' }).click();
    await page.getByRole('button', { name: 'Importar 2 delegados' }).click();
    const codes = page.getByTestId('import-codes');
    await codes.waitFor();
    const rows = await codes.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Juana Padrón Uno');
    expect(rows[0]).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await codes.getByRole('button', { name: 'Imprimir códigos' }).click();
    const printed = await printedText(page, 'f-import-print');
    expect(printed).toContain('Pedro Padrón Dos');
    expect(printed.match(/Entregue este código solo a la persona/g)).toHaveLength(2);
    expect(printed).not.toContain('Imprimir códigos');
    await axeClean(page, 'import codes');
    await shot(page, 'f-import-codes-1280');
  });
});
