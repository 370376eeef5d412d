// Shared by the benchmarks: the admin connection, the measuring loop, the API as its own process and
// the assembly every scenario needs (seated delegates, a moderator, an open vote).
import { JwtService } from '@nestjs/jwt';
import { fork, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ADMIN_URL =
  process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on the admin server, dropped (even with connections left) by `drop()`. */
export async function createDatabase(label) {
  const name = `asamblea_bench_${label}_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // BENCH_KEEP_DATABASE=1 keeps it for a look afterwards (EXPLAIN ANALYZE on what the run wrote).
  const drop = () =>
    process.env.BENCH_KEEP_DATABASE === '1'
      ? (console.log(`kept database ${name}`), Promise.resolve())
      : admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  return { name, url: url.toString(), drop };
}

export const percentile = (sorted, p) =>
  sorted.length === 0
    ? null
    : Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));

/** Runs task(i) for i < total with `inFlight` at once: rate per second and latency percentiles (ms). */
export async function measure(total, inFlight, task) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: Number((total / seconds).toFixed(1)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    seconds: Number(seconds.toFixed(2)),
  };
}

/** The environment the API gets in every scenario: its own database, secret and data directory. */
export function apiEnv({ databaseUrl, secret, ...extra }) {
  return {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: secret,
    // Every process of a scenario seals and opens secrets with the same key.
    SECRETS_KEY: createHash('sha256').update(secret).digest('base64'),
    PORT: '0',
    LOG_LEVEL: 'warn',
    COSPONSOR_THRESHOLD: '0',
    ASAMBLEA_DEMO: 'false',
    // The seeded moderator signs in with a token, not a login: no second factor is measured here.
    SECOND_FACTOR_ROLES: '',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-bench-')),
    ...extra,
  };
}

/**
 * Starts dist/apps/api/src/main.js as its own process, as in production. With BENCH_CPU_PROF=<dir> the
 * API writes a V8 CPU profile there when it exits.
 */
export function startApi(env) {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, 'dist/apps/api/src/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      for (const l of chunk.toString().split('\n')) if (l.includes('TRACE')) console.log(l);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`API exited ${code}:\n${output}`)));
  });
}

export async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Forks a helper process under scripts/bench/processes and waits for its first message. */
export function forkHelper(name, env = {}) {
  const child = fork(new URL(`./processes/${name}.mjs`, import.meta.url), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${name} exited ${code} before it was ready`)));
  });
  return { child, ready, request: (message) => request(child, message) };
}

/** Sends a command to a helper process and resolves with its answer (one command in flight per helper). */
function request(child, message) {
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`helper exited ${code} during ${message.cmd}`));
    child.once('exit', onExit);
    child.once('message', (answer) => {
      child.off('exit', onExit);
      if (answer?.error) reject(new Error(answer.error));
      else resolve(answer);
    });
    child.send(message);
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system) of a process in ms, from /proc (Linux). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU time of every PostgreSQL process on this machine in ms (the server the bench talks to). */
export function postgresCpuMs() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(entry);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * Runs `work` and answers the CPU it cost each side, in ms: the API process, PostgreSQL (all its
 * processes; backends that exit meanwhile are missed) and this load generator.
 */
export async function cpuDuring(apiPid, work) {
  const before = { api: apiPid ? cpuMs(apiPid) : 0, pg: postgresCpuMs(), bench: process.cpuUsage() };
  const result = await work();
  const bench = process.cpuUsage(before.bench);
  return {
    result,
    cpu: {
      apiMs: apiPid ? cpuMs(apiPid) - before.api : null,
      postgresMs: postgresCpuMs() - before.pg,
      benchMs: Math.round((bench.user + bench.system) / 1000),
    },
  };
}

/** Resident memory of a process in KiB (Linux). */
export function residentKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)[1]);
}

export function writeFigures(name, result) {
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(`bench-results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`figures: bench-results/${name}.json`);
}

/** JSON over fetch with a bearer token; a non-2xx answer throws with the API's error body. */
export function apiCaller(baseUrl, maxSockets = 100) {
  // node:http over keep-alive sockets: the load generator shares the 2 cores with what it measures, and
  // fetch costs it several times more CPU per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return (method, path, bearer, body) =>
    new Promise((resolve, reject) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const request = http.request(
        `${baseUrl}${path}`,
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode >= 300)
              reject(new Error(`${method} ${path}: ${response.statusCode} ${text}`));
            else resolve(text ? JSON.parse(text) : null);
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
}

/**
 * A cheap GET for read benchmarks: node:http over keep-alive sockets, so the load generator spends
 * less of the shared CPU than fetch would. Resolves with the body's length.
 */
export function httpGetter(maxSockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const get = (url) =>
    new Promise((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          let length = 0;
          response.on('data', (chunk) => (length += chunk.length));
          response.on('end', () =>
            response.statusCode === 200
              ? resolve(length)
              : reject(new Error(`GET ${url}: ${response.statusCode}`)),
          );
          response.on('error', reject);
        })
        .on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

/** Access tokens as the API issues them (naming their session), signed with the API's secret. */
export function tokenSigner(secret) {
  const jwt = new JwtService({ secret });
  return (sub, sid) =>
    jwt.signAsync({ sub, typ: 'access', sid }, { expiresIn: 3600, issuer: 'asamblea', algorithm: 'HS256' });
}

/** A session (refresh-token family) for each account, as a login opens one; their ids, in order. */
export async function seedSessions(db, userIds) {
  const { rows } = await db.query(
    `INSERT INTO refresh_tokens (user_id, family_id, secret_hash, expires_at)
     SELECT u, gen_random_uuid(), '\\x00', now() + interval '1 day' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(u, i)
     ORDER BY i RETURNING user_id, family_id`,
    [userIds],
  );
  const byUser = new Map(rows.map((row) => [row.user_id, row.family_id]));
  return userIds.map((id) => byUser.get(id));
}

/**
 * `count` seated delegates with accounts (spread over the constituencies) and a moderator, written
 * with SQL because accounts are not what is measured. Returns their ids and tokens.
 */
export async function seedAssembly(db, secret, count) {
  const token = tokenSigner(secret);
  const { rows: delegates } = await db.query(
    `WITH u AS (
       INSERT INTO users (email, display_name, roles)
       SELECT 'bench' || n || '@asamblea.local', 'Delegado ' || n, '{delegate}' FROM generate_series(1, $1) n
       RETURNING id, display_name),
     p AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM constituencies),
     n AS (SELECT u.*, row_number() OVER () AS i FROM u)
     INSERT INTO delegates (full_name, document_id, constituency_code, term_start, term_end, user_id)
     SELECT n.display_name, 'B' || lpad(n.i::text, 9, '0'), p.code, '2026-01-01', '2099-12-31', n.id
     FROM n JOIN p ON p.k = n.i % p.total
     RETURNING id, user_id`,
    [count],
  );
  const {
    rows: [moderator],
  } = await db.query(
    `INSERT INTO users (email, display_name, roles) VALUES ('mesa@asamblea.local', 'Mesa', '{moderator}') RETURNING id`,
  );
  const ids = [...delegates.map((d) => d.user_id), moderator.id];
  const sessions = await seedSessions(db, ids);
  const tokens = await Promise.all(ids.map((id, i) => token(id, sessions[i])));
  return { delegates, tokens: tokens.slice(0, -1), moderatorToken: tokens.at(-1) };
}

/** An open session with every delegate present (attendance written with SQL, as for the accounts). */
export async function openSession(call, db, assembly, title = 'Sesión de la prueba de carga') {
  const session = await call('POST', '/api/sessions', assembly.moderatorToken, {
    kind: 'ordinary',
    title,
    scheduledAt: new Date().toISOString(),
    place: 'Cajamarca',
  });
  const sessionId = session.session.id;
  await call('POST', `/api/sessions/${sessionId}/open`, assembly.moderatorToken);
  await db.query(
    `INSERT INTO attendance (session_id, delegate_id, present, recorded_by) SELECT $1, unnest($2::uuid[]), true, 'moderator'`,
    [sessionId, assembly.delegates.map((d) => d.id)],
  );
  return sessionId;
}

/**
 * Files and admits a motion, puts it on the session's agenda, starts the item and opens a vote on it.
 * Returns the vote as the API answered.
 */
export async function openMotionVote(call, assembly, sessionId, motion, author = 0) {
  const moderator = assembly.moderatorToken;
  const created = await call('POST', '/api/motions', assembly.tokens[author], motion);
  await call('POST', `/api/motions/${created.id}/file`, assembly.tokens[author]);
  await call('POST', `/api/motions/${created.id}/admit`, moderator);
  const { agenda } = await call('POST', `/api/sessions/${sessionId}/agenda`, moderator, {
    kind: 'motion',
    motionId: created.id,
  });
  const item = agenda.find((i) => i.motionId === created.id);
  await call('POST', `/api/sessions/${sessionId}/agenda/${item.id}/start`, moderator);
  return call('POST', `/api/sessions/${sessionId}/votes`, moderator, { rule: 'simple' });
}

export const BENCH_MOTION = {
  title: 'Moción de la prueba de carga',
  body: 'Artículo único.',
  objectiveCodes: ['SOC-SALUD-O4'],
};

/**
 * Appends `count` account facts to the record straight in SQL, in batches of 1,000 (the chain trigger still
 * checks every link): events that no audit needs a served row for, so a verification's figure is the chain
 * and the audits themselves.
 */
export async function appendAccountEvents(db, sealEvent, count) {
  const BATCH = 1000;
  const head = (await db.query('SELECT sequence, hash FROM ledger_events ORDER BY sequence DESC LIMIT 1'))
    .rows[0];
  let sequence = Number(head.sequence);
  let previous = head.hash;
  for (let done = 0; done < count; done += BATCH) {
    const rows = [];
    for (let i = 0; i < Math.min(BATCH, count - done); i += 1) {
      sequence += 1;
      const userId = randomUUID();
      const sealed = sealEvent(
        {
          sequence,
          type: 'account.status_changed',
          subject: `account:${userId}`,
          payload: { userId, active: sequence % 2 === 0 },
          actor: null,
          occurredAt: new Date().toISOString(),
        },
        previous,
      );
      previous = sealed.hash;
      rows.push(sealed);
    }
    await db.query(
      `INSERT INTO ledger_events (sequence, type, subject, payload, payload_hash, previous_hash, hash, actor, occurred_at)
       VALUES ${rows.map((_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`).join(', ')}`,
      rows.flatMap((e) => [
        e.sequence,
        e.type,
        e.subject,
        JSON.stringify(e.payload),
        e.payloadHash,
        e.previousHash,
        e.hash,
        e.actor,
        e.occurredAt,
      ]),
    );
  }
}
