import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpLogger, PinoNestLogger } from './pino-logger.js';

function capture(level: string): { logger: PinoNestLogger; lines: () => { level: number; msg: string }[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const root = pino({ level }, stream);
  return {
    logger: new PinoNestLogger(root),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string }),
  };
}

describe('PinoNestLogger', () => {
  it("sends Nest's start-up chatter (modules, routes, socket events) to debug, other messages to info", () => {
    const { logger, lines } = capture('info');
    logger.log('AuthModule dependencies initialized', 'InstanceLoader');
    logger.log('AuthController {/api/auth}:', 'RoutesResolver');
    logger.log('Mapped {/api/auth/login, POST} route', 'RouterExplorer');
    logger.log('LiveGateway subscribed to the "session.join" message', 'WebSocketsController');
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('Applied migrations: X', 'Bootstrap');
    expect(lines().map((line) => line.msg)).toEqual(['Applied migrations: X']);
  });

  it('still shows the chatter at debug level', () => {
    const { logger, lines } = capture('debug');
    logger.log('Mapped {/api/auth/login, POST} route', 'RouterExplorer');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 20, msg: 'Mapped {/api/auth/login, POST} route' }),
    ]);
  });
});

describe('httpLogger', () => {
  function serve(level: string) {
    const chunks: string[] = [];
    const root = pino(
      { level },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk.toString());
          done();
        },
      }),
    );
    const middleware = httpLogger(root);
    const server: Server = createServer((request, response) =>
      middleware(request, response, () => {
        response.statusCode = request.url === '/missing' ? 404 : request.url === '/broken' ? 500 : 200;
        response.end('{}');
      }),
    );
    return new Promise<{
      get: (path: string, headers?: Record<string, string>) => Promise<Response>;
      lines: () => Record<string, unknown>[];
      close: () => void;
    }>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve({
          get: (path, headers = {}) => fetch(`${base}${path}`, { headers }),
          lines: () =>
            chunks
              .join('')
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line) as Record<string, unknown>),
          close: () => server.close(),
        });
      }),
    );
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('writes one line per request with its id, method, url and status, at the level the status asks', async () => {
    const http = await serve('info');
    try {
      const kept = await http.get('/api/motions?q=1', { 'x-request-id': 'trace-abc.123' });
      expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
      const replaced = await http.get('/missing', { 'x-request-id': 'no spaces allowed' });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await http.get('/broken');
      await http.get('/api/health');
      await settle();
      expect(http.lines().map(({ level, msg, req, res }) => ({ level, msg, req, res }))).toEqual([
        {
          level: 30,
          msg: 'request completed',
          req: expect.objectContaining({ id: 'trace-abc.123', method: 'GET', url: '/api/motions?q=1' }),
          res: { statusCode: 200 },
        },
        {
          level: 40,
          msg: 'request completed',
          req: expect.objectContaining({ id: replaced.headers.get('x-request-id'), url: '/missing' }),
          res: { statusCode: 404 },
        },
        {
          level: 50,
          msg: 'request errored',
          req: expect.objectContaining({ url: '/broken' }),
          res: { statusCode: 500 },
        },
      ]);
      expect(http.lines()[0]).toHaveProperty('responseTime', expect.any(Number));
      expect(JSON.stringify(http.lines())).not.toContain('headers');
    } finally {
      http.close();
    }
  });

  it('writes nothing below its level', async () => {
    const http = await serve('warn');
    try {
      await http.get('/api/motions');
      await http.get('/missing');
      await settle();
      expect(http.lines().map((line) => line.res)).toEqual([{ statusCode: 404 }]);
    } finally {
      http.close();
    }
  });
});
