import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { seatDelegate, startTestApi, type TestApi, type TestUser } from './support/test-api.js';

const MOTION = {
  title: 'Registro público de prueba',
  body: 'Artículo único.',
  objectiveCodes: ['INS-PARTICIPACION-O1'],
};

/** Runs the verification command against this process's server (asynchronously: the server must keep answering). */
function verifyCommand(url: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/apps/api/src/verify.js', '--url', url],
      { encoding: 'utf8', timeout: 30_000 },
      (error, stdout) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

describe('The public record: append-only, paged, verifiable, tamper-evident', () => {
  let api: TestApi;
  let delegate: TestUser;
  let url: string;

  async function fileOne(title: string): Promise<void> {
    const draft = await api
      .http()
      .post('/api/motions')
      .set('Authorization', `Bearer ${delegate.token}`)
      .send({ ...MOTION, title })
      .expect(201);
    await api
      .http()
      .post(`/api/motions/${draft.body.id}/file`)
      .set('Authorization', `Bearer ${delegate.token}`)
      .expect(200);
  }

  beforeAll(async () => {
    api = await startTestApi();
    delegate = await seatDelegate(api);
    // The first start records version 1 of the reglamento (event 1) and the key that signs checkpoints (2);
    // seating the delegate records four facts of their account (3 to 6: created, seated, code issued,
    // password set); six motions make 7 to 12.
    for (let i = 0; i < 6; i += 1) await fileOne(`Moción del registro ${i}`);
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => api.close());

  it('pages through the record publicly, in order, each event linked to the previous one', async () => {
    const first = await api.http().get('/api/ledger?limit=3').expect(200);
    expect(first.body.events.map((e: { sequence: number }) => e.sequence)).toEqual([1, 2, 3]);
    expect(first.body.events[0].previousHash).toBe('0'.repeat(64));
    expect(first.body.events[0]).toMatchObject({ type: 'rules.changed', subject: 'rules:1', actor: null });
    expect(first.body.events[1].previousHash).toBe(first.body.events[0].hash);
    expect(first.body.next).toBe(3);
    const rest = await api.http().get('/api/ledger?after=4&limit=100').expect(200);
    expect(rest.body.events.map((e: { sequence: number }) => e.sequence)).toEqual([
      5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(rest.body.next).toBeNull();
    expect(rest.body.events[0]).toMatchObject({
      type: 'account.enrolment_issued',
      subject: `account:${delegate.id}`,
    });
    expect(rest.body.events[2]).toMatchObject({
      type: 'motion.filed',
      actor: `user:${delegate.id}`,
      payload: { title: 'Moción del registro 0' },
    });
    expect((await api.http().get('/api/ledger?after=-1').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await api.http().get('/api/ledger?limit=abc').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('verifies the whole chain, over HTTP and with the project command', async () => {
    expect((await api.http().get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: true,
      checked: 12,
      lastSequence: 12,
    });
    const command = await verifyCommand(url);
    expect(command.status).toBe(0);
    expect(command.stdout).toMatch(/^OK: 12 events verified; head 12 [0-9a-f]{64}$/m);
  });

  it('refuses UPDATE, DELETE and TRUNCATE even from a superuser session, and inserts that do not extend the chain', async () => {
    const code = async (sql: string) => {
      try {
        await api.dataSource.query(sql);
        return 'ok';
      } catch (error) {
        return (error as { driverError?: { code?: string } }).driverError?.code;
      }
    };
    expect(await code(`UPDATE ledger_events SET payload = '{}' WHERE sequence = 2`)).toBe('42501');
    expect(await code(`DELETE FROM ledger_events WHERE sequence = 7`)).toBe('42501');
    expect(await code(`TRUNCATE ledger_events CASCADE`)).toBe('42501');
    expect(await code(`TRUNCATE ledger_events`)).toBe('0A000'); // ballots' receipts reference it
    expect(
      await code(`INSERT INTO ledger_events (sequence, type, subject, payload, payload_hash, previous_hash, hash, actor, occurred_at)
                  VALUES (9, 'motion.filed', 'x', '{}', repeat('a', 64), repeat('b', 64), repeat('c', 64), NULL, now())`),
    ).toBe('23514');
    expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
  });

  it('names the altered event as the first broken link when a superuser bypasses the guard', async () => {
    await api.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`); // disables the triggers for this transaction
      await m.query(
        `UPDATE ledger_events SET payload = jsonb_set(payload, '{title}', '"Texto alterado"') WHERE sequence = 4`,
      );
    });
    const verdict = await api.http().get('/api/ledger/verify').expect(200);
    expect(verdict.body).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { sequence: 4, problem: 'payload_hash_mismatch' },
    });
    const command = await verifyCommand(url);
    expect(command.status).toBe(1);
    expect(command.stdout).toContain('BROKEN: event 4 (payload_hash_mismatch); 3 events before it verified');
  });
});
