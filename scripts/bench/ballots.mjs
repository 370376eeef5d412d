// Ballot burst: N entitled delegates each cast one ballot over HTTP with C in flight, against the raw
// rate of single-row INSERT+COMMIT through `pg` with the same concurrency and pool size, same run.
// The API runs as its own process (dist/apps/api/src/main.js), as in production.
import { JwtService } from '@nestjs/jwt';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { admin, ADMIN_URL, measure } from './support.mjs';

const DELEGATES = Number(process.env.BENCH_DELEGATES ?? 500);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 100);
const POOL = 10; // the API's pool size (libs/persistence data-source.ts)

function startApi(env) {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`API exited ${code}:\n${output}`)));
  });
}

const name = `asamblea_bench_ballots_${Date.now()}`;
await admin(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const secret = randomBytes(32).toString('hex');
let api;
const db = new pg.Pool({ connectionString: url.toString(), max: POOL });
try {
  api = await startApi({
    DATABASE_URL: url.toString(),
    JWT_SECRET: secret,
    PORT: '0',
    LOG_LEVEL: 'warn',
    COSPONSOR_THRESHOLD: '0',
    ASAMBLEA_DEMO: 'false',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'asamblea-bench-')),
  });
  const jwt = new JwtService({ secret });
  const token = (sub) =>
    jwt.signAsync({ sub, typ: 'access' }, { expiresIn: 3600, issuer: 'asamblea', algorithm: 'HS256' });
  const call = async (method, path, bearer, body) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  // The assembly: DELEGATES seated delegates with accounts, a moderator, an admitted motion in debate.
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
    [DELEGATES],
  );
  const {
    rows: [moderator],
  } = await db.query(
    `INSERT INTO users (email, display_name, roles) VALUES ('mesa@asamblea.local', 'Mesa', '{moderator}') RETURNING id`,
  );
  const moderatorToken = await token(moderator.id);
  const tokens = await Promise.all(delegates.map((d) => token(d.user_id)));
  const motion = await call('POST', '/api/motions', tokens[0], {
    title: 'Moción de la prueba de carga',
    body: 'Artículo único.',
    objectiveCodes: ['SOC-SALUD-O4'],
  });
  await call('POST', `/api/motions/${motion.id}/file`, tokens[0]);
  await call('POST', `/api/motions/${motion.id}/admit`, moderatorToken);
  const session = await call('POST', '/api/sessions', moderatorToken, {
    kind: 'ordinary',
    title: 'Sesión de la prueba de carga',
    scheduledAt: new Date().toISOString(),
    place: 'Cajamarca',
  });
  const sessionId = session.session.id;
  await call('POST', `/api/sessions/${sessionId}/open`, moderatorToken);
  const withItem = await call('POST', `/api/sessions/${sessionId}/agenda`, moderatorToken, {
    kind: 'motion',
    motionId: motion.id,
  });
  await call('POST', `/api/sessions/${sessionId}/agenda/${withItem.agenda[0].id}/start`, moderatorToken);
  await db.query(
    `INSERT INTO attendance (session_id, delegate_id, present, recorded_by) SELECT $1, unnest($2::uuid[]), true, 'moderator'`,
    [sessionId, delegates.map((d) => d.id)],
  );
  const vote = await call('POST', `/api/sessions/${sessionId}/votes`, moderatorToken, { rule: 'simple' });

  // Raw baseline first (same pool size and concurrency), then the burst, then the baseline again.
  await db.query(
    'CREATE TABLE bench_raw (id bigserial PRIMARY KEY, delegate_id uuid NOT NULL, choice text NOT NULL)',
  );
  const rawTask = (i) =>
    db.query('INSERT INTO bench_raw (delegate_id, choice) VALUES ($1, $2)', [delegates[i].id, 'yes']);
  await measure(100, IN_FLIGHT, rawTask); // warm-up
  const rawBefore = await measure(DELEGATES, IN_FLIGHT, rawTask);
  const choices = ['yes', 'no', 'abstain', 'yes'];
  const ballots = await measure(DELEGATES, IN_FLIGHT, (i) =>
    call('POST', `/api/votes/${vote.id}/ballots`, tokens[i], {
      choice: choices[i % 4],
      idempotencyKey: `bench-${i}-0001`,
    }),
  );
  const rawAfter = await measure(DELEGATES, IN_FLIGHT, rawTask);
  const t0 = performance.now();
  const closed = await call('POST', `/api/votes/${vote.id}/close`, moderatorToken);
  const closeMs = Number((performance.now() - t0).toFixed(1));
  if (closed.castCount !== DELEGATES) throw new Error(`counted ${closed.castCount} of ${DELEGATES}`);

  const raw = rawBefore.perSecond >= rawAfter.perSecond ? rawBefore : rawAfter;
  const ratio = Number((ballots.perSecond / raw.perSecond).toFixed(2));
  const result = {
    scenario: 'ballot-burst',
    delegates: DELEGATES,
    inFlight: IN_FLIGHT,
    pool: POOL,
    ballots,
    raw: { before: rawBefore, after: rawAfter, best: raw },
    ratio,
    closeMs,
    counted: closed.castCount,
    target: 'ballots/s >= 0.5 x raw',
  };
  console.log(`ballot burst: ${DELEGATES} delegates, ${IN_FLIGHT} in flight, pool ${POOL}`);
  console.log(
    `raw INSERT+COMMIT (pg):  ${raw.perSecond}/s  p50 ${raw.p50} ms  p99 ${raw.p99} ms  (before ${rawBefore.perSecond}/s, after ${rawAfter.perSecond}/s)`,
  );
  console.log(
    `ballots over HTTP:       ${ballots.perSecond}/s  p50 ${ballots.p50} ms  p99 ${ballots.p99} ms`,
  );
  console.log(
    `ratio ballots/raw: ${ratio}  (target >= 0.5)   close + count + resolution: ${closeMs} ms, ${closed.castCount} counted`,
  );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/ballots.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log('figures: bench-results/ballots.json');
} finally {
  api?.child.kill('SIGTERM');
  await db.end();
  if (api) await new Promise((resolve) => api.child.once('exit', resolve));
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
