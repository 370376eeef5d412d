import type { LiveAck } from '#contracts';
import { admittedMotion, checkIn, debate, openSession } from './support/assembly.js';
import { connect, urlOf, type Client } from './support/live-client.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

/**
 * The same database failure answers the same code over HTTP (POST /api/users, inserting into `users`)
 * and in a socket ack (floor.request, inserting into `speaker_requests`). Services check what they
 * know, so the failures are provoked in PostgreSQL itself: a unique index they do not know about, and
 * a trigger raising a chosen SQLSTATE.
 */
describe('Failure classification: HTTP and socket acks agree', () => {
  let api: TestApi;
  let admin: TestUser;
  let waiting: SeatedDelegate;
  let asking: SeatedDelegate;
  let sessionId: string;
  const sockets: Client[] = [];
  let emails = 0;

  const createUser = (displayName: string, language = 'es') =>
    api
      .http()
      .post('/api/users')
      .set({ Authorization: `Bearer ${admin.token}`, 'Accept-Language': language })
      .send({ email: `clasificada-${(emails += 1)}@prueba.pe`, displayName, roles: [] });
  const requestFloor = (socket: Client) =>
    socket.timeout(5000).emitWithAck('floor.request', { sessionId, stance: 'pro' }) as Promise<
      LiveAck<{ requestId: string }>
    >;
  const counts = async () => ({
    users: await countRows(api, 'users'),
    speakerRequests: await countRows(api, 'speaker_requests'),
    ledger: await countRows(api, 'ledger_events'),
    outbox: await countRows(api, 'outbox'),
  });

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    admin = await userWithRoles(api, ['admin']);
    const moderator = await userWithRoles(api, ['moderator']);
    [waiting, asking] = [await seatDelegate(api), await seatDelegate(api)];
    const motion = await admittedMotion(api, waiting, moderator);
    sessionId = await openSession(api, moderator);
    await checkIn(api, sessionId, [waiting, asking]);
    await debate(api, moderator, sessionId, motion.id);
    await api.dataSource.query(
      `CREATE FUNCTION failure_test_raise() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'injected by the test' USING ERRCODE = TG_ARGV[0]; END $$`,
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await api.close();
  });

  async function delegateSocket(delegate: SeatedDelegate): Promise<Client> {
    const socket = await connect(urlOf(api), delegate.token);
    sockets.push(socket);
    return socket;
  }

  it('a unique violation answers 409 CONFLICT over HTTP and CONFLICT in the ack, changing nothing', async () => {
    await api.dataSource.query(`CREATE UNIQUE INDEX failure_test_one_name_idx ON users (display_name)`);
    await api.dataSource.query(
      `CREATE UNIQUE INDEX failure_test_one_waiting_idx ON speaker_requests (item_id) WHERE status = 'waiting'`,
    );
    try {
      await createUser('Nombre repetido').expect(201);
      const first = await requestFloor(await delegateSocket(waiting));
      expect(first.ok).toBe(true);
      const before = await counts();

      const es = await createUser('Nombre repetido').expect(409);
      expect(es.body).toEqual({
        statusCode: 409,
        code: 'CONFLICT',
        message: 'Ya existe algo con esos mismos datos; no se guardó ningún cambio.',
        details: { constraint: 'failure_test_one_name_idx' },
      });
      const en = await createUser('Nombre repetido', 'en').expect(409);
      expect(en.body).toMatchObject({
        code: 'CONFLICT',
        message: 'Something with the same details already exists; no change was saved.',
      });
      expect(await requestFloor(await delegateSocket(asking))).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: es.body.message },
      });
      expect(await counts()).toEqual(before);
    } finally {
      await api.dataSource.query(`DROP INDEX failure_test_one_name_idx`);
      await api.dataSource.query(`DROP INDEX failure_test_one_waiting_idx`);
    }
  });

  it.each([
    ['40P01', 'a deadlock', 503, 'SERVICE_UNAVAILABLE'],
    ['40001', 'a serialization failure', 503, 'SERVICE_UNAVAILABLE'],
    ['23514', 'a check violation', 400, 'VALIDATION_FAILED'],
    ['57014', 'a cancelled statement', 503, 'DATABASE_UNAVAILABLE'],
    ['XX000', 'an internal error', 500, 'INTERNAL_ERROR'],
  ])(
    'SQLSTATE %s (%s) answers %i %s over HTTP and the same code in the ack',
    async (sqlState, _name, status, code) => {
      for (const table of ['users', 'speaker_requests'])
        await api.dataSource.query(
          `CREATE TRIGGER failure_test_raise BEFORE INSERT ON ${table}
         FOR EACH ROW EXECUTE FUNCTION failure_test_raise('${sqlState}')`,
        );
      try {
        const before = await counts();
        const http = await createUser('Cuenta nueva').expect(status);
        expect(http.body).toMatchObject({ statusCode: status, code });
        expect(await requestFloor(await delegateSocket(asking))).toEqual({
          ok: false,
          error: { code, message: http.body.message },
        });
        expect(await counts()).toEqual(before);
      } finally {
        for (const table of ['users', 'speaker_requests'])
          await api.dataSource.query(`DROP TRIGGER failure_test_raise ON ${table}`);
      }
    },
  );
});
