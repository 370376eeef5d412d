import { pino } from 'pino';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './pino-logger.js';

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
