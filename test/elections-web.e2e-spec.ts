import { newTrackerCode } from '#domain';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, checkIn, openSession, seatDelegatesInBulk } from './support/assembly.js';
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

describe('An election in the browser (Chromium): the phone ballot, the Mesa, the board and the projector', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let admin: TestUser;
  let moderator: TestUser;
  let voter: SeatedDelegate;
  let others: SeatedDelegate[];
  let sessionId: string;
  let electionId: string;
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
  const look = async (p: Page, name: string) => {
    await p.screenshot({ path: `${SHOTS}/election-${name}.png`, fullPage: true });
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
    others = await seatDelegatesInBulk(api, 4);
    // The Mesa has its presidency before any other position.
    await post(admin, '/api/positions', {
      body: 'mesa',
      rank: 'president',
      title: { es: 'Presidencia', en: 'Presidency' },
      seats: 1,
    }).expect(201);
    const position = await post(admin, '/api/positions', {
      body: 'mesa',
      rank: 'vice_president',
      title: { es: 'Vicepresidencia', en: 'Vice-presidency' },
      seats: 2,
    }).expect(201);
    const term = await post(admin, '/api/terms', {
      label: 'Mesa 2033',
      startsAt: '2033-01-01T05:00:00.000Z',
      endsAt: '2034-01-01T05:00:00.000Z',
    }).expect(201);
    electionId = (
      await post(moderator, '/api/elections', {
        positionId: position.body.id,
        termId: term.body.id,
        method: 'approval_up_to_n',
        title: 'Vicepresidencias 2033',
      }).expect(201)
    ).body.id;
    // Three candidates stand: two of the others, and a third nominated who accepts.
    for (const candidate of others.slice(0, 2))
      await post(candidate, `/api/elections/${electionId}/candidacies`).expect(201);
    const nominated = await post(others[0]!, `/api/elections/${electionId}/candidacies`, {
      candidateId: others[2]!.delegateId,
    }).expect(201);
    await post(others[2]!, `/api/elections/${electionId}/candidacies/${nominated.body.id}/accept`).expect(
      200,
    );
    sessionId = await openSession(api, moderator, 'Sesión de elección de vicepresidencias');
    await checkIn(api, sessionId, [voter, ...others]);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api?.close();
  });

  it('the Mesa opens the round; a delegate votes on a 360-px phone by keyboard alone; board and projector follow; the close publishes and she finds her ballot', async () => {
    const names = new Map<string, string>();
    for (const d of [voter, ...others])
      names.set(
        d.delegateId,
        (await api.http().get(`/api/delegates/${d.delegateId}`).expect(200)).body.fullName,
      );
    const [first, second, third] = others.map((d) => names.get(d.delegateId)!);

    // The Mesa opens the secret vote from its console.
    const mesa = await page();
    await logIn(mesa, `/mesa?sesion=${sessionId}`, moderator.email);
    const panel = mesa.getByRole('region', { name: 'Elecciones' });
    const election = panel.getByRole('article', { name: 'Vicepresidencias 2033' });
    await election.getByText('3 candidaturas aceptadas').waitFor();
    await election.getByRole('button', { name: 'Abrir la votación secreta' }).click();
    await election
      .getByTestId('mesa-election-progress')
      .filter({ hasText: '0 de 5 habilitados han votado' })
      .waitFor();

    // The board and the hall's screen show participation only.
    const board = await page();
    await board.goto(`${base}/sesiones/${sessionId}`);
    const live = board.getByTestId('election-live');
    await live.getByRole('heading', { name: 'Elección: Vicepresidencias 2033' }).waitFor();
    const hall = await page(HALL);
    await hall.goto(`${base}/sesiones/${sessionId}/proyector`);
    await hall.getByTestId('election-live').waitFor();
    // The home page says an election is being held, with a link to follow it.
    const home = await page(PHONE);
    await home.goto(`${base}/`);
    await home
      .getByTestId('home-vote-open')
      .filter({ hasText: 'Elección en curso ahora: Vicepresidencias 2033' })
      .waitFor();
    const listed = (await api.http().get('/api/sessions').expect(200)).body.find(
      (s: { id: string }) => s.id === sessionId,
    );
    expect(listed.votingNow).toEqual({ kind: 'election', title: 'Vicepresidencias 2033' });
    expect(await axeProblems(home)).toEqual([]);

    // The delegate, on her phone, keyboard only.
    const phone = await page(PHONE);
    await logIn(phone, `/delegado?sesion=${sessionId}`, voter.email);
    const ballot = phone.getByRole('article', { name: 'Vicepresidencias 2033' });
    const firstBox = ballot.getByRole('checkbox', { name: first });
    await firstBox.waitFor();
    await ballot.getByText('Marque hasta 2 personas (se eligen 2 puestos).', { exact: false }).waitFor();
    await ballot.screenshot({ path: `${SHOTS}/election-phone-ballot.png` });
    // Tab from the top of the page to the first candidate, along the list, and Space on the two she chooses.
    const wanted = [others[0]!.delegateId, others[2]!.delegateId];
    await tabTo(phone, ballot.getByRole('checkbox').first());
    // (A candidate left unmarked at the maximum is disabled, so Tab passes it by.)
    while ((await phone.evaluate<string>('document.activeElement.type')) === 'checkbox') {
      const value = await phone.evaluate<string>('document.activeElement.value');
      if (wanted.includes(value)) await phone.keyboard.press('Space');
      await phone.keyboard.press('Tab');
    }
    await ballot.getByText('Ha marcado 2 de 2 posibles').waitFor();
    // A third mark is not offered: the unmarked candidate is disabled at the maximum.
    expect(await ballot.getByRole('checkbox', { name: second }).isDisabled()).toBe(true);
    expect(await phone.evaluate<string>('document.activeElement.textContent')).toBe('Revisar mi voto');
    await phone.keyboard.press('Enter');
    const review = ballot.getByTestId('ballot-review');
    await review.waitFor();
    expect((await review.textContent())?.split(', ').sort()).toEqual([first, third].sort());
    await look(phone, 'phone-review');
    await ballot.screenshot({ path: `${SHOTS}/election-phone-ballot-review.png` });
    // The confirmation has the focus: Enter sends it.
    await phone.keyboard.press('Enter');
    await ballot.getByText('Su voto está en la urna', { exact: false }).waitFor();
    const tracker = (await ballot.getByTestId('tracker-code').textContent())!;
    expect(tracker).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(phone, 'phone-voted');
    await ballot.screenshot({ path: `${SHOTS}/election-phone-ballot-voted.png` });

    // Three more ballots (one blank) from the API; the live count follows, never a partial tally.
    const choices = [
      { kind: 'candidates', candidates: [others[0]!.delegateId, others[1]!.delegateId] },
      { kind: 'candidates', candidates: [others[0]!.delegateId] },
      { kind: 'blank' },
    ];
    for (const [i, choice] of choices.entries())
      await post(others[i]!, `/api/elections/${electionId}/ballots`, {
        tracker: newTrackerCode(),
        choice,
      }).expect(200);
    await live
      .getByTestId('election-participation')
      .filter({ hasText: '4 de 5 habilitados han votado' })
      .waitFor();
    await hall
      .getByTestId('election-participation')
      .filter({ hasText: '4 de 5 habilitados han votado' })
      .waitFor();
    expect(await live.getByTestId('election-result').count()).toBe(0);
    await look(board, 'board-open');
    await hall.screenshot({ path: `${SHOTS}/election-projector-open.png` });
    expect(await axeProblems(hall)).toEqual([]);

    // The Mesa closes it (confirmed): every ballot is published, the round decided.
    await election.getByRole('button', { name: 'Cerrar la votación secreta' }).click();
    await mesa.getByRole('alertdialog').getByRole('button', { name: 'Cerrar la votación secreta' }).click();
    await election.getByTestId('election-result').waitFor();
    const published = (await api.http().get(`/api/elections/${electionId}`).expect(200)).body.rounds[0];
    expect(published.status).toBe('closed');

    // The board and the hall show the result by candidate: 3 votes for the first, 2 for the third.
    const result = live.getByTestId('election-result');
    await result.waitFor();
    const support = async (p: Page, name: string) =>
      (
        await p
          .getByTestId('election-result')
          .getByRole('row', { name: new RegExp(name) })
          .locator('td')
          .first()
          .textContent()
      )?.trim();
    expect(await support(board, first)).toBe('3');
    expect(await support(board, third)).toBe('1');
    expect(await support(board, second)).toBe('1');
    await result.getByText('4 papeletas: 3 válidas, 1 en blanco, 0 nulas', { exact: false }).waitFor();
    await look(board, 'board-result');
    await hall.getByTestId('election-result').waitFor();
    expect(await support(hall, first)).toBe('3');
    await hall.screenshot({ path: `${SHOTS}/election-projector-result.png` });
    expect(await axeProblems(hall)).toEqual([]);

    // On her phone: the result, and her ballot found by the tracker this device kept.
    const mine = phone.getByRole('article', { name: 'Vicepresidencias 2033' });
    await mine.getByTestId('election-result').waitFor();
    await tabTo(phone, mine.getByRole('button', { name: 'Buscar mi papeleta' }));
    await phone.keyboard.press('Enter');
    const found = mine.getByTestId('found-ballot');
    await found.waitFor();
    expect(await found.textContent()).toMatch(
      new RegExp(`^La papeleta ${tracker} está publicada y contada: `),
    );
    expect(await found.textContent()).toContain(first);
    expect(await found.textContent()).toContain(third);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(phone, 'phone-found');
    await mine.screenshot({ path: `${SHOTS}/election-phone-ballot-found.png` });

    // The hall moves on to the next item: the decided election leaves the screen, the speakers' queue is back.
    const added = await post(moderator, `/api/sessions/${sessionId}/agenda`, {
      kind: 'topic',
      title: 'Informe de la Mesa saliente',
    }).expect(201);
    const itemId: string = added.body.agenda.find(
      (i: { title: string }) => i.title === 'Informe de la Mesa saliente',
    ).id;
    await post(moderator, `/api/sessions/${sessionId}/agenda/${itemId}/start`).expect(200);
    const after = (await api.http().get('/api/sessions').expect(200)).body.find(
      (s: { id: string }) => s.id === sessionId,
    );
    expect(after.votingNow).toBeNull();
    await hall.getByTestId('projector-item').filter({ hasText: 'Informe de la Mesa saliente' }).waitFor();
    await hall.getByTestId('projector-queue').waitFor();
    expect(await hall.getByTestId('election-live').count()).toBe(0);
  }, 240_000);
});
