import type { LiveAck } from '#contracts';
import { connect, urlOf, type Client } from './support/live-client.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/** HTTP bodies are checked in http-basics.e2e-spec.ts; socket.io parses event payloads itself. */
describe('Socket event payloads: the JSON nesting limit of HTTP bodies', () => {
  let api: TestApi;
  let socket: Client;
  const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
  const emit = (event: 'ballot.cast' | 'session.join', body: unknown) =>
    socket.timeout(5000).emitWithAck(event, body as never) as Promise<LiveAck>;

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    socket = await connect(urlOf(api));
  });
  afterAll(async () => {
    socket?.disconnect();
    await api.close();
  });

  it('refuses a ballot payload nested 1,000 levels deep with JSON_TOO_DEEP, and handles 60 levels', async () => {
    const deep = await emit('ballot.cast', { voteId: nested(1000), choice: 'yes' });
    expect(deep).toEqual({
      ok: false,
      error: {
        code: 'JSON_TOO_DEEP',
        message: 'El cuerpo de la solicitud anida objetos o listas en más de 64 niveles.',
      },
    });
    // 60 levels reach the DTO's rules like any other bad payload.
    const shallow = await emit('ballot.cast', { voteId: nested(59), choice: 'yes' });
    expect(shallow.ok).toBe(false);
    expect(shallow.error?.code).toBe('VALIDATION_FAILED');
    // Joining reads one field: a deep payload is an ordinary refusal, and the socket stays usable.
    const join = await emit('session.join', { sessionId: nested(1000) });
    expect(join.error?.code).toBe('VALIDATION_FAILED');
    expect(socket.connected).toBe(true);
  });
});
