import 'reflect-metadata';
import { loadConfigOrExit } from '#config';
import { createApi } from './bootstrap.js';
import { startupBanner } from './startup-banner.js';

const config = loadConfigOrExit();
const api = await createApi(config).catch((error: unknown) => {
  process.stderr.write(
    `Asamblea API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
await api.app.listen(config.port, '0.0.0.0');
const port = new URL(await api.app.getUrl()).port;
process.stdout.write(startupBanner({ baseUrl: `http://localhost:${port}`, demo: api.demo }));

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
