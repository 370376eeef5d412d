import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  openVote,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { englishOnPage, englishPatterns } from './support/english-check.js';
import { urlOf } from './support/live-client.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  TEST_PASSWORD,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';
import { pdfText } from './support/pdf.js';

/** Runs the verification command against this process's server (asynchronously: the server must keep answering). */
function verifyCommand(url: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/apps/api/src/verify.js', '--url', url],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

interface RecordEvent {
  sequence: number;
  type: string;
  actor: string | null;
  hash: string;
  payload: Record<string, unknown>;
}

describe('Ballots the Mesa records for a delegate who voted by voice, hands or paper', () => {
  let api: TestApi;
  let url: string;
  let moderator: TestUser;
  let admin: TestUser;
  const names = {
    ana: 'Ana Mesa Huamán',
    beto: 'Beto Viva Voz',
    carla: 'Carla Mano Alzada',
    dora: 'Dora Se Retira',
    elsa: 'Elsa Llega Tarde',
  };
  let d: Record<keyof typeof names, SeatedDelegate>;
  let sessionId: string;
  let voteId: string;

  const record = (who: TestUser, body: object) =>
    api.http().post(`/api/votes/${voteId}/recorded-ballots`).set(bearer(who)).send(body);
  const tables = ['ballot_revisions', 'ballots', 'ballot_idempotency_keys', 'ledger_events'];
  const counts = async () => Promise.all(tables.map((t) => countRows(api, t)));
  const eventAt = async (sequence: number): Promise<RecordEvent> => {
    const page = await api
      .http()
      .get(`/api/ledger?after=${sequence - 1}&limit=1`)
      .expect(200);
    return page.body.events[0];
  };

  beforeAll(async () => {
    // Jobs run in the API process (the embedded default): the acta renders on its PDF thread.
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', REDIS_URL: '' });
    moderator = await userWithRoles(api, ['moderator']);
    admin = await userWithRoles(api, ['admin']);
    d = {
      ana: await seatDelegate(api, { fullName: names.ana, constituencyCode: '0601' }),
      beto: await seatDelegate(api, { fullName: names.beto, constituencyCode: '0601' }),
      carla: await seatDelegate(api, { fullName: names.carla, constituencyCode: '0603' }),
      dora: await seatDelegate(api, { fullName: names.dora, constituencyCode: '0604' }),
      elsa: await seatDelegate(api, { fullName: names.elsa, constituencyCode: '0604' }),
    };
    sessionId = await openSession(api, moderator, 'Sesión con votos a viva voz');
    for (const who of [d.ana, d.beto, d.carla, d.dora])
      await api
        .http()
        .post(`/api/sessions/${sessionId}/attendance`)
        .set(bearer(who))
        .send({ present: true })
        .expect(200);
    const motion = await admittedMotion(api, d.ana, moderator, { title: 'Agua potable para Chota' });
    await debate(api, moderator, sessionId, motion.id);
    voteId = (await openVote(api, moderator, sessionId)).id;
    // After the opening: Dora leaves the room (entitled, not present), Elsa arrives (present, not entitled).
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(d.dora))
      .send({ present: false })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(d.elsa))
      .send({ present: true })
      .expect(200);
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => api?.close());

  it('is for the Mesa only: a delegate, an admin and no token are refused, and nothing is written', async () => {
    const before = await counts();
    const body = { delegateId: d.beto.delegateId, choice: 'yes', method: 'voice' };
    const byDelegate = await record(d.ana, body).expect(403);
    expect(byDelegate.body.code).toBe('FORBIDDEN_ROLE');
    await record(d.beto, body).expect(403);
    await record(admin, body).expect(403);
    await api.http().post(`/api/votes/${voteId}/recorded-ballots`).send(body).expect(401);
    expect(await counts()).toEqual(before);
  });

  it('is documented in the OpenAPI document beside the other vote routes', async () => {
    const document = (await api.http().get('/api/docs-json').expect(200)).body;
    const route = document.paths['/api/votes/{id}/recorded-ballots']?.post;
    expect(route?.summary).toMatch(/^Record the ballot of a delegate who voted by voice/);
    expect(route?.summary).toContain('DELEGATE_NOT_PRESENT');
    expect(route?.security).toEqual([{ bearer: [] }]);
    const schema = document.components.schemas.RecordBallotDto;
    expect(schema.required).toEqual(expect.arrayContaining(['delegateId', 'choice', 'method']));
    expect(schema.properties.method.enum).toEqual(['voice', 'hands', 'paper']);
    const standing = document.components.schemas.StandingBallotDto;
    expect(standing.properties.recordedBy).toBeDefined();
  });

  it('refuses a delegate not present or not entitled with their own codes, and writes nothing', async () => {
    const before = await counts();
    const absent = await record(moderator, { delegateId: d.dora.delegateId, choice: 'yes', method: 'voice' });
    expect(absent.status).toBe(409);
    expect(absent.body.code).toBe('DELEGATE_NOT_PRESENT');
    const late = await record(moderator, { delegateId: d.elsa.delegateId, choice: 'no', method: 'hands' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DELEGATE_NOT_ENTITLED');
    const nobody = await record(moderator, { delegateId: randomUUID(), choice: 'no', method: 'paper' });
    expect(nobody.status).toBe(409);
    expect(nobody.body.code).toBe('DELEGATE_NOT_ENTITLED');
    // Validated like every body: a method it does not know, a missing delegate, an extra field.
    for (const bad of [
      { delegateId: d.beto.delegateId, choice: 'yes', method: 'smoke' },
      { choice: 'yes', method: 'voice' },
      { delegateId: d.beto.delegateId, choice: 'yes', method: 'voice', recordedBy: moderator.id },
    ])
      expect((await record(moderator, bad)).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('records a ballot counted like any other, marked in the record with the moderator as its actor', async () => {
    const body = {
      delegateId: d.beto.delegateId,
      choice: 'yes',
      method: 'voice',
      idempotencyKey: 'mesa-beto-1',
    };
    const receipt = (await record(moderator, body).expect(200)).body;
    expect(receipt).toMatchObject({ voteId, delegateId: d.beto.delegateId, revision: 1, choice: 'yes' });
    expect(receipt.replayed).toBe(false);
    // Exactly once: the same key answers the same receipt, and writes nothing.
    const before = await counts();
    const again = (await record(moderator, body).expect(200)).body;
    expect(again).toMatchObject({ receipt: receipt.receipt, revision: 1, replayed: true });
    expect(await counts()).toEqual(before);
    const reused = await record(moderator, { ...body, choice: 'no' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const event = await eventAt(receipt.sequence);
    expect(event).toMatchObject({
      type: 'ballot.cast',
      actor: `user:${moderator.id}`,
      hash: receipt.receipt,
    });
    expect(event.payload).toEqual({
      voteId,
      delegateId: d.beto.delegateId,
      revision: 1,
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
      recordedBy: { method: 'voice' },
    });
    const rows: { recorded_by: string; recorded_method: string }[] = await api.dataSource.query(
      `SELECT recorded_by, recorded_method FROM ballot_revisions WHERE vote_id = $1 AND delegate_id = $2`,
      [voteId, d.beto.delegateId],
    );
    expect(rows).toEqual([{ recorded_by: moderator.id, recorded_method: 'voice' }]);

    // The delegate sees it in their standing, with the receipt.
    const mine = (await api.http().get(`/api/votes/${voteId}/my-ballot`).set(bearer(d.beto)).expect(200))
      .body;
    expect(mine.ballot).toEqual({
      choice: 'yes',
      revision: 1,
      receipt: receipt.receipt,
      castAt: receipt.castAt,
      recordedBy: { method: 'voice' },
    });
    // The participation list counts it as voted.
    const participation = (
      await api.http().get(`/api/votes/${voteId}/participation`).set(bearer(moderator)).expect(200)
    ).body;
    expect(participation.castCount).toBe(1);
  });

  it("is replaced by the delegate's own ballot, even of the same choice: the counted one is theirs", async () => {
    const recorded = (
      await record(moderator, { delegateId: d.carla.delegateId, choice: 'no', method: 'hands' }).expect(200)
    ).body;
    expect(recorded.revision).toBe(1);
    const own = (
      await api
        .http()
        .post(`/api/votes/${voteId}/ballots`)
        .set(bearer(d.carla))
        .send({ choice: 'no' })
        .expect(200)
    ).body;
    expect(own).toMatchObject({ revision: 2, choice: 'no', replayed: false });
    expect(own.receipt).not.toBe(recorded.receipt);
    const event = await eventAt(own.sequence);
    expect(event.actor).toBe(`user:${d.carla.id}`);
    // A delegate's own ballot keeps the payload it always had: no recordedBy at all.
    expect(Object.keys(event.payload).sort()).toEqual(['commitment', 'delegateId', 'revision', 'voteId']);
    const mine = (await api.http().get(`/api/votes/${voteId}/my-ballot`).set(bearer(d.carla)).expect(200))
      .body;
    expect(mine.ballot).toMatchObject({ revision: 2, receipt: own.receipt, recordedBy: null });
    // Her own same choice again changes nothing.
    const repeat = (
      await api
        .http()
        .post(`/api/votes/${voteId}/ballots`)
        .set(bearer(d.carla))
        .send({ choice: 'no' })
        .expect(200)
    ).body;
    expect(repeat).toMatchObject({ revision: 2, replayed: true });
    // The Mesa cannot replace the ballot she cast herself, with any choice or method; nothing is written.
    const before = await counts();
    for (const choice of ['yes', 'no'] as const) {
      const over = await record(moderator, { delegateId: d.carla.delegateId, choice, method: 'paper' });
      expect([over.status, over.body.code]).toEqual([409, 'BALLOT_CAST_BY_DELEGATE']);
    }
    expect(await counts()).toEqual(before);
    await api
      .http()
      .post(`/api/votes/${voteId}/ballots`)
      .set(bearer(d.ana))
      .send({ choice: 'yes' })
      .expect(200);
  });

  it('counts it in the tally, serves the flag per ballot, and both verifiers recompute it', async () => {
    const closed = (await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200))
      .body;
    // Ana (own) and Beto (by voice, recorded by the Mesa) yes; Carla no; Dora entitled and away.
    expect(closed.tally.counts).toEqual({ yes: 2, no: 1, abstain: 0, notVoted: 1 });
    const served = (await api.http().get(`/api/votes/${voteId}`).expect(200)).body;
    const byId = new Map(served.ballots.map((b: { delegateId: string }) => [b.delegateId, b]));
    expect(byId.get(d.beto.delegateId)).toMatchObject({ choice: 'yes', recordedBy: { method: 'voice' } });
    expect(byId.get(d.carla.delegateId)).toMatchObject({ choice: 'no', recordedBy: null });
    expect(byId.get(d.ana.delegateId)).toMatchObject({ choice: 'yes', recordedBy: null });
    // Dora, entitled and away, is named among those who did not vote.
    expect(served.notVoted.map((n: { delegateId: string }) => n.delegateId)).toEqual([d.dora.delegateId]);

    // Open data says it too, per ballot: how the Mesa recorded it, empty for a delegate's own.
    const rows: { delegate_id: string; recorded_by_mesa: string | null }[] = (
      await api.http().get('/api/open-data/ballots.json').expect(200)
    ).body.rows.filter((r: { vote_id: string }) => r.vote_id === voteId);
    expect(Object.fromEntries(rows.map((r) => [r.delegate_id, r.recorded_by_mesa]))).toEqual({
      [d.ana.delegateId]: null,
      [d.beto.delegateId]: 'voice',
      [d.carla.delegateId]: null,
    });
    const csv = (await api.http().get('/api/open-data/ballots.csv').expect(200)).text;
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const column = header!.split(',').indexOf('recorded_by_mesa');
    expect(column).toBeGreaterThan(-1);
    const betoLine = lines.find((line) => line.includes(d.beto.delegateId))!;
    expect(betoLine.split(',')[column]).toBe('voice');

    // The close reveals every revision: the Mesa's ballot of Beto counts in the recomputed tally.
    const closeEvent = (await api.http().get(`/api/ledger?after=0&limit=500`).expect(200)).body.events
      .filter((e: RecordEvent) => e.type === 'vote.closed')
      .at(-1) as RecordEvent;
    expect(closeEvent.payload.revisions).toContainEqual(
      expect.objectContaining({ delegateId: d.beto.delegateId, revision: 1, choice: 'yes' }),
    );

    const verdict = (await api.http().get('/api/ledger/verify').expect(200)).body;
    expect(verdict).toMatchObject({
      ok: true,
      firstProblem: null,
      votes: 1,
      ballots: 4,
      ballotsRecordedByMesa: 2,
    });
    const cli = await verifyCommand(url);
    expect(cli.stdout).toContain(
      'OK: 1 votes, 4 ballots (2 recorded by the Mesa) and 1 resolutions recomputed',
    );
    expect(cli.status).toBe(0);
  });

  it('finds a served flag the record does not bear out', async () => {
    // As the database owner, triggers off: Carla's counted (own) revision marked as the Mesa's.
    const tamper = (sql: string, params: unknown[]) =>
      api.dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(sql, params);
      });
    const mark = `UPDATE ballot_revisions SET recorded_by = $3, recorded_method = $4
      WHERE vote_id = $1 AND delegate_id = $2 AND revision = 2`;
    await tamper(mark, [voteId, d.carla.delegateId, moderator.id, 'paper']);
    try {
      const verdict = (await api.http().get('/api/ledger/verify').expect(200)).body;
      expect(verdict.ok).toBe(false);
      expect(verdict.firstProblem).toEqual({
        sequence: null,
        voteId,
        problem: `ballot row of delegate ${d.carla.delegateId} says recorded by the Mesa (paper) but the record says the delegate's own`,
      });
    } finally {
      await tamper(mark, [voteId, d.carla.delegateId, null, null]);
    }
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
  });

  it('marks it in the roll call of the acta', async () => {
    await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    const minutes = await pdfText(api, `/api/sessions/${sessionId}/minutes.pdf`, { timeoutMs: 60_000 });
    expect(minutes).toContain(`${names.beto} (registrado por la Mesa, a viva voz)`);
    // Carla's Mesa ballot was replaced by her own; Ana voted herself.
    expect(minutes).not.toContain(`${names.carla} (registrado`);
    expect(minutes).not.toContain(`${names.ana} (registrado`);
    expect(minutes).toMatch(/A favor: [^.]*Beto Viva Voz \(registrado por la Mesa, a viva voz\)/);
  });
});

/** What runs in the page (the tests compile without the DOM's types). */
declare const document: {
  activeElement: { tagName: string; value?: string; getAttribute(name: string): string | null } | null;
};

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describe('The Mesa records a ballot from its console; the delegate sees it on their phone', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let moderator: TestUser;
  let rosa: SeatedDelegate;
  let sessionId: string;
  let voteId: string;
  let motionId: string;
  let paperVoter: SeatedDelegate;
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
  const look = async (p: Page, name: string) => {
    await p.screenshot({ path: `${SHOTS}/mesa-ballots-${name}.png`, fullPage: true });
    expect({ name, english: await englishOnPage(p, patterns) }).toEqual({ name, english: [] });
    expect({ name, axe: await axeProblems(p) }).toEqual({ name, axe: [] });
  };
  const focused = (p: Page) =>
    p.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName ?? null, name: el?.getAttribute('name') ?? null, value: el?.value ?? null };
    });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    base = urlOf(api);
    browser = await launchChromium();
    patterns = await englishPatterns();
    moderator = await userWithRoles(api, ['moderator']);
    rosa = await seatDelegate(api, { fullName: 'Rosa Viva Voz', constituencyCode: '0601' });
    const others = await seatDelegatesInBulk(api, 4);
    sessionId = await openSession(api, moderator, 'Sesión con votos registrados por la Mesa');
    await checkIn(api, sessionId, [rosa, ...others]);
    const motion = await admittedMotion(api, others[0]!, moderator, {
      title: 'Puesto de salud en Sorochuco',
    });
    await debate(api, moderator, sessionId, motion.id);
    motionId = motion.id;
    paperVoter = others[1]!;
    voteId = (await openVote(api, moderator, sessionId)).id;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await api?.close();
  });

  it('by keyboard at the Mesa; the notice on a 360-px phone; her own ballot replaces it', async () => {
    // The delegate is already looking at her phone when the Mesa records her vote aloud.
    const phone = await page(PHONE);
    await logIn(phone, `/delegado?sesion=${sessionId}`, rosa.email);
    const yours = phone.locator('section').filter({ has: phone.getByRole('heading', { name: 'Su voto' }) });
    await yours.getByRole('button', { name: 'A favor' }).waitFor();

    const mesa = await page();
    await logIn(mesa, `/mesa?sesion=${sessionId}`, moderator.email);
    const form: Locator = mesa
      .locator('form')
      .filter({ has: mesa.getByRole('heading', { name: 'Registrar voto de un delegado' }) });
    const delegate = form.getByLabel('Delegado');
    await delegate.locator('option', { hasText: 'Rosa Viva Voz' }).waitFor({ state: 'attached' });
    // Only the entitled who are present: the five checked in, and the prompt.
    expect(await delegate.locator('option').count()).toBe(6);
    // Submitting without a delegate: the error beside the select, and the focus on it.
    await form.getByRole('button', { name: 'Registrar el voto' }).focus();
    await mesa.keyboard.press('Enter');
    await form.getByText('Elija el delegado cuyo voto registra.').waitFor();
    expect(await focused(mesa)).toMatchObject({ tag: 'SELECT', name: 'delegateId' });
    await look(mesa, 'mesa-error');
    await form.screenshot({ path: `${SHOTS}/mesa-ballots-mesa-error-form.png` });

    // By keyboard: type-ahead in the select, Tab to the choice (arrows move it), Tab to the method.
    await mesa.keyboard.type('Rosa');
    expect(await delegate.inputValue()).toBe(rosa.delegateId);
    await mesa.keyboard.press('Tab');
    expect(await focused(mesa)).toMatchObject({ tag: 'INPUT', name: 'choice', value: 'yes' });
    await mesa.keyboard.press('ArrowRight');
    await mesa.keyboard.press('ArrowLeft');
    expect(await focused(mesa)).toMatchObject({ name: 'choice', value: 'yes' });
    await mesa.keyboard.press('Tab');
    expect(await focused(mesa)).toMatchObject({ tag: 'SELECT', name: 'method', value: 'voice' });
    await mesa.keyboard.press('Tab');
    await mesa.keyboard.press('Enter');
    await form.getByText('Registrado: Rosa Viva Voz, A favor (a viva voz).').waitFor();
    await mesa.getByTestId('moderator-vote-progress').getByText('1 de 5 han votado').waitFor();
    await look(mesa, 'mesa-recorded');
    await mesa.setViewportSize(PHONE);
    expect(await mesa.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(mesa, 'mesa-phone');
    await form.screenshot({ path: `${SHOTS}/mesa-ballots-mesa-phone-form.png` });

    const [row]: { recorded_by: string; recorded_method: string; revision: number }[] =
      await api.dataSource.query(
        `SELECT recorded_by, recorded_method, revision FROM ballot_revisions WHERE vote_id = $1 AND delegate_id = $2`,
        [voteId, rosa.delegateId],
      );
    expect(row).toEqual({ recorded_by: moderator.id, recorded_method: 'voice', revision: 1 });

    // Her phone learns it from the vote's progress, without a reload.
    const notice = yours.getByTestId('recorded-by-mesa');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      'La Mesa registró su voto: A favor (a viva voz). Puede reemplazarlo con el suyo mientras la votación esté abierta.',
    );
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await look(phone, 'delegate-phone-recorded');
    await yours.screenshot({ path: `${SHOTS}/mesa-ballots-delegate-phone-notice.png` });

    // Her own ballot, the same choice, replaces the Mesa's.
    await yours.getByRole('button', { name: 'A favor' }).click();
    await yours.getByRole('button', { name: 'Confirmar' }).click();
    await yours.getByText('Su voto actual: A favor').waitFor();
    await notice.waitFor({ state: 'detached' });
    await look(phone, 'delegate-phone-own');
    await yours.screenshot({ path: `${SHOTS}/mesa-ballots-delegate-phone-own-section.png` });
    const mine = (await api.http().get(`/api/votes/${voteId}/my-ballot`).set(bearer(rosa)).expect(200)).body;
    expect(mine.ballot).toMatchObject({ revision: 2, recordedBy: null });

    // Another delegate votes on paper and the Mesa records it; the vote closes. The hall's screen, the
    // board and the motion's page mark that one ballot as the Mesa's, and only that one.
    await api
      .http()
      .post(`/api/votes/${voteId}/recorded-ballots`)
      .set(bearer(moderator))
      .send({ delegateId: paperVoter.delegateId, choice: 'no', method: 'paper' })
      .expect(200);
    const hall = await page({ width: 1920, height: 1080 });
    await hall.goto(`${base}/sesiones/${sessionId}/proyector`);
    await hall.getByTestId('projector-progress').filter({ hasText: '2' }).waitFor();
    await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
    await hall.getByTestId('hemicycle').waitFor();
    expect(await hall.locator('.hemi-chart .hemi-seat.recorded').count()).toBe(1);
    await hall.getByTestId('hemicycle-legend').getByText('Registrado por la Mesa').waitFor();
    await hall.screenshot({ path: `${SHOTS}/mesa-ballots-projector-result.png` });

    const paperName: string = (await api.http().get(`/api/delegates/${paperVoter.delegateId}`).expect(200))
      .body.fullName;
    const board = await page(PHONE);
    await board.goto(`${base}/sesiones/${sessionId}`);
    await board.getByTestId('vote-outcome').waitFor();
    await board.getByText('Votos por provincia').click();
    const marked = board.getByTestId('ballot-recorded-by-mesa');
    await marked.waitFor();
    expect(await marked.count()).toBe(1);
    expect(await board.getByRole('row').filter({ has: marked }).getByRole('rowheader').textContent()).toBe(
      paperName,
    );
    expect(await marked.textContent()).toContain('registrado por la Mesa, en papel');
    await look(board, 'board-closed');

    const motionPage = await page(PHONE);
    await motionPage.goto(`${base}/mociones/${motionId}`);
    const hemicycle = motionPage.getByTestId('hemicycle');
    await hemicycle.waitFor();
    expect(await hemicycle.locator('.hemi-chart .hemi-seat.recorded').count()).toBe(1);
    await hemicycle.getByText('Tabla de datos del hemiciclo').click();
    const seatRow = hemicycle
      .getByTestId('hemicycle-delegates')
      .getByRole('row', { name: new RegExp(paperName) });
    expect(await seatRow.textContent()).toContain('registrado por la Mesa');
    await look(motionPage, 'motion-closed');
  }, 180_000);
});
