import { verifyRecord, type RecordSource } from '#domain';
import { execFile } from 'node:child_process';
import { ServedFactsAuditor } from '../libs/domain/src/verification/served-facts-audit.js';
import { LedgerVerifier } from '../apps/api/src/ledger/ledger-verifier.js';
import { urlOf } from './support/live-client.js';
import { startTestApi, userWithRoles, type TestApi } from './support/test-api.js';
import { bearer, checkIn, openSession, seatDelegatesInBulk } from './support/assembly.js';

const cli = (url: string) =>
  new Promise<{ ms: number; out: string }>((resolve) => {
    const t = performance.now();
    execFile(
      process.execPath,
      ['dist/apps/api/src/verify.js', '--url', url],
      { encoding: 'utf8' },
      (_e, out) => resolve({ ms: performance.now() - t, out }),
    );
  });

describe('bench', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ ASAMBLEA_DEMO: 'true' });
    await api.app.listen(0, '127.0.0.1');
    if (process.env.SEED !== '1') return;
    const moderator = await userWithRoles(api, ['moderator']);
    const delegates = await seatDelegatesInBulk(api, 60);
    for (let i = 0; i < 300; i += 1) {
      const author = delegates[i % 60]!;
      const draft = await api
        .http()
        .post('/api/motions')
        .set(bearer(author))
        .send({
          title: `Moción de prueba número ${i}`,
          body: `Artículo 1. Texto ${i}.`,
          objectiveCodes: ['SOC-SALUD-O4'],
        })
        .expect(201);
      await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
      for (const d of [delegates[(i + 1) % 60]!, delegates[(i + 2) % 60]!])
        await api.http().post(`/api/motions/${draft.body.id}/cosponsors`).set(bearer(d)).expect(200);
    }
    for (let s = 0; s < 10; s += 1) {
      const sessionId = await openSession(api, moderator, `Sesión de prueba ${s}`);
      await checkIn(api, sessionId, delegates);
      for (let k = 0; k < 5; k += 1)
        await api
          .http()
          .post(`/api/sessions/${sessionId}/agenda`)
          .set(bearer(moderator))
          .send({ kind: 'topic', title: `Tema ${k}` })
          .expect(201);
      await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
    }
  }, 600_000);
  afterAll(() => api?.close());
  it('measures', async () => {
    const verifier = api.app.get(LedgerVerifier) as unknown as {
      source(v: Map<number, bigint>): RecordSource;
    };
    const SERVED = [
      'motionIds',
      'motion',
      'sessionIds',
      'sessionRecord',
      'sessionSnapshot',
      'compliance',
      'evidenceFile',
    ];
    const rows: string[] = [];
    for (let run = 0; run < 4; run += 1) {
      const base = verifier.source(new Map());
      let servedMs = 0;
      let calls = 0;
      const timed = Object.fromEntries(
        Object.entries(base).map(([k, fn]) => [
          k,
          SERVED.includes(k)
            ? async (...args: unknown[]) => {
                const t = performance.now();
                try {
                  return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
                } finally {
                  servedMs += performance.now() - t;
                  calls += 1;
                }
              }
            : fn,
        ]),
      ) as unknown as RecordSource;
      const t = performance.now();
      const verdict = await verifyRecord(timed);
      const total = performance.now() - t;
      // The replay alone (CPU), over the same events.
      const events = [];
      for (let after = 0; ;) {
        const page = await base.ledgerPage(after);
        events.push(...page.events);
        if (page.next === null) break;
        after = page.next;
      }
      const r = performance.now();
      const facts = new ServedFactsAuditor();
      for (const e of events) facts.add(e);
      const replay = performance.now() - r;
      const c = await cli(urlOf(api));
      rows.push(
        `run ${run}: ok=${verdict.ok} events=${verdict.checked} served=${JSON.stringify(verdict.served)} server total ${total.toFixed(0)} ms, served reads ${servedMs.toFixed(0)} ms in ${calls} calls, replay ${replay.toFixed(1)} ms; CLI ${c.ms.toFixed(0)} ms\n${c.out}`,
      );
    }
    process.stdout.write(rows.join('\n') + '\n');
  }, 300_000);
});
