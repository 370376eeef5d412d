import { newTrackerCode } from '#domain';
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
import { axeProblems, launchChromium, SHOTS, tabTo } from './support/browser.js';
import { englishOnPage, englishPatterns } from './support/english-check.js';
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

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const HALL = { width: 1920, height: 1080 };
const TRACKER = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('A secret question in the browser (Chromium): the reglamento, the phone ballot, the Mesa, the board and the projector', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let moderator: TestUser;
  let voter: SeatedDelegate;
  let others: SeatedDelegate[];
  let sessionId: string;
  let patterns: Awaited<ReturnType<typeof englishPatterns>>;
  const contexts: BrowserContext[] = [];

  const page = async (viewport = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({
      viewport,
      locale: 'es-PE',
      timezoneId: 'America/Lima',
      serviceWorkers: 'block',
    });
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
    await p.screenshot({ path: `${SHOTS}/secret-question-${name}.png`, fullPage: true });
    expect({ name, english: await englishOnPage(p, patterns) }).toEqual({ name, english: [] });
    expect({ name, axe: await axeProblems(p) }).toEqual({ name, axe: [] });
  };
  const post = (user: TestUser, path: string, body: object = {}) =>
    api.http().post(path).set(bearer(user)).send(body);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', LOGIN_RATE_LIMIT_PER_ACCOUNT: '100' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    patterns = await englishPatterns();
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
    voter = await seatDelegate(api, { fullName: 'Yolanda Quispe Rojas' });
    // The first of the others signs in on the voter's phone at the end (a shared device).
    others = [
      await seatDelegate(api, { fullName: 'Rosa Chávez Díaz' }),
      ...(await seatDelegatesInBulk(api, 2)),
    ];
    sessionId = await openSession(api, moderator, 'Sesión con votación secreta');
    await checkIn(api, sessionId, [voter, ...others]);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api?.close();
  });

  it('the secretariat marks motions secret; a delegate votes on a 360-px phone by keyboard alone and changes her mind; the board shows participation only; the close publishes the ballots and she finds hers', async () => {
    // The secretariat marks motions secret in its editor; the public reglamento says so.
    const secretariat = await page();
    await logIn(secretariat, '/secretaria?seccion=rules', admin.email);
    const editor = area(secretariat, 'Cambiar el reglamento');
    const motions = editor.getByRole('group', { name: /Moción ordinaria/ });
    await motions.getByLabel('Votación secreta').check();
    await editor.getByLabel('Motivo o acuerdo (opcional)').fill('Acuerdo del pleno: mociones en secreto');
    await editor.getByRole('button', { name: /^Adoptar la versión/ }).click();
    await secretariat
      .getByRole('status')
      .filter({ hasText: /Versión \d+ adoptada/ })
      .waitFor();
    const rules = (await api.http().get('/api/rules').expect(200)).body;
    expect(rules.decisions.find((d: { kind: string }) => d.kind === 'motion').secret).toBe(true);
    await secretariat.goto(`${base}/reglamento`);
    await secretariat.getByTestId('rules-secret-note').waitFor();
    await look(secretariat, 'rules-page');

    // A motion on the floor; the Mesa opens its vote, secret by the reglamento.
    const motion = await admittedMotion(api, others[0]!, moderator, { title: 'Moción votada en secreto' });
    await debate(api, moderator, sessionId, motion.id);
    const mesa = await page();
    await logIn(mesa, `/mesa?sesion=${sessionId}`, moderator.email);
    const votePanel = mesa.locator('#mesa-vote');
    await votePanel.getByTestId('vote-form-secret').waitFor();
    const opened = (await post(moderator, `/api/sessions/${sessionId}/votes`, {}).expect(201)).body;
    expect(opened.secret).toBe(true);
    const voteId: string = opened.id;
    await votePanel.getByTestId('moderator-secret-note').waitFor();
    // Nobody records a ballot for anyone in a secret vote: no form in the console, and the API refuses.
    expect(await votePanel.getByRole('heading', { name: /Registrar/ }).count()).toBe(0);
    const recorded = await post(moderator, `/api/votes/${voteId}/recorded-ballots`, {
      delegateId: others[1]!.delegateId,
      choice: 'yes',
      method: 'voice',
    });
    expect([recorded.status, recorded.body.code]).toEqual([409, 'VOTE_IS_SECRET']);
    const rollCall = await post(others[1]!, `/api/votes/${voteId}/ballots`, { choice: 'yes' });
    expect([rollCall.status, rollCall.body.code]).toEqual([409, 'VOTE_IS_SECRET']);
    await look(mesa, 'mesa-open');

    // The board and the hall's screen: participation only.
    const board = await page();
    await board.goto(`${base}/sesiones/${sessionId}`);
    await board.getByTestId('secret-vote-note').filter({ hasText: 'Mientras esté abierta' }).waitFor();
    const hall = await page(HALL);
    await hall.goto(`${base}/sesiones/${sessionId}/proyector`);
    await hall.getByTestId('projector-progress').waitFor();
    await hall.getByTestId('secret-vote-note').waitFor();

    // The delegate on her phone, keyboard only.
    const phone = await page(PHONE);
    await logIn(phone, `/delegado?sesion=${sessionId}`, voter.email);
    const mine = phone.getByRole('region', { name: 'Su voto' });
    await mine.getByTestId('secret-explain').waitFor();
    expect(await mine.getByTestId('secret-explain').textContent()).toContain('ni siquiera la Mesa');
    await tabTo(phone, mine.getByRole('button', { name: 'A favor' }));
    await phone.keyboard.press('Enter');
    // The confirmation has the focus: Enter sends the ballot.
    await mine.getByRole('alertdialog').waitFor();
    await look(phone, 'phone-confirm');
    await phone.keyboard.press('Enter');
    await mine.getByText('Su voto está en la urna', { exact: false }).waitFor();
    const tracker = (await mine.getByTestId('tracker-code').textContent())!;
    expect(tracker).toMatch(TRACKER);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(phone, 'phone-voted');

    // A change of mind: same tracker, new choice.
    await tabTo(phone, mine.getByRole('button', { name: 'Cambiar mi voto' }));
    await phone.keyboard.press('Enter');
    // The focus is on the first choice; Tab to "En contra".
    expect(await phone.evaluate<string>('document.activeElement.textContent')).toBe('A favor');
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate<string>('document.activeElement.textContent')).toBe('En contra');
    await phone.keyboard.press('Enter');
    await mine.getByRole('alertdialog', { name: /Cambia su voto secreto por «En contra»/ }).waitFor();
    await phone.keyboard.press('Enter');
    await mine.getByText('Su voto fue cambiado', { exact: false }).waitFor();
    expect(await mine.getByTestId('tracker-code').textContent()).toBe(tracker);
    await look(phone, 'phone-changed');

    // Three more secret ballots from the API; the board counts participation, never a partial tally.
    for (const [i, choice] of (['yes', 'yes', 'abstain'] as const).entries())
      await post(others[i]!, `/api/votes/${voteId}/secret-ballots`, {
        tracker: newTrackerCode(),
        choice,
      }).expect(201);
    await board.getByTestId('vote-progress').filter({ hasText: '4 de 4 han votado' }).waitFor();
    await hall.getByTestId('projector-progress').filter({ hasText: '4' }).waitFor();
    await look(board, 'board-open');
    await hall.screenshot({ path: `${SHOTS}/secret-question-projector-open.png` });
    expect(await axeProblems(hall)).toEqual([]);

    // The close: the tally, the published ballots by tracker, and the participation-only hemicycle.
    const { resolutionNumber } = (await post(moderator, `/api/votes/${voteId}/close`).expect(200)).body;
    expect(resolutionNumber).toMatch(/^RES-APR-/);
    await board.getByTestId('vote-outcome').waitFor();
    await board.getByText('2 a favor', { exact: false }).first().waitFor();
    // Once closed the note says what was published, no longer what happens while it is open.
    const note = board.getByTestId('secret-vote-note');
    await note.filter({ hasText: 'Se publicaron las papeletas' }).waitFor();
    expect(await note.textContent()).not.toContain('Mientras esté abierta');
    const ballots = board.getByText(/Papeletas publicadas \(4\)/);
    await ballots.click();
    const table = board.getByTestId('secret-ballots');
    await table.waitFor();
    expect(await table.getByRole('row', { name: new RegExp(tracker) }).textContent()).toContain('En contra');
    const hemicycle = board.getByTestId('hemicycle');
    await hemicycle.waitFor();
    const legend = (await board.getByTestId('hemicycle-legend').textContent()) ?? '';
    expect(legend).toContain('Votó');
    expect(legend).not.toContain('A favor');
    // Anyone may check a tracker on the vote's page.
    const find = board.getByRole('form', { name: 'Comprobar mi papeleta' });
    await find.getByLabel('Código de seguimiento').fill(tracker);
    await find.getByRole('button', { name: 'Buscar mi papeleta' }).click();
    await board
      .getByTestId('found-question-ballot')
      .filter({ hasText: `La papeleta ${tracker} está publicada y contada: En contra.` })
      .waitFor();
    await look(board, 'board-closed');
    await hall.getByTestId('projector-outcome').waitFor();
    await hall.getByTestId('secret-vote-note').filter({ hasText: 'Se publicaron las papeletas' }).waitFor();
    await hall.getByTestId('hemicycle').waitFor();
    await hall.screenshot({ path: `${SHOTS}/secret-question-projector-closed.png` });
    expect(await axeProblems(hall)).toEqual([]);

    // On her phone: the check with the tracker this device kept.
    await mine.getByText('Usted votó en esta votación secreta.').waitFor();
    // Closed: nothing on her phone still says she can change her vote.
    await mine.getByTestId('secret-explain').filter({ hasText: 'La votación está cerrada' }).waitFor();
    expect(await mine.textContent()).not.toMatch(/cambiar su voto|hasta el cierre/);
    await tabTo(phone, mine.getByRole('button', { name: 'Buscar mi papeleta' }));
    await phone.keyboard.press('Enter');
    await mine
      .getByTestId('found-question-ballot')
      .filter({ hasText: `La papeleta ${tracker} está publicada y contada: En contra.` })
      .waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(phone, 'phone-found');

    // The resolution's page: the participation hemicycle, the published ballots and the check, on the phone.
    await phone.goto(`${base}/resoluciones/${resolutionNumber}`);
    await phone.getByTestId('hemicycle').waitFor();
    await phone.getByText(/Papeletas publicadas \(4\)/).click();
    const published = phone.getByTestId('secret-ballots');
    await published.waitFor();
    expect(await published.getByRole('row', { name: new RegExp(tracker) }).textContent()).toContain(
      'En contra',
    );
    await phone.getByRole('form', { name: 'Comprobar mi papeleta' }).waitFor();
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(phone, 'phone-resolution');

    // A shared phone: another delegate signs in on it and is offered nobody else's tracker.
    await phone.getByRole('button', { name: 'Salir', exact: true }).click();
    await logIn(phone, `/delegado?sesion=${sessionId}`, others[0]!.email);
    const theirs = phone.getByRole('region', { name: 'Su voto' });
    await theirs.getByText('Usted votó en esta votación secreta.').waitFor();
    expect(await theirs.getByLabel('Código de seguimiento').inputValue()).toBe('');
    expect(await phone.locator('body').textContent()).not.toContain(tracker);
  }, 240_000);
});
