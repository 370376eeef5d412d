import 'reflect-metadata';
import { loadConfigOrExit } from '#config';
import { startWorker } from './worker.js';

const config = loadConfigOrExit();
const worker = await startWorker(config).catch((error: unknown) => {
  process.stderr.write(
    `Asamblea worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
if (!worker) process.exit(0);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
