// Public reads: `GET /api/resolutions` (the first page of the list) and `GET /api/resolutions/:number`
// over a record of R resolutions, C requests in flight, against a minimal NestJS app (same
// @nestjs/core and platform-express, its own process) answering bodies of the same size, same run.
// The resolutions come from real votes driven through the API, so every one sits on the hash chain
// exactly as in use; several sessions vote side by side to keep the seeding short.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  apiCaller,
  apiEnv,
  createDatabase,
  forkHelper,
  httpGetter,
  measure,
  openMotionVote,
  openSession,
  seedAssembly,
  startApi,
  stopProcess,
  writeFigures,
} from './support.mjs';

const RESOLUTIONS = Number(process.env.BENCH_RESOLUTIONS ?? 200);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const ROUNDS = 3; // interleaved bare/API rounds; the median is reported
const LANES = 4;
const DELEGATES = 5;

const database = await createDatabase('reads');
const secret = randomBytes(32).toString('hex');
const db = new pg.Pool({ connectionString: database.url, max: 4 });
// Dropping the database at the end ends its idle connections: not a failure of the run.
db.on('error', () => undefined);
let api;
let nest;
const getter = httpGetter(IN_FLIGHT);
try {
  api = await startApi(apiEnv({ databaseUrl: database.url, secret }));
  const call = apiCaller(api.url);
  const assembly = await seedAssembly(db, secret, DELEGATES);
  const objectives = (await db.query('SELECT code FROM plan_objectives ORDER BY code')).rows.map(
    (r) => r.code,
  );
  const institutions = (await db.query('SELECT code FROM institutions ORDER BY code')).rows.map(
    (r) => r.code,
  );

  const seedingStarted = performance.now();
  let made = 0;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      const sessionId = await openSession(call, db, assembly, `Sesión ${lane + 1} de la prueba de lectura`);
      while (made < RESOLUTIONS) {
        const n = made++;
        const vote = await openMotionVote(
          call,
          assembly,
          sessionId,
          {
            title: `Moción ${n + 1}: mejora de los servicios públicos de la provincia ${(n % 13) + 1}`,
            body: Array.from(
              { length: 1 + (n % 4) },
              (_, k) =>
                `Artículo ${k + 1}.- Encárguese a la institución competente la ejecución de las acciones necesarias para cumplir el objetivo del plan en la provincia, con informe trimestral a la Asamblea.`,
            ).join('\n\n'),
            rationale: 'El plan regional fija metas que la provincia aún no alcanza.',
            objectiveCodes: [
              ...new Set([objectives[n % objectives.length], objectives[(n * 7 + 3) % objectives.length]]),
            ],
            institutionCodes: [institutions[n % institutions.length]],
            complianceDeadline: '2027-12-31',
          },
          n % DELEGATES,
        );
        for (const [i, choice] of ['yes', 'yes', 'yes', 'no', 'abstain'].entries())
          await call('POST', `/api/votes/${vote.id}/ballots`, assembly.tokens[i], { choice });
        const closed = await call('POST', `/api/votes/${vote.id}/close`, assembly.moderatorToken);
        if (!closed.resolutionNumber) throw new Error(`vote ${vote.id} issued no resolution`);
      }
    }),
  );
  const seedingSeconds = Number(((performance.now() - seedingStarted) / 1000).toFixed(1));
  const { rows: numbered } = await db.query('SELECT number FROM resolutions ORDER BY random()');
  if (numbered.length !== RESOLUTIONS) throw new Error(`${numbered.length} of ${RESOLUTIONS} resolutions`);
  const numbers = numbered.map((r) => r.number);

  // The baseline answers with the API's own bodies: the list's first page and one resolution.
  const list = await (await fetch(`${api.url}/api/resolutions`)).json();
  const page = await (await fetch(`${api.url}/api/resolutions/${numbers[0]}`)).json();
  nest = forkHelper('bare-nest');
  nest.child.send({ list, page });
  const { url: bareUrl } = await nest.ready;

  const routes = {
    list: { api: () => `${api.url}/api/resolutions`, bare: () => `${bareUrl}/api/resolutions` },
    page: {
      api: (i) => `${api.url}/api/resolutions/${numbers[i % numbers.length]}`,
      bare: (i) => `${bareUrl}/api/resolutions/${numbers[i % numbers.length]}`,
    },
  };
  const figures = {};
  for (const [route, targets] of Object.entries(routes)) {
    figures[route] = { api: [], bare: [] };
    for (const target of ['bare', 'api'])
      await measure(300, IN_FLIGHT, (i) => getter.get(targets[target](i)));
    for (let round = 0; round < ROUNDS; round++)
      for (const target of ['bare', 'api'])
        figures[route][target].push(
          await measure(REQUESTS, IN_FLIGHT, (i) => getter.get(targets[target](i))),
        );
  }
  // The median round, not the best: a lucky round would hide the noise the rounds are there to show.
  const middle = (runs) => [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)];
  const bytes = {
    list: Buffer.byteLength(JSON.stringify(list)),
    page: Buffer.byteLength(JSON.stringify(page)),
  };

  console.log(
    `reads: ${RESOLUTIONS} resolutions (seeded by real votes in ${seedingSeconds} s), ${REQUESTS} requests per run, ${IN_FLIGHT} in flight, median of ${ROUNDS} interleaved rounds`,
  );
  const result = {
    scenario: 'reads',
    resolutions: RESOLUTIONS,
    requests: REQUESTS,
    inFlight: IN_FLIGHT,
    bytes,
    routes: {},
    target: 'requests/s >= 0.8 x bare Nest',
  };
  for (const route of Object.keys(routes)) {
    const a = middle(figures[route].api);
    const b = middle(figures[route].bare);
    const ratio = Number((a.perSecond / b.perSecond).toFixed(2));
    result.routes[route] = { api: a, bare: b, ratio, runs: figures[route] };
    const path = route === 'list' ? 'GET /api/resolutions' : 'GET /api/resolutions/:number';
    console.log(`${path} (${bytes[route]} bytes)`);
    console.log(`  bare Nest:     ${b.perSecond}/s  p50 ${b.p50} ms  p99 ${b.p99} ms`);
    console.log(`  Asamblea API:  ${a.perSecond}/s  p50 ${a.p50} ms  p99 ${a.p99} ms`);
    console.log(`  ratio API/bare: ${ratio} (target >= 0.8)`);
  }
  result.headline = Object.fromEntries(
    Object.entries(result.routes).flatMap(([route, r]) => {
      const path = route === 'list' ? 'GET /api/resolutions' : 'GET /api/resolutions/:number';
      return [
        [`${path} API (/s)`, r.api.perSecond],
        [`${path} bare Nest (/s)`, r.bare.perSecond],
        [`${path} ratio API/bare (target >= 0.8)`, r.ratio],
        [`${path} API p99 (ms)`, r.api.p99],
      ];
    }),
  );
  writeFigures('reads', result);
} finally {
  getter.close();
  await stopProcess(nest?.child);
  await stopProcess(api?.child);
  await db.end();
  await database.drop();
}
