import pg from 'pg';
import { PublicReadCache } from '../apps/api/src/common/cache/public-read-cache.js';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  openVote,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { startTestApi, userWithRoles, type TestApi, type TestUser } from './support/test-api.js';
import { eventually } from './support/webhook-receiver.js';

// The public reads of resolutions are answered from memory; these tests show that what they answer is
// never older than the last commit that another connection (the worker, another API process) made.
describe('cached public reads of resolutions', () => {
  let api: TestApi;
  let cache: PublicReadCache;
  let moderator: TestUser;
  let number: string;
  let voteId: string;
  let voter: string;
  let elsewhere: pg.Client;

  const statusIn = async (path: string): Promise<string> => {
    const body = (await api.http().get(path).expect(200)).body;
    const item = 'items' in body ? body.items.find((r: { number: string }) => r.number === number) : body;
    return item.compliance.DIRESA;
  };
  const setStatusElsewhere = (status: string) =>
    elsewhere.query(
      `UPDATE compliance SET status = $1 WHERE resolution_id = (SELECT id FROM resolutions WHERE number = $2)`,
      [status, number],
    );

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    cache = api.app.get(PublicReadCache);
    elsewhere = new pg.Client({ connectionString: api.databaseUrl });
    await elsewhere.connect();
    moderator = await userWithRoles(api, ['moderator']);
    const delegates = await seatDelegatesInBulk(api, 3);
    const sessionId = await openSession(api, moderator);
    const motion = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Agua segura para Chota',
      institutionCodes: ['DIRESA'],
      complianceDeadline: '2027-06-30',
    });
    await debate(api, moderator, sessionId, motion.id);
    await checkIn(api, sessionId, delegates);
    const vote = await openVote(api, moderator, sessionId);
    for (const d of delegates)
      await api
        .http()
        .post(`/api/votes/${vote.id}/ballots`)
        .set(bearer(d))
        .send({ choice: 'yes' })
        .expect(200);
    const closed = await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(200);
    number = closed.body.resolutionNumber;
    voteId = vote.id;
    voter = delegates[0]!.delegateId;
    await eventually(async () => cache.listening);
  }, 60_000);
  afterAll(async () => {
    await elsewhere.end();
    await api.close();
  });

  it('answers from memory, and shows a change committed by another connection once it commits', async () => {
    for (const path of ['/api/resolutions', `/api/resolutions/${number}`])
      expect(await statusIn(path)).toBe('pending');

    // Proof that the answers come from memory: a change that notifies no one is not seen.
    await elsewhere.query('ALTER TABLE compliance DISABLE TRIGGER compliance_public_record_changed');
    await setStatusElsewhere('in_progress');
    await elsewhere.query('ALTER TABLE compliance ENABLE TRIGGER compliance_public_record_changed');
    for (const path of ['/api/resolutions', `/api/resolutions/${number}`])
      expect(await statusIn(path)).toBe('pending');

    // A change inside an open transaction is not public yet; its commit is, in every cached answer.
    await elsewhere.query('BEGIN');
    await setStatusElsewhere('overdue');
    expect(await statusIn('/api/resolutions')).toBe('pending');
    await elsewhere.query('COMMIT');
    await eventually(async () => (await statusIn('/api/resolutions')) === 'overdue', 5000);
    expect(await statusIn(`/api/resolutions/${number}`)).toBe('overdue');
    expect(await statusIn('/api/resolutions?status=overdue')).toBe('overdue');
  });

  it('goes to the database while it cannot listen, and listens again by itself', async () => {
    expect(await statusIn('/api/resolutions')).toBe('overdue');
    await elsewhere.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'asamblea-read-cache' AND datname = current_database()`,
    );
    await eventually(async () => !cache.listening, 5000);
    // Not notified (the trigger is off), yet seen at once: nothing is served from memory now.
    await elsewhere.query('ALTER TABLE compliance DISABLE TRIGGER compliance_public_record_changed');
    await setStatusElsewhere('in_progress');
    await elsewhere.query('ALTER TABLE compliance ENABLE TRIGGER compliance_public_record_changed');
    expect(await statusIn('/api/resolutions')).toBe('in_progress');

    await eventually(async () => cache.listening, 10_000);
    expect(await statusIn('/api/resolutions')).toBe('in_progress');
    await setStatusElsewhere('overdue');
    await eventually(async () => (await statusIn('/api/resolutions')) === 'overdue', 5000);
  });

  it('lets whoever made a change through this process read it on the very next request', async () => {
    const liaison = await userWithRoles(api, ['liaison'], {
      institutionId: (await elsewhere.query(`SELECT id FROM institutions WHERE code = 'DIRESA'`)).rows[0].id,
    });
    await setStatusElsewhere('pending');
    await eventually(async () => (await statusIn(`/api/resolutions/${number}`)) === 'pending', 5000);
    await api
      .http()
      .post(`/api/resolutions/${number}/compliance`)
      .set(bearer(liaison))
      .send({ progress: 30, body: 'Primera etapa de la obra concluida.' })
      .expect(201);
    expect(await statusIn(`/api/resolutions/${number}`)).toBe('in_progress');
  });

  it('keeps a closed vote with its ballots, and drops it when a delegate in it is renamed', async () => {
    const nameOf = async () =>
      (await api.http().get(`/api/votes/${voteId}`).expect(200)).body.ballots.find(
        (b: { delegateId: string }) => b.delegateId === voter,
      ).name as string;
    const before = await nameOf();
    const rename = (name: string) =>
      elsewhere.query('UPDATE delegates SET full_name = $1 WHERE id = $2', [name, voter]);
    await elsewhere.query('ALTER TABLE delegates DISABLE TRIGGER delegates_public_record_changed');
    await rename('Nombre sin aviso');
    await elsewhere.query('ALTER TABLE delegates ENABLE TRIGGER delegates_public_record_changed');
    expect(await nameOf()).toBe(before);
    await rename('Rosa Elvira Chuquilín');
    await eventually(async () => (await nameOf()) === 'Rosa Elvira Chuquilín', 5000);
  });
});
