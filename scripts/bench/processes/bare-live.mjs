// The baseline of `npm run bench -- spectators`: a bare socket.io server (no Nest, no database) with a
// `/live` namespace whose `session.join` only joins the room. With BARE_REDIS_KEY it shares rooms
// through @socket.io/redis-adapter, as the API does with REDIS_URL.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const server = new Server(httpServer, { cors: { origin: true } });
const redis = [];
if (process.env.BARE_REDIS_KEY) {
  const publisher = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const subscriber = publisher.duplicate();
  redis.push(publisher, subscriber);
  server.adapter(createAdapter(publisher, subscriber, { key: process.env.BARE_REDIS_KEY }));
}
const live = server.of('/live');
live.on('connection', (socket) => {
  socket.on('session.join', ({ sessionId }, ack) => {
    socket.join(`session:${sessionId}`);
    ack({ ok: true });
  });
});

// Replays the API's events on the API's own schedule, stamping each with this server's emit time.
async function replay(events) {
  const started = performance.now();
  for (const { offsetMs, envelope } of events) {
    const wait = started + offsetMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    live
      .to(`session:${envelope.sessionId}`)
      .emit('session.event', { ...envelope, occurredAt: new Date().toISOString() });
  }
  return { replayed: events.length };
}

process.on('message', async (message) => {
  try {
    if (message.cmd === 'replay') process.send(await replay(message.events));
    else if (message.cmd === 'close') {
      server.close();
      await Promise.all(redis.map((client) => client.quit()));
      process.send({ ok: true });
      process.exit(0);
    }
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
});
process.on('SIGTERM', () => process.exit(0));
httpServer.listen(0, '127.0.0.1', () =>
  process.send({ url: `http://127.0.0.1:${httpServer.address().port}` }),
);
