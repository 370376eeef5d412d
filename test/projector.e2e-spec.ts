import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import {
  admittedMotion,
  bearer,
  debate,
  openSession,
  openVote,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { urlOf } from './support/live-client.js';
import {
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

// page.evaluate callbacks run in the page; the test project has no DOM lib, so the little they touch is declared here.
declare const document: { documentElement: { scrollWidth: number } };
declare function getComputedStyle(element: unknown): { fontSize: string };

type Choice = 'yes' | 'no' | 'abstain' | 'none';
const CHOICES: Choice[] = ['yes', 'no', 'abstain', 'none'];

/** The counts of one row of the hemicycle's table by province (its cells by data-choice). */
async function rowCounts(row: Locator): Promise<Record<Choice, number>> {
  const counts = {} as Record<Choice, number>;
  for (const choice of CHOICES)
    counts[choice] = Number(await row.locator(`td[data-choice="${choice}"]`).textContent());
  return counts;
}

/** Opens the hemicycle's data table and reads it: totals, each province's row, and the seats drawn. */
async function readHemicycle(scope: Page) {
  const figure = scope.getByTestId('hemicycle');
  await figure.waitFor();
  await figure.getByText('Tabla de datos del hemiciclo').click();
  const table = figure.getByRole('table', { name: 'Recuento por provincia y opción' });
  await table.waitFor();
  const provinces: Record<string, Record<Choice, number>> = {};
  for (const row of await table.locator('tbody tr').all())
    provinces[(await row.locator('th').textContent())!] = await rowCounts(row);
  const seats = {} as Record<Choice, number>;
  for (const choice of CHOICES)
    seats[choice] = await figure.locator(`svg.hemi-chart .hemi-seat.${choice}`).count();
  const delegates = figure.getByRole('table', { name: 'Votos de cada delegado' });
  return { totals: await rowCounts(table.locator('tfoot tr')), provinces, seats, delegates };
}

describe('The projector view and the hemicycle (Chromium, real API)', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  const names = new Map<string, string>();
  const sessions: string[] = [];
  const provinceOf = new Map<string, string>();
  const contexts: BrowserContext[] = [];
  const page = async (viewport = { width: 1920, height: 1080 }) => {
    // Without the service worker: some pages below rewrite served reads with page.route, which the worker
    // would answer first.
    const created = await browser.newContext({ viewport, locale: 'es-PE', serviceWorkers: 'block' });
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
    // Eight delegates in four provinces (two each), two more in a fifth.
    delegates = [
      ...(await seatDelegatesInBulk(api, 8)),
      ...(await seatDelegatesInBulk(api, 2, { constituencyCode: '0605' })),
    ];
    for (const d of delegates) {
      const view = (await api.http().get(`/api/delegates/${d.delegateId}`).expect(200)).body;
      names.set(d.delegateId, view.fullName);
      provinceOf.set(d.delegateId, view.constituency.name);
    }
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await api.close();
  });

  it('follows a speech, a vote and its result on the hall screen; the hemicycle on the board and the resolution page', async () => {
    const motion = await admittedMotion(api, delegates[0]!, moderator, { title: 'Moción en el proyector' });
    const sessionId = await openSession(api, moderator, 'Sesión en el proyector');
    sessions.push(sessionId);
    await debate(api, moderator, sessionId, motion.id);
    // Nine of the ten check in; the tenth (province 0605) stays away and is not entitled.
    for (const d of delegates.slice(0, 9))
      await api
        .http()
        .post(`/api/sessions/${sessionId}/attendance/${d.delegateId}`)
        .set(bearer(moderator))
        .send({ present: true })
        .expect(200);
    const { quorum } = (await api.http().get(`/api/sessions/${sessionId}`).expect(200)).body.attendance;
    expect(quorum).toMatchObject({ present: 9, seated: 10 });

    // The hall's operator opens the board and follows its link to the projector view.
    const hall = await page();
    await hall.goto(`${base}/sesiones/${sessionId}`);
    await hall.getByRole('link', { name: 'Vista para el proyector de la sala' }).click();
    await hall.waitForURL(`${base}/sesiones/${sessionId}/proyector`);
    await hall.getByRole('heading', { level: 1, name: 'Sesión en el proyector' }).waitFor();
    // The board's heading is the same title, so wait for the projector's own item before looking at the layout.
    await hall
      .getByTestId('projector-item')
      .filter({ hasText: `${motion.number} · Moción en el proyector` })
      .waitFor();
    // Outside the site's layout: no header, no menu.
    expect(await hall.locator('header.top, nav').count()).toBe(0);
    await hall
      .getByTestId('projector-quorum')
      .filter({ hasText: `9 presentes · se requieren ${quorum.required}` })
      .waitFor();

    // Two ask for the floor; the Mesa gives it to the first: speaker, timer and the queue, live.
    const [speaker, waiting] = [delegates[1]!, delegates[2]!];
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor`)
      .set(bearer(speaker))
      .send({ stance: 'pro' })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor`)
      .set(bearer(waiting))
      .send({ stance: 'contra' })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/give`)
      .set(bearer(moderator))
      .send({})
      .expect(200);
    const speech = hall.getByTestId('projector-speech');
    await speech.filter({ hasText: names.get(speaker.delegateId)! }).waitFor();
    await speech.filter({ hasText: 'a favor' }).waitFor();
    expect(await hall.getByTestId('projector-timer').textContent()).toMatch(/^\d+:\d\d$/);
    await hall
      .getByTestId('projector-queue')
      .filter({ hasText: names.get(waiting.delegateId)! })
      .waitFor();
    // Headline type readable from the back of the room: 48 px or more at 1920×1080.
    const headline = await speech
      .locator('.pj-headline')
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(headline).toBeGreaterThanOrEqual(48);
    await hall.screenshot({ path: `${SHOTS}/projector-speech.png` });
    expect(await axeProblems(hall)).toEqual([]);
    await api.http().post(`/api/sessions/${sessionId}/floor/end`).set(bearer(moderator)).expect(204);

    // The vote: four yes, two no, one abstention, two of the nine entitled do not vote.
    const vote = await openVote(api, moderator, sessionId);
    expect(vote.entitledCount).toBe(9);
    await hall.getByTestId('projector-progress').filter({ hasText: '0 han votado de 9' }).waitFor();
    const ballots: [SeatedDelegate, Choice][] = [
      [delegates[0]!, 'yes'],
      [delegates[1]!, 'yes'],
      [delegates[2]!, 'yes'],
      [delegates[3]!, 'yes'],
      [delegates[4]!, 'no'],
      [delegates[5]!, 'no'],
      [delegates[6]!, 'abstain'],
    ];
    for (const [voter, choice] of ballots)
      await api.http().post(`/api/votes/${vote.id}/ballots`).set(bearer(voter)).send({ choice }).expect(200);
    await hall.getByTestId('projector-progress').filter({ hasText: '7 han votado de 9' }).waitFor();
    await hall.screenshot({ path: `${SHOTS}/projector-vote.png` });
    expect(await axeProblems(hall)).toEqual([]);

    const closed = (await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(200))
      .body;
    await hall.getByTestId('projector-outcome').filter({ hasText: 'APROBADA' }).waitFor();
    const number: string =
      closed.resolutionNumber ?? (await api.http().get(`/api/votes/${vote.id}`)).body.resolutionNumber;
    expect(number).toMatch(/^RES-APR-\d{4}-\d{4}$/);
    await hall.getByTestId('projector-resolution').filter({ hasText: number }).waitFor();
    await hall.getByTestId('hemicycle').waitFor();
    await hall.screenshot({ path: `${SHOTS}/projector-result.png` });
    // The two entitled who did not vote sit in their own provinces: the closed vote names them.
    const byProvince: Record<string, { yes: number; no: number; abstain: number; none: number }> = {};
    const seat = (d: SeatedDelegate, choice: Choice) => {
      const province = provinceOf.get(d.delegateId)!;
      byProvince[province] ??= { yes: 0, no: 0, abstain: 0, none: 0 };
      byProvince[province][choice] += 1;
    };
    for (const [d, choice] of ballots) seat(d, choice);
    seat(delegates[7]!, 'none');
    seat(delegates[8]!, 'none');
    const served = (await api.http().get(`/api/votes/${vote.id}`).expect(200)).body;
    expect(served.notVoted.map((n: { delegateId: string }) => n.delegateId).sort()).toEqual(
      [delegates[7]!.delegateId, delegates[8]!.delegateId].sort(),
    );
    const expected = {
      totals: { yes: 4, no: 2, abstain: 1, none: 2 },
      seats: { yes: 4, no: 2, abstain: 1, none: 2 },
      provinces: byProvince,
    };
    const onProjector = await readHemicycle(hall);
    expect({ ...onProjector, delegates: undefined }).toEqual({ ...expected, delegates: undefined });
    await onProjector.delegates
      .getByRole('row', { name: new RegExp(names.get(delegates[4]!.delegateId)!) })
      .filter({ hasText: 'En contra' })
      .waitFor();
    expect(await axeProblems(hall)).toEqual([]);
    // No ballot here was recorded by the Mesa: no seat is marked so.
    expect(await hall.locator('.hemi-seat.recorded').count()).toBe(0);

    // The Mesa moves to the next item: the old result leaves the hall's screen, the queue comes back.
    const next = (
      await api
        .http()
        .post(`/api/sessions/${sessionId}/agenda`)
        .set(bearer(moderator))
        .send({ kind: 'topic', title: 'Informe de la comisión de salud' })
        .expect(201)
    ).body.agenda.find((i: { title: string }) => i.title === 'Informe de la comisión de salud').id;
    const item = (await api.http().get(`/api/sessions/${sessionId}`).expect(200)).body.agenda.find(
      (i: { status: string }) => i.status !== 'done' && i.status !== 'pending' && i.status !== 'deferred',
    );
    if (item)
      await api
        .http()
        .post(`/api/sessions/${sessionId}/agenda/${item.id}/finish`)
        .set(bearer(moderator))
        .expect(200);
    // With no item on the floor the last result stays on screen.
    await hall.getByTestId('projector-outcome').filter({ hasText: 'APROBADA' }).waitFor();
    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda/${next}/start`)
      .set(bearer(moderator))
      .expect(200);
    await hall.getByTestId('projector-item').filter({ hasText: 'Informe de la comisión de salud' }).waitFor();
    await hall.getByTestId('projector-queue').waitFor();
    expect(await hall.getByTestId('projector-outcome').count()).toBe(0);
    expect(await hall.locator('main').getAttribute('data-stage')).toBe('idle');

    // The live board shows the same hemicycle after the close, with its table alternative.
    const board = await page({ width: 1280, height: 900 });
    await board.goto(`${base}/sesiones/${sessionId}`);
    await board.getByTestId('vote-outcome').filter({ hasText: 'APROBADA' }).waitFor();
    const onBoard = await readHemicycle(board);
    expect({ ...onBoard, delegates: undefined }).toEqual({ ...expected, delegates: undefined });
    // Every entitled delegate has a row: the seven who voted and the two who did not.
    expect(await onBoard.delegates.locator('tbody tr').count()).toBe(9);
    await onBoard.delegates
      .getByRole('row', { name: new RegExp(names.get(delegates[8]!.delegateId)!) })
      .filter({ hasText: 'Sin votar' })
      .waitFor();
    expect(await axeProblems(board)).toEqual([]);
    await board.screenshot({ path: `${SHOTS}/board-hemicycle-desktop.png`, fullPage: true });

    // On a phone: the hemicycle fits 360 px.
    const phone = await page({ width: 360, height: 780 });
    await phone.goto(`${base}/sesiones/${sessionId}`);
    const figure = phone.getByTestId('hemicycle');
    await figure.waitFor();
    const box = await figure.locator('svg.hemi-chart').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await figure.screenshot({ path: `${SHOTS}/board-hemicycle-360.png` });

    // A ballot the Mesa recorded, on this screen and the others: test/mesa-ballots.e2e-spec.ts records one.

    // A full assembly: 130 seats in the 13 provinces (ballots rewritten in the browser), drawn and counted.
    const provinces: { code: string; name: string }[] = (await api.http().get('/api/constituencies')).body;
    const full = await page({ width: 1280, height: 900 });
    await full.route(`**/api/votes/${vote.id}`, async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      const choices = ['yes', 'yes', 'yes', 'no', 'abstain'];
      json.ballots = Array.from({ length: 125 }, (_, i) => ({
        delegateId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: `Delegada ${i + 1}`,
        constituency: provinces[i % provinces.length]!.name,
        choice: choices[i % choices.length],
        ...(i % 40 === 0 ? { recordedBy: { method: 'paper' } } : {}),
      }));
      // As an answer from before the non-voters were served: their five seats have no province.
      json.notVoted = null;
      json.entitledCount = 130;
      json.tally.counts = { yes: 75, no: 25, abstain: 25, notVoted: 5 };
      await route.fulfill({ response, json });
    });
    await full.goto(`${base}/sesiones/${sessionId}`);
    const assembly = await readHemicycle(full);
    expect(assembly.totals).toEqual({ yes: 75, no: 25, abstain: 25, none: 5 });
    expect(assembly.seats).toEqual({ yes: 75, no: 25, abstain: 25, none: 5 });
    expect(Object.keys(assembly.provinces)).toHaveLength(provinces.length + 1);
    await full.locator('svg.hemi-chart').screenshot({ path: `${SHOTS}/hemicycle-130-seats.png` });
    await full.setViewportSize({ width: 360, height: 780 });
    await full.locator('svg.hemi-chart').screenshot({ path: `${SHOTS}/hemicycle-130-seats-360.png` });

    // The resolution page shows the vote that adopted it.
    const resolution = await page({ width: 1280, height: 900 });
    await resolution.goto(`${base}/resoluciones/${number}`);
    await resolution.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
    const onResolution = await readHemicycle(resolution);
    expect({ ...onResolution, delegates: undefined }).toEqual({ ...expected, delegates: undefined });
    expect(await axeProblems(resolution)).toEqual([]);
    await resolution.screenshot({ path: `${SHOTS}/resolution-hemicycle.png`, fullPage: true });
  }, 180_000);

  it("the delegate's page charts attendance across sessions, with its table alternative", async () => {
    const [attendee] = delegates;
    // Two more sessions after the first (one at a time): present at the second, absent from the third.
    for (const [title, present] of [
      ['Segunda sesión del proyector', true],
      ['Tercera sesión del proyector', false],
    ] as const) {
      await api
        .http()
        .post(`/api/sessions/${sessions.at(-1)}/close`)
        .set(bearer(moderator))
        .expect(200);
      const id = await openSession(api, moderator, title);
      sessions.push(id);
      if (present)
        await api
          .http()
          .post(`/api/sessions/${id}/attendance/${attendee!.delegateId}`)
          .set(bearer(moderator))
          .send({ present: true })
          .expect(200);
    }
    const view = await page({ width: 360, height: 780 });
    await view.goto(`${base}/delegados/${attendee!.delegateId}`);
    const chart = view.getByRole('img', { name: /Asistencia de .* por sesión/ });
    await chart.waitFor();
    const before = await view.evaluate(() => document.documentElement.scrollWidth);
    await view.getByText('Tabla de datos de la asistencia').click();
    const rows = view.getByTestId('attendance-table').locator('tbody tr');
    expect(await rows.locator('th').allTextContents()).toEqual([
      'Sesión en el proyector',
      'Segunda sesión del proyector',
      'Tercera sesión del proyector',
    ]);
    expect(await rows.locator('td:nth-of-type(2)').allTextContents()).toEqual([
      'presente',
      'presente',
      'ausente',
    ]);
    expect(await view.locator('svg.att-chart .att-present').count()).toBe(2);
    expect(await view.locator('svg.att-chart .att-absent').count()).toBe(1);
    // The chart and its table add no sideways scrolling to the page (its voting record may have some).
    expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      Math.max(360, before),
    );
    expect(
      await view
        .locator('.attendance-chart')
        .evaluate((e) => (e as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(360);
    // Their ballots by choice: the one closed vote of the first test, where they voted yes.
    const ballots = view.getByRole('figure', {
      name: `Votos de ${names.get(attendee!.delegateId)} en la votación cerrada a la que tuvo derecho`,
    });
    const counts = Object.fromEntries(
      await Promise.all(
        (await ballots.locator('tbody tr').all()).map(async (row) => [
          await row.locator('th').textContent(),
          await row.locator('td.bal-count').textContent(),
        ]),
      ),
    );
    expect(counts).toEqual({ 'A favor': '1', 'En contra': '0', Abstención: '0', 'Sin votar': '0' });
    expect(await axeProblems(view)).toEqual([]);
    await view.locator('.attendance-chart').screenshot({ path: `${SHOTS}/delegate-attendance-360.png` });
    await ballots.screenshot({ path: `${SHOTS}/delegate-ballots-360.png` });
  }, 120_000);
});
