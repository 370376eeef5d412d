import {
  keyIdOf,
  keyStatement,
  sealEvent,
  signingKeyFromSeed,
  verifyCheckpointSignature,
  verifyStatement,
  type Checkpoint,
  type LedgerEvent,
} from '#domain';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApi } from '../apps/api/src/bootstrap.js';
import { UsersService } from '../apps/api/src/users/users.service.js';
import { admittedMotion, bearer, checkIn, debate, openSession, voteYesAndClose } from './support/assembly.js';
import {
  createTestDatabase,
  seatDelegate,
  startTestApi,
  testConfig,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';
import type { Browser, BrowserContext } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './support/browser.js';
import { verifyInBrowser } from './support/verify-page.js';
import { pdfText } from './support/pdf.js';
import { eventually } from './support/webhook-receiver.js';

/** The verification command against a listening API (asynchronously: the server must keep answering). */
function verifyCommand(url: string, ...args: string[]): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/apps/api/src/verify.js', '--url', url, ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout: `${stdout}${stderr}` }),
    );
  });
}

async function record(api: TestApi): Promise<LedgerEvent[]> {
  return (await api.http().get('/api/ledger?after=0&limit=5000').expect(200)).body.events;
}

async function checkpoints(api: TestApi): Promise<Checkpoint[]> {
  return (await api.http().get('/api/ledger/checkpoints?limit=1000').expect(200)).body.items;
}

describe('Signed checkpoints, keys and witnesses', () => {
  let api: TestApi;
  let moderator: TestUser;
  let delegates: SeatedDelegate[];
  let url: string;
  let sessionId: string;
  let resolutionNumber: string;
  const witnessFile = join(mkdtempSync(join(tmpdir(), 'asamblea-witness-')), 'witness.json');
  let browser: Browser;
  // One citizen's browser, kept across tests: its storage is the page's witness.
  let citizen: BrowserContext;

  beforeAll(async () => {
    // Jobs in this process (documents render here); the interval is long: checkpoints below come from events.
    api = await startTestApi({
      COSPONSOR_THRESHOLD: '0',
      REDIS_URL: '',
      PUBLIC_URL: 'https://asamblea.example.pe',
    });
    moderator = await userWithRoles(api, ['moderator']);
    delegates = [await seatDelegate(api), await seatDelegate(api), await seatDelegate(api)];
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    citizen = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'es-PE',
      timezoneId: 'America/Lima',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('states its key in the record at first start and publishes it', async () => {
    const events = await record(api);
    const adopted = events.find((e) => e.type === 'record.signing_key_adopted')!;
    expect(adopted).toMatchObject({ sequence: 2, subject: 'record:signing-key', actor: null });
    const keys = (await api.http().get('/api/ledger/keys').expect(200)).body.keys;
    expect(keys).toEqual([
      expect.objectContaining({
        keyId: (adopted.payload as { keyId: string }).keyId,
        publicKey: (adopted.payload as { publicKey: string }).publicKey,
        algorithm: 'Ed25519',
        fromSequence: 2,
        untilSequence: null,
        previousKeyId: null,
        endorsement: null,
      }),
    ]);
    const raw = Buffer.from(keys[0].publicKey, 'base64');
    expect(raw).toHaveLength(32);
    expect(keys[0].keyId).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    const docs = (await api.http().get('/api/docs-json').expect(200)).body;
    for (const path of ['/api/ledger/checkpoints', '/api/ledger/checkpoints/latest', '/api/ledger/keys'])
      expect(docs.paths[path].get.responses['200'].content['application/json'].schema).toBeDefined();
    expect(docs.paths['/api/feeds/checkpoints.atom']).toBeDefined();
  });

  it('signs a checkpoint right after a resolution and a session close; it verifies with the published key only', async () => {
    sessionId = await openSession(api, moderator, 'Sesión con puntos de control');
    await checkIn(api, sessionId, delegates);
    const motion = await admittedMotion(api, delegates[0]!, moderator, { title: 'Moción firmada' });
    await debate(api, moderator, sessionId, motion.id);
    const closed = await voteYesAndClose(api, moderator, sessionId, delegates);
    resolutionNumber = closed.resolutionNumber!;
    const issued = (await record(api)).find((e) => e.type === 'resolution.issued')!;
    const covering = await eventually(async () =>
      (await checkpoints(api)).find((c) => c.sequence >= issued.sequence),
    );
    expect(covering.hash).toBe((await record(api)).find((e) => e.sequence === covering.sequence)!.hash);

    await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    const closedAt = (await record(api)).find((e) => e.type === 'session.closed')!;
    const afterClose = await eventually(async () =>
      (await checkpoints(api)).find((c) => c.sequence >= closedAt.sequence),
    );
    const latest = (await api.http().get('/api/ledger/checkpoints/latest').expect(200)).body as Checkpoint;
    expect(latest.sequence).toBeGreaterThanOrEqual(afterClose.sequence);

    const [key] = (await api.http().get('/api/ledger/keys').expect(200)).body.keys;
    for (const c of await checkpoints(api)) expect(verifyCheckpointSignature(c, key.publicKey)).toBe(true);
    const other = signingKeyFromSeed(randomBytes(32));
    expect(verifyCheckpointSignature(latest, other.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...latest, keyId: other.keyId }, other.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...latest, sequence: latest.sequence - 1 }, key.publicKey)).toBe(
      false,
    );
  });

  it('prints the covering checkpoint on the resolution and the minutes, and serves an Atom feed of them', async () => {
    const events = await record(api);
    const all = await checkpoints(api);
    const covering = (type: string) => {
      const at = events.find((e) => e.type === type)!.sequence;
      return all.filter((c) => c.sequence >= at).sort((a, b) => a.sequence - b.sequence)[0]!;
    };
    const forResolution = covering('resolution.issued');
    const resolution = await pdfText(api, `/api/resolutions/${resolutionNumber}.pdf`);
    expect(resolution).toContain(
      `Punto de control N.º ${forResolution.sequence}, huella ${forResolution.hash}, firmado`,
    );
    expect(resolution).toContain(`(clave ${forResolution.keyId})`);
    // The address may wrap across lines in the PDF: compared without the spaces the text extraction adds.
    expect(resolution.replace(/ /g, '')).toContain(
      `https://asamblea.example.pe/verificar?punto=${forResolution.sequence}&huella=${forResolution.hash}`,
    );
    const forMinutes = covering('session.closed');
    const minutes = await pdfText(api, `/api/sessions/${sessionId}/minutes.pdf`);
    expect(minutes).toContain(
      `Punto de control N.º ${forMinutes.sequence}, huella ${forMinutes.hash}, firmado`,
    );

    const feed = await api.http().get('/api/feeds/checkpoints.atom').expect(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(feed.text).toContain(
      `https://asamblea.example.pe/verificar?punto=${forMinutes.sequence}&amp;huella=${forMinutes.hash}`,
    );
    expect(feed.text).toContain(forMinutes.signature);
  });

  it('a witness keeps the checkpoints; a receipt is found and said to be counted', async () => {
    const first = await verifyCommand(url, '--witness', witnessFile);
    expect(first.stdout).toMatch(/^OK: \d+ signed checkpoints verified with the record's keys/m);
    expect(first.status).toBe(0);
    const kept = JSON.parse(readFileSync(witnessFile, 'utf8'));
    expect(kept.checkpoints.length).toBe((await checkpoints(api)).length);
    expect(kept.keys).toHaveLength(1);

    const again = await verifyCommand(url, '--witness', witnessFile, '--from-checkpoint');
    expect(again.stdout).toContain('from checkpoint');
    expect(again.stdout).toContain('votes, ballots and tallies are not');
    expect(again.status).toBe(0);

    const ballot = (await record(api)).find((e) => e.type === 'ballot.cast')!;
    const receipt = await verifyCommand(url, '--receipt', ballot.hash);
    expect(receipt.stdout).toContain(`evento ${ballot.sequence}, revisión 1; contada en el escrutinio`);
    expect(receipt.status).toBe(0);
    const missing = await verifyCommand(url, '--receipt', 'f'.repeat(64));
    expect(missing.stdout).toContain(`NOT FOUND: no event of the record has hash ${'f'.repeat(64)}`);
    expect(missing.status).toBe(1);

    // The same in the citizen's browser: the page verifies the record, keeps the checkpoints it saw…
    const page = await citizen.newPage();
    const served = await checkpoints(api);
    const seen = await verifyInBrowser(page, url);
    expect(seen.verdict).toBe(
      'Verificado en su navegador: el registro es consistente y todo lo publicado coincide con él.',
    );
    expect(seen.all).toMatch(/Votaciones\s+1\s+Votos\s+3\s+Resoluciones\s+1/);
    expect(seen.witness).toContain(`${served.length} puntos de control firmados verificados`);
    expect(seen.witness).toContain(`Este navegador guarda ${served.length} (${served.length} nuevos)`);
    expect(seen.all).toMatch(/huellas calculadas con WebCrypto/);
    await page.screenshot({ path: `${SHOTS}/verify-browser-ok.png`, fullPage: true });
    expect(await axeProblems(page)).toEqual([]);
    // …looks up a receipt typed into its form…
    await page.getByLabel('Comprobante (64 caracteres)').fill('not a receipt');
    await page.getByRole('button', { name: 'Buscar comprobante' }).click();
    await page.getByText('Un comprobante tiene 64 caracteres').waitFor();
    await page.getByLabel('Comprobante (64 caracteres)').fill(ballot.hash);
    await page.getByRole('button', { name: 'Buscar comprobante' }).click();
    await page.getByTestId('receipt-answer').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('receipt-answer').innerText()).toContain(
      `evento ${ballot.sequence}, revisión 1; contada en el escrutinio`,
    );
    await page.screenshot({ path: `${SHOTS}/verify-browser-receipt.png`, fullPage: true });
    // …and checks the checkpoint a document's QR code points at.
    const printed = served.at(-1)!;
    const fromDocument = await verifyInBrowser(
      page,
      url,
      `?punto=${printed.sequence}&huella=${printed.hash}`,
    );
    expect(fromDocument.verdict).toMatch(/^Verificado en su navegador/);
    expect(await page.getByTestId('document-checkpoint').innerText()).toBe(
      `El punto de control N.º ${printed.sequence} impreso en el documento coincide con el registro. La Asamblea lo firmó: su huella es la del punto de control publicado.`,
    );
    await verifyInBrowser(page, url, `?punto=${printed.sequence}&huella=${'e'.repeat(64)}`);
    expect(await page.getByTestId('document-checkpoint').innerText()).toBe(
      `DOCUMENTO: el punto de control ${printed.sequence} impreso en el documento no coincide con el registro.`,
    );
    await page.close();
  });

  it('the re-seal attack: a rewritten, re-hashed chain is named by the witness, and so is a truncation', async () => {
    const kept: { checkpoints: (Checkpoint & { seenAt: string })[] } = JSON.parse(
      readFileSync(witnessFile, 'utf8'),
    );
    const events = await record(api);
    const target = events.find((e) => e.type === 'motion.filed')!;
    // As the database owner with triggers off: change the motion's text, then re-hash every later event
    // so the chain is consistent again. Only the head hash differs; nothing in the record says so.
    await api.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      let previous = events.find((e) => e.sequence === target.sequence - 1)!.hash;
      for (const event of events.filter((e) => e.sequence >= target.sequence)) {
        const payload =
          event.sequence === target.sequence
            ? { ...(event.payload as object), title: 'Texto alterado' }
            : event.payload;
        const sealed = sealEvent({ ...event, payload }, previous);
        await m.query(
          `UPDATE ledger_events SET payload = $2, payload_hash = $3, previous_hash = $4, hash = $5 WHERE sequence = $1`,
          [event.sequence, JSON.stringify(payload), sealed.payloadHash, sealed.previousHash, sealed.hash],
        );
        previous = sealed.hash;
      }
    });
    const server = (await api.http().get('/api/ledger/verify').expect(200)).body;
    expect(server.firstBroken).toBeUndefined(); // the chain alone is consistent again
    const rewritten = kept.checkpoints.find((c) => c.sequence >= target.sequence)!;
    const witness = await verifyCommand(url, '--witness', witnessFile);
    expect(witness.stdout).toMatch(
      new RegExp(
        `^REWRITTEN: event ${rewritten.sequence} differs from checkpoint ${rewritten.sequence} seen 20\\d\\d-`,
        'm',
      ),
    );
    expect(witness.status).toBe(1);
    // The witness file is not updated by a run that failed: it still holds what it saw.
    expect(JSON.parse(readFileSync(witnessFile, 'utf8')).checkpoints).toEqual(kept.checkpoints);
    // The citizen's browser saw the same checkpoints: its page names the same rewritten sequence.
    const page = await citizen.newPage();
    const alarm = await verifyInBrowser(page, url);
    expect(alarm.witness).toContain('El registro contradice lo que este navegador vio antes');
    expect(alarm.witness).toContain(
      `REESCRITO: el evento ${rewritten.sequence} ya no es el que la Asamblea firmó en el punto de control ${rewritten.sequence}.`,
    );
    expect(alarm.witness).toMatch(
      new RegExp(
        `REWRITTEN: event ${rewritten.sequence} differs from checkpoint ${rewritten.sequence} seen 20\\d\\d-`,
      ),
    );
    await page.screenshot({ path: `${SHOTS}/verify-browser-rewritten.png`, fullPage: true });
    expect(await axeProblems(page)).toEqual([]);
    await page.close();

    // Cut the record short (as an old backup restored would): the witness holds a later checkpoint.
    const newest = kept.checkpoints.at(-1)!;
    await api.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`DELETE FROM ledger_events WHERE sequence >= $1`, [newest.sequence - 1]);
    });
    const truncated = await verifyCommand(url, '--witness', witnessFile);
    expect(truncated.stdout).toContain(
      `TRUNCATED: the record ends at ${newest.sequence - 2} but checkpoint ${newest.sequence} was seen ${newest.seenAt}`,
    );
    expect(truncated.status).toBe(1);
  });
});

describe('Changing the signing key', () => {
  it('refuses to start with another key unless the previous one endorses it; the interval signs as the record grows', async () => {
    const database = await createTestDatabase();
    const first = randomBytes(32).toString('base64');
    const second = randomBytes(32).toString('base64');
    try {
      const one = await createApi(testConfig(database.url, { RECORD_SIGNING_KEY: first, REDIS_URL: '' }));
      await one.close();
      await expect(
        createApi(testConfig(database.url, { RECORD_SIGNING_KEY: second, REDIS_URL: '' })),
      ).rejects.toThrow(/is not the key the record states .*set RECORD_SIGNING_KEY_PREVIOUS/);
      const two = await createApi(
        testConfig(database.url, {
          RECORD_SIGNING_KEY: second,
          RECORD_SIGNING_KEY_PREVIOUS: first,
          CHECKPOINT_INTERVAL_SECONDS: '1',
          REDIS_URL: '',
        }),
      );
      try {
        const http = () => two.app.getHttpServer();
        const keys = (await request(http()).get('/api/ledger/keys').expect(200)).body.keys;
        const old = signingKeyFromSeed(Buffer.from(first, 'base64'));
        const next = signingKeyFromSeed(Buffer.from(second, 'base64'));
        expect(keys.map((k: { keyId: string }) => k.keyId)).toEqual([old.keyId, next.keyId]);
        expect(keys[0].untilSequence).toBe(keys[1].fromSequence);
        expect(keys[1].previousKeyId).toBe(old.keyId);
        expect(keyIdOf(keys[1].publicKey)).toBe(next.keyId);
        const statement = keyStatement({
          keyId: next.keyId,
          publicKey: next.publicKey,
          previousKeyId: old.keyId,
        });
        expect(verifyStatement(old.publicKey, statement, keys[1].endorsement)).toBe(true);
        expect(verifyStatement(next.publicKey, statement, keys[1].endorsement)).toBe(false);

        // Creating an account asks for no checkpoint: the 1-second interval signs the new head.
        await two.app.get(UsersService).create({
          email: `intervalo-${randomBytes(3).toString('hex')}@prueba.pe`,
          displayName: 'Cuenta del intervalo',
          password: 'contraseña-de-prueba-2026',
          roles: ['moderator'],
        });
        const head = (await request(http()).get('/api/ledger?after=0&limit=5000').expect(200)).body.events.at(
          -1,
        );
        const signed = await eventually(async () => {
          const latest = await request(http()).get('/api/ledger/checkpoints/latest');
          return latest.status === 200 && latest.body.sequence === head.sequence ? latest.body : null;
        });
        expect(signed.keyId).toBe(next.keyId);
        expect(verifyCheckpointSignature(signed, next.publicKey)).toBe(true);
      } finally {
        await two.close();
      }
    } finally {
      await database.drop();
    }
  });
});
