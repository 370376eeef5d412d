import type {
  ClientToServerEvents,
  LiveAck,
  LiveEnvelope,
  ServerToClientEvents,
  SessionSnapshot,
} from '#contracts';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { TestApi } from './test-api.js';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export const urlOf = (api: TestApi) =>
  `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;

export function connect(url: string, token?: string): Promise<Client> {
  const socket: Client = io(`${url}/live`, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

export function join(socket: Client, sessionId: unknown): Promise<LiveAck<SessionSnapshot>> {
  return socket.timeout(5000).emitWithAck('session.join', { sessionId } as { sessionId: string });
}

/** Collects session events and resolves once `count` have arrived. */
export function collect(socket: Client) {
  const events: LiveEnvelope[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  socket.on('session.event', (event) => {
    events.push(event);
    for (const waiter of waiters.filter((w) => events.length >= w.count)) waiter.resolve();
  });
  return {
    events,
    until: (count: number, ms = 5000) =>
      new Promise<LiveEnvelope[]>((resolve, reject) => {
        if (events.length >= count) return resolve(events);
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `only ${events.length} of ${count} events: ${JSON.stringify(events.map((e) => e.type))}`,
              ),
            ),
          ms,
        );
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(events)) });
      }),
  };
}

/**
 * Resolves with the code the server gave (`auth.ended`) once it has also disconnected the socket;
 * rejects if that has not happened within `ms`.
 */
export function authEnded(socket: Client, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let code: string | null = null;
    const timer = setTimeout(() => reject(new Error(`not disconnected within ${ms} ms (told: ${code})`)), ms);
    socket.once('auth.ended', (ended) => (code = ended.code));
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (code && reason === 'io server disconnect') resolve(code);
      else reject(new Error(`disconnected (${reason}) having been told ${code}`));
    });
  });
}
