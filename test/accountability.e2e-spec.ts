import { assemblyToday } from '#domain';
import { InstitutionEntity } from '#persistence';
import { createHmac } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { startWorker, type RunningWorker } from '../apps/worker/src/worker.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
  voteYesAndClose,
} from './support/assembly.js';
import { countRows, startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';
import { pdfText } from './support/pdf.js';
import { eventually, startReceiver } from './support/webhook-receiver.js';

const tomorrow = () => new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);

/** Issues a resolution binding DIRESA: a motion voted and adopted by 5 present delegates. */
async function issueResolution(
  api: TestApi,
  moderator: TestUser,
  title: string,
): Promise<{ number: string; sessionId: string }> {
  const delegates = await seatDelegatesInBulk(api, 5);
  const sessionId = await openSession(api, moderator, `Sesión para «${title}»`);
  const motion = await admittedMotion(api, delegates[0]!, moderator, {
    title,
    institutionCodes: ['DIRESA'],
    complianceDeadline: tomorrow(),
  });
  await debate(api, moderator, sessionId, motion.id);
  await checkIn(api, sessionId, delegates);
  const closed = await voteYesAndClose(api, moderator, sessionId, delegates.slice(0, 3));
  return { number: closed.resolutionNumber as string, sessionId };
}

describe('Accountability with Redis and the worker: documents, webhooks, compliance', () => {
  let api: TestApi;
  let worker: RunningWorker | null;
  let admin: TestUser;
  let moderator: TestUser;

  beforeAll(async () => {
    api = await startTestApi({
      COSPONSOR_THRESHOLD: '0',
      WEBHOOK_BACKOFF_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '3',
    });
    worker = await startWorker(api.config);
    admin = await userWithRoles(api, ['admin']);
    moderator = await userWithRoles(api, ['moderator']);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('issues a resolution → its PDF → a signed, retried webhook → overdue by the daily job; liaisons report only for their own institution', async () => {
    const receiver = await startReceiver({ '/diresa': [500, 200], '/broken': [503] });
    try {
      const hook = await api
        .http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({
          url: receiver.url('/diresa'),
          events: ['resolution.issued', 'compliance.overdue', 'deadline.approaching'],
        })
        .expect(201);
      expect(hook.body.secret).toMatch(/^[0-9a-f]{64}$/);
      const broken = await api
        .http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({ url: receiver.url('/broken'), events: ['resolution.issued'] })
        .expect(201);
      expect(
        (await api.http().get('/api/institutions/DIRESA/webhooks').set(bearer(admin)).expect(200)).body[0],
      ).not.toHaveProperty('secret');

      const { number, sessionId } = await issueResolution(
        api,
        moderator,
        'Ambulancias con seguimiento público',
      );
      expect(number).toMatch(/^RES-APR-\d{4}-0001$/);
      const resolution = (await api.http().get(`/api/resolutions/${number}`).expect(200)).body;

      // The worker renders the PDF: it holds the number and the digest.
      const text = await pdfText(api, `/api/resolutions/${number}.pdf`, { collapse: false });
      expect(text).toContain(number);
      expect(text).toContain(resolution.digest);
      expect(text).toContain('Dirección Regional de Salud');

      // The first delivery fails (500) and is retried with backoff; the second is accepted and signed.
      const issued = await eventually(async () => {
        const hooks = receiver.received.filter(
          (r) => r.path === '/diresa' && r.headers['x-asamblea-event'] === 'resolution.issued',
        );
        return hooks.length >= 2 ? hooks : null;
      });
      expect(issued).toHaveLength(2);
      const [first, second] = issued;
      expect(second!.headers['x-asamblea-delivery']).toBe(first!.headers['x-asamblea-delivery']);
      const timestamp = String(second!.headers['x-asamblea-timestamp']);
      const expected = `sha256=${createHmac('sha256', hook.body.secret).update(`${timestamp}.${second!.body}`).digest('hex')}`;
      expect(second!.headers['x-asamblea-signature']).toBe(expected);
      expect(JSON.parse(second!.body)).toMatchObject({
        type: 'resolution.issued',
        data: { number, digest: resolution.digest, institution: 'DIRESA' },
      });
      const delivered = await api
        .http()
        .get('/api/webhooks/deliveries?status=delivered')
        .set(bearer(admin))
        .expect(200);
      expect(delivered.body.find((d: { webhookId: string }) => d.webhookId === hook.body.id)).toMatchObject({
        attempts: 2,
      });

      // The endpoint that always fails ends on the dead-letter list after 3 attempts; a replay sends it again.
      const dead = await eventually(async () => {
        const list = await api
          .http()
          .get('/api/webhooks/deliveries?status=failed')
          .set(bearer(admin))
          .expect(200);
        return list.body.find((d: { webhookId: string }) => d.webhookId === broken.body.id);
      });
      expect(dead).toMatchObject({ attempts: 3, lastError: 'HTTP 503', eventType: 'resolution.issued' });
      receiver.script['/broken'] = [200];
      await api.http().post(`/api/webhooks/deliveries/${dead.id}/replay`).set(bearer(admin)).expect(202);
      await eventually(async () => {
        const list = await api
          .http()
          .get('/api/webhooks/deliveries?status=delivered')
          .set(bearer(admin))
          .expect(200);
        return list.body.find((d: { id: string }) => d.id === dead.id);
      });
      expect(
        (await api.http().post(`/api/webhooks/deliveries/${dead.id}/replay`).set(bearer(admin)).expect(409))
          .body.code,
      ).toBe('DELIVERY_NOT_FAILED');

      // Liaisons: their own institution only; the public and delegates cannot post.
      const diresa = await api.dataSource
        .getRepository(InstitutionEntity)
        .findOneByOrFail({ code: 'DIRESA' });
      const dra = await api.dataSource.getRepository(InstitutionEntity).findOneByOrFail({ code: 'DRA' });
      const liaison = await userWithRoles(api, ['liaison'], { institutionId: diresa.id });
      const otherLiaison = await userWithRoles(api, ['liaison'], { institutionId: dra.id });
      const delegate = await userWithRoles(api, ['delegate']);
      const report = {
        progress: 40,
        body: 'Dos ambulancias adquiridas; la tercera en licitación.',
        evidence: ['https://diresa.example.pe/acta-1.pdf'],
      };
      const reports = await countRows(api, 'compliance_reports');
      const post = (user: TestUser | null, body: object) => {
        const request = api.http().post(`/api/resolutions/${number}/compliance`);
        if (user) void request.set(bearer(user));
        return request.send(body);
      };
      expect((await post(otherLiaison, { ...report, institutionCode: 'DIRESA' }).expect(403)).body.code).toBe(
        'NOT_INSTITUTION_LIAISON',
      );
      expect((await post(otherLiaison, report).expect(422)).body.code).toBe('INSTITUTION_NOT_BOUND');
      expect((await post(null, report).expect(401)).body.code).toBe('AUTH_REQUIRED');
      expect((await post(delegate, report).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
      expect((await post(admin, report).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await post(liaison, { ...report, progress: 140 }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      expect(
        (await post(liaison, { ...report, evidence: ['javascript:alert(1)'] }).expect(400)).body.code,
      ).toBe('VALIDATION_FAILED');
      expect(await countRows(api, 'compliance_reports')).toBe(reports);
      const tracks = await post(liaison, report).expect(201);
      expect(tracks.body).toEqual([
        expect.objectContaining({
          institution: { code: 'DIRESA', name: expect.any(String) },
          status: 'in_progress',
          progress: 40,
          reports: [
            expect.objectContaining({
              progress: 40,
              body: report.body,
              evidence: report.evidence,
              receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
            }),
          ],
        }),
      ]);

      // The deadline passes unfulfilled; the daily job (scheduled by the worker) marks it overdue and tells DIRESA.
      const schedulers = await worker!.queues.get('compliance')!.getJobSchedulers();
      expect(schedulers.map((s) => s.key ?? s.id)).toContain('compliance.daily-sweep');
      const events = new QueueEvents('compliance', {
        connection: { url: api.config.redisUrl! },
        prefix: api.config.queuePrefix,
      });
      await events.waitUntilReady();
      // Closed whatever happens, so a failed expectation does not keep jest from exiting.
      try {
        // Tomorrow's deadline is near: one warning, only once.
        const warn = await worker!.queues.get('compliance')!.add('compliance.daily-sweep', {});
        expect(await warn.waitUntilFinished(events, 15_000)).toEqual({ overdue: 0, approaching: 1 });
        const warning = await eventually(async () =>
          receiver.received.find(
            (r) => r.path === '/diresa' && r.headers['x-asamblea-event'] === 'deadline.approaching',
          ),
        );
        expect(JSON.parse(warning.body).data).toMatchObject({
          resolutionNumber: number,
          deadline: tomorrow(),
        });
        // Yesterday in Cajamarca, the sweep's calendar (the database's current_date is UTC's).
        await api.dataSource.query(`UPDATE compliance SET deadline = $1::date - 1`, [assemblyToday()]);
        const job = await worker!.queues.get('compliance')!.add('compliance.daily-sweep', {});
        expect(await job.waitUntilFinished(events, 15_000)).toEqual({ overdue: 1, approaching: 0 });
        const again = await worker!.queues.get('compliance')!.add('compliance.daily-sweep', {});
        expect(await again.waitUntilFinished(events, 15_000)).toEqual({ overdue: 0, approaching: 0 });
      } finally {
        await events.close();
      }
      const overdue = await api.http().get(`/api/resolutions/${number}/compliance`).expect(200);
      expect(overdue.body[0]).toMatchObject({ status: 'overdue', progress: 40 });
      const listed = async (query: string) =>
        (await api.http().get(`/api/resolutions?${query}`).expect(200)).body.items.map(
          (r: { number: string }) => r.number,
        );
      expect(await listed('status=overdue')).toEqual([number]);
      expect(await listed('status=pending')).toEqual([]);
      expect(await listed('dimension=SOC&theme=SOC-SALUD&institution=DIRESA')).toEqual([number]);
      expect(await listed('dimension=ECO')).toEqual([]);
      expect((await api.http().get(`/api/resolutions/${number}`).expect(200)).body.compliance).toEqual({
        DIRESA: 'overdue',
      });
      expect((await api.http().get('/api/resolutions?status=late').expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      const told = await eventually(async () =>
        receiver.received.find(
          (r) => r.path === '/diresa' && r.headers['x-asamblea-event'] === 'compliance.overdue',
        ),
      );
      expect(JSON.parse(told.body).data).toMatchObject({
        resolutionNumber: number,
        institutionCode: 'DIRESA',
        status: 'overdue',
      });
      const record = await api.http().get('/api/ledger?limit=5000').expect(200);
      expect(
        record.body.events.filter((e: { type: string }) => e.type === 'compliance.overdue'),
      ).toHaveLength(1);

      // The Atom feed and the CSV export show it.
      const feed = await api.http().get('/api/feeds/compliance.atom').expect(200);
      expect(feed.headers['content-type']).toMatch(/application\/atom\+xml/);
      expect(feed.text).toContain(number);
      expect(feed.text).toMatch(/overdue|vencid/i);
      const csv = await api.http().get('/api/open-data/compliance.csv').expect(200);
      expect(csv.text).toMatch(new RegExp(`${number}.*DIRESA.*overdue`));

      // A late report keeps it overdue; fulfilment (100 %) ends it; nothing after that.
      expect((await post(liaison, { ...report, progress: 80 }).expect(201)).body[0].status).toBe('overdue');
      expect(
        (await post(liaison, { ...report, progress: 90, status: 'fulfilled' }).expect(422)).body.code,
      ).toBe('FULFILLED_NEEDS_FULL_PROGRESS');
      expect(
        (
          await post(admin, {
            ...report,
            institutionCode: 'DIRESA',
            progress: 100,
            status: 'fulfilled',
          }).expect(201)
        ).body[0],
      ).toMatchObject({
        status: 'fulfilled',
        fulfilledAt: expect.any(String),
      });
      expect((await post(liaison, report).expect(409)).body.code).toBe('COMPLIANCE_ALREADY_FULFILLED');

      // Closing the session produces its minutes.
      await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);
      const minutes = await pdfText(api, `/api/sessions/${sessionId}/minutes.pdf`, { collapse: false });
      expect(minutes).toContain('Acta de la sesión ordinaria SES-');
      expect(minutes).toContain(number);
      expect((await api.http().get('/api/ledger/verify').expect(200)).body.ok).toBe(true);
    } finally {
      await receiver.close();
    }
  }, 90_000);
});

describe('Accountability without Redis (embedded default): jobs run in the API process', () => {
  it('renders the PDF and delivers the webhook in-process, once', async () => {
    const api = await startTestApi({ COSPONSOR_THRESHOLD: '0', REDIS_URL: '', WEBHOOK_BACKOFF_MS: '100' });
    const receiver = await startReceiver({ '/hook': [500, 200] });
    try {
      const admin = await userWithRoles(api, ['admin']);
      const moderator = await userWithRoles(api, ['moderator']);
      await api
        .http()
        .post('/api/institutions/DIRESA/webhooks')
        .set(bearer(admin))
        .send({ url: receiver.url('/hook'), events: ['resolution.issued'] })
        .expect(201);
      const { number } = await issueResolution(api, moderator, 'Resolución sin Redis');
      expect(await pdfText(api, `/api/resolutions/${number}.pdf`, { collapse: false })).toContain(number);
      await eventually(async () => receiver.received.length >= 2 || null);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(receiver.received).toHaveLength(2);
      const [{ n }]: { n: number }[] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM job_outbox WHERE dispatched_at IS NULL`,
      );
      expect(n).toBe(0);
      const [stored]: { generated_at: Date }[] = await api.dataSource.query(
        `SELECT generated_at FROM documents WHERE subject = $1`,
        [number],
      );
      // Rendering again from the same source changes nothing.
      await api.dataSource.query(
        `INSERT INTO job_outbox (name, payload) VALUES ('documents.render-resolution', $1)`,
        [JSON.stringify({ number })],
      );
      await eventually(async () => {
        const [row]: { n: number }[] = await api.dataSource.query(
          `SELECT count(*)::int AS n FROM job_outbox WHERE dispatched_at IS NULL`,
        );
        return row!.n === 0;
      });
      const [after]: { generated_at: Date }[] = await api.dataSource.query(
        `SELECT generated_at FROM documents WHERE subject = $1`,
        [number],
      );
      expect(after!.generated_at).toEqual(stored!.generated_at);
    } finally {
      await receiver.close();
      await api.close();
    }
  }, 60_000);
});
