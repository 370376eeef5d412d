// `npm run bench -- spectators-two`: the spectators scenario on two API processes sharing rooms
// through Redis, against two bare socket.io servers with the Redis adapter: 10,000 spectators by
// default, half on each process, their clients in two processes of their own.
process.env.BENCH_PROCESSES = '2';
process.env.BENCH_SPECTATORS ??= '10000';
process.env.BENCH_CLIENT_PROCESSES ??= '2';
await import('./spectators.mjs');
