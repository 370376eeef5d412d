import { loadConfigOrExit } from '#config';
import { startDatabase } from '#persistence/database-connection';

const config = loadConfigOrExit();
// The database first (the embedded PostgreSQL, without DATABASE_URL): its server boots while Node loads
// the application's code (Nest, typeorm, the modules), which is most of a start. Nothing heavier than
// this module and #config is loaded before it.
const database = startDatabase(config);

const loaded = import('reflect-metadata').then(() =>
  Promise.all([import('./bootstrap.js'), import('./startup-banner.js')]),
);
const [api, { startupBanner }] = await loaded
  .then(async ([{ createApi }, banner]) => [await createApi(config, database), banner] as const)
  .catch(async (error: unknown) => {
    // createApi stops the database when it fails; this covers failing before it ran.
    await database.connection.then(
      (connection) => connection.stop(),
      () => undefined,
    );
    process.stderr.write(
      `Asamblea API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });

// Before listening: a Ctrl-C as soon as /api/health answers still drains and stops the database.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: shutting down…\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

await api.app.listen(config.port, '0.0.0.0');
const port = new URL(await api.app.getUrl()).port;
process.stdout.write(
  startupBanner({
    baseUrl: `http://localhost:${port}`,
    demo: api.demo,
    secondFactorRoles: config.secondFactorRoles,
  }),
);
