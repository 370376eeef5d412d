import { execFile } from 'node:child_process';
import { InstitutionEntity } from '#persistence';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
  voteYesAndClose,
} from './support/assembly.js';
import { sha256, tinyPdf } from './support/evidence-files.js';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SHOTS } from './support/browser.js';
import { urlOf } from './support/live-client.js';
import { verifyInBrowser } from './support/verify-page.js';
import {
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

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

/**
 * Every public fact the API serves is checked against the record: a row altered with SQL (not its event)
 * is named by the server's verifier, by the command that reads only the public API, and by the
 * verification page in a citizen's browser (the same verifier, in a Web Worker).
 */
describe('Every served fact checked against the record', () => {
  let api: TestApi;
  let url: string;
  let moderator: TestUser;
  let liaison: TestUser;
  let delegates: SeatedDelegate[];
  let sessionId: string;
  let motion: { id: string; number: string };
  let inadmissible: string;
  let resolution: string;
  let pdf: Buffer;
  let browser: Browser;
  let page: Page;
  let shots = 0;

  /** As the database owner, triggers off (the record's tables refuse UPDATE otherwise). */
  const tamper = (sql: string, params: unknown[] = []) =>
    api.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(sql, params);
    });

  /** The three verifiers, and the problem they name (the same text). */
  async function verdicts(): Promise<{
    server: { ok: boolean; problem?: string };
    cli: { status: number; stdout: string };
    browser: string;
  }> {
    const body = (await api.http().get('/api/ledger/verify').expect(200)).body;
    const shown = await verifyInBrowser(page, url);
    await page.screenshot({ path: `${SHOTS}/served-facts-${(shots += 1)}.png`, fullPage: true });
    return {
      server: { ok: body.ok, problem: body.firstProblem?.problem },
      cli: await verifyCommand(url),
      browser: shown.verdict,
    };
  }

  async function expectNamed(expected: string): Promise<void> {
    const { server, cli, browser: shown } = await verdicts();
    expect(server.ok).toBe(false);
    expect(server.problem).toContain(expected);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(expected);
    expect(shown).toMatch(/^Discrepancia/);
    expect(shown).toContain(expected);
  }

  async function expectOk(): Promise<string> {
    const { server, cli, browser: shown } = await verdicts();
    expect(server).toEqual({ ok: true, problem: undefined });
    expect(cli.status).toBe(0);
    expect(shown).toBe(
      'Verificado en su navegador: el registro es consistente y todo lo publicado coincide con él.',
    );
    return cli.stdout;
  }

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    url = urlOf(api);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'es-PE', viewport: { width: 1280, height: 900 } });
    moderator = await userWithRoles(api, ['moderator']);
    const diresa = await api.dataSource.getRepository(InstitutionEntity).findOneByOrFail({ code: 'DIRESA' });
    liaison = await userWithRoles(api, ['liaison'], { institutionId: diresa.id });
    delegates = await seatDelegatesInBulk(api, 5);
    const [author, second, third] = delegates as [SeatedDelegate, SeatedDelegate, SeatedDelegate];

    // A motion co-sponsored (one co-sponsorship withdrawn), then declared inadmissible with its reason.
    const draft = await api
      .http()
      .post('/api/motions')
      .set(bearer(second))
      .send({ title: 'Moción fuera de plazo', body: 'Artículo 1. Texto.', objectiveCodes: ['SOC-SALUD-O4'] })
      .expect(201);
    inadmissible = draft.body.id;
    await api.http().post(`/api/motions/${inadmissible}/file`).set(bearer(second)).expect(200);
    for (const d of [author, third])
      await api.http().post(`/api/motions/${inadmissible}/cosponsors`).set(bearer(d)).expect(200);
    await api.http().delete(`/api/motions/${inadmissible}/cosponsors`).set(bearer(third)).expect(200);
    await api
      .http()
      .post(`/api/motions/${inadmissible}/inadmissible`)
      .set(bearer(moderator))
      .send({ reason: 'No corresponde a la competencia de la asamblea.' })
      .expect(200);

    sessionId = await openSession(api, moderator, 'Sesión verificada');
    // Attendance: self check-in, a roll call, and the helper's roll call.
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance`)
      .set(bearer(author))
      .send({ present: true })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance/${second.delegateId}`)
      .set(bearer(moderator))
      .send({ present: true })
      .expect(200);
    await checkIn(api, sessionId, delegates.slice(2));
    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ kind: 'topic', title: 'Informe de la presidencia' })
      .expect(201);
    motion = await admittedMotion(api, author, moderator, {
      title: 'Ambulancias para Celendín',
      institutionCodes: ['DIRESA'],
      complianceDeadline: '2027-06-30',
    });
    await debate(api, moderator, sessionId, motion.id);

    // A speech, extended, ended by the Mesa.
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor`)
      .set(bearer(third))
      .send({ stance: 'pro' })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/give`)
      .set(bearer(moderator))
      .send({})
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/extend`)
      .set(bearer(moderator))
      .send({ seconds: 60 })
      .expect(200);
    await api.http().post(`/api/sessions/${sessionId}/floor/end`).set(bearer(moderator)).expect(204);

    resolution = (await voteYesAndClose(api, moderator, sessionId, delegates.slice(0, 3))).resolutionNumber!;

    // A compliance report with an evidence file.
    pdf = tinyPdf('Acta de entrega de ambulancias');
    await api
      .http()
      .post('/api/evidence')
      .set(bearer(liaison))
      .attach('file', pdf, { filename: 'acta.pdf', contentType: 'application/pdf' })
      .expect(201);
    await api
      .http()
      .post(`/api/resolutions/${resolution}/compliance`)
      .set(bearer(liaison))
      .send({
        progress: 40,
        body: 'Una ambulancia entregada; acta adjunta.',
        evidence: ['https://diresa.example.pe/actas/1'],
        evidenceFiles: [sha256(pdf)],
      })
      .expect(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('verifies every served fact, over HTTP with the command and on the server', async () => {
    const stdout = await expectOk();
    expect(stdout).toMatch(
      /^OK: 2 motions with 2 versions, 1 co-sponsorship, 1 session with 2 agenda items, 5 attendance rows, 1 speech, 1 compliance report and 1 evidence file match the record$/m,
    );
    const body = (await api.http().get('/api/ledger/verify').expect(200)).body;
    expect(body.served).toEqual({
      motions: 2,
      motionVersions: 2,
      cosponsorships: 1,
      sessions: 1,
      agendaItems: 2,
      attendanceRows: 5,
      speeches: 1,
      complianceReports: 1,
      evidenceFiles: 1,
    });
  });

  it("names a compliance report's altered text", async () => {
    const [{ sequence }]: { sequence: string }[] = await api.dataSource.query(
      `SELECT ledger_sequence AS sequence FROM compliance_reports`,
    );
    await tamper(`UPDATE compliance_reports SET body = 'Tres ambulancias entregadas.'`);
    await expectNamed(
      `compliance report of ${resolution} by DIRESA (event ${sequence}): served body differs from the record`,
    );
    await tamper(`UPDATE compliance_reports SET body = 'Una ambulancia entregada; acta adjunta.'`);
  });

  it("names a motion version's altered body", async () => {
    await tamper(`UPDATE motion_versions SET body = 'Artículo 1. Otro texto.' WHERE motion_id = $1`, [
      motion.id,
    ]);
    await expectNamed(`motion ${motion.number} (event`);
    await expectNamed('served version 1 body differs from the record');
    await tamper(
      `UPDATE motion_versions v SET body = m.body FROM motions m WHERE m.id = v.motion_id AND v.motion_id = $1`,
      [motion.id],
    );
  });

  it('names an attendance row turned absent, and one deleted', async () => {
    const delegateId = delegates[1]!.delegateId;
    await tamper(`UPDATE attendance SET present = false WHERE session_id = $1 AND delegate_id = $2`, [
      sessionId,
      delegateId,
    ]);
    await expectNamed(`attendance of delegate ${delegateId} (event`);
    await expectNamed('served presence differs from the record');
    await tamper(`UPDATE attendance SET present = true WHERE session_id = $1 AND delegate_id = $2`, [
      sessionId,
      delegateId,
    ]);
    const [row]: object[] = await api.dataSource.query(
      `SELECT * FROM attendance WHERE session_id = $1 AND delegate_id = $2`,
      [sessionId, delegateId],
    );
    await tamper(`DELETE FROM attendance WHERE session_id = $1 AND delegate_id = $2`, [
      sessionId,
      delegateId,
    ]);
    await expectNamed(`attendance of delegate ${delegateId} (event`);
    await expectNamed('in the record but not served');
    await tamper(`INSERT INTO attendance SELECT * FROM json_populate_record(NULL::attendance, $1::json)`, [
      JSON.stringify(row),
    ]);
  });

  it("names a speech's altered end time, and its altered speaker", async () => {
    const [speech]: { id: string; ended_at: Date; delegate_id: string }[] = await api.dataSource.query(
      `SELECT id, ended_at, delegate_id FROM speeches WHERE session_id = $1`,
      [sessionId],
    );
    await tamper(`UPDATE speeches SET ended_at = ended_at + interval '90 seconds' WHERE id = $1`, [
      speech!.id,
    ]);
    await expectNamed(`speech ${speech!.id} (event`);
    await expectNamed('served end differs from the record');
    await tamper(`UPDATE speeches SET ended_at = $2 WHERE id = $1`, [speech!.id, speech!.ended_at]);
    await tamper(`UPDATE speeches SET delegate_id = $2 WHERE id = $1`, [
      speech!.id,
      delegates[4]!.delegateId,
    ]);
    await expectNamed(`speech ${speech!.id} (event`);
    await expectNamed('served speaker differs from the record');
    await tamper(`UPDATE speeches SET delegate_id = $2 WHERE id = $1`, [speech!.id, speech!.delegate_id]);
  });

  it('names an evidence file whose bytes changed', async () => {
    const digest = sha256(pdf);
    const altered = Buffer.from(pdf);
    altered[altered.length - 10] ^= 1;
    // The owner can drop the table's digest check too: the verifier must not rely on it.
    await tamper(`ALTER TABLE evidence_files DROP CONSTRAINT evidence_files_digest`);
    await tamper(`UPDATE evidence_files SET content = $2 WHERE sha256 = $1`, [digest, altered]);
    await expectNamed(`evidence file ${digest} of the compliance report of ${resolution} by DIRESA (event`);
    await expectNamed(`the served bytes hash to ${sha256(altered)}`);
    await tamper(`UPDATE evidence_files SET content = $2 WHERE sha256 = $1`, [digest, pdf]);
    await tamper(
      `ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_digest CHECK (encode(sha256(content), 'hex') = sha256)`,
    );
  });

  it("names a session's altered title and an agenda item's altered order", async () => {
    const [{ number }]: { number: string }[] = await api.dataSource.query(
      `SELECT number FROM sessions WHERE id = $1`,
      [sessionId],
    );
    await tamper(`UPDATE sessions SET title = 'Sesión alterada' WHERE id = $1`, [sessionId]);
    await expectNamed(`session ${number} (event`);
    await expectNamed('served title differs from the record');
    await tamper(`UPDATE sessions SET title = 'Sesión verificada' WHERE id = $1`, [sessionId]);

    const swap = () =>
      tamper(
        `UPDATE agenda_items SET position = CASE position WHEN 1 THEN 2 ELSE 1 END
         WHERE session_id = $1 AND position IN (1, 2)`,
        [sessionId],
      );
    await swap();
    await expectNamed(`session ${number}, agenda item`);
    await expectNamed('served order differs from the record');
    await swap();
  });

  it('names a motion served without any event, and verifies again once all is restored', async () => {
    await tamper(
      `INSERT INTO motions (id, number, year, sequence, title, body, rationale, status, author_delegate_id, filed_at)
       SELECT gen_random_uuid(), 'MOC-2026-0999', 2026, 999, 'Sin registro', 'x', '', 'filed', author_delegate_id, now()
       FROM motions WHERE id = $1`,
      [motion.id],
    );
    const [inserted]: { id: string }[] = await api.dataSource.query(
      `SELECT id FROM motions WHERE number = 'MOC-2026-0999'`,
    );
    await expectNamed(`motion ${inserted!.id} is served but not in the record`);
    await tamper(`DELETE FROM motions WHERE id = $1`, [inserted!.id]);
    await expectOk();
  });
});
