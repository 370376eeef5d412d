// `npm run bench -- spectators-two`: the spectators scenario on two API processes sharing rooms
// through Redis, against two bare socket.io servers with the Redis adapter.
process.env.BENCH_PROCESSES = '2';
await import('./spectators.mjs');
