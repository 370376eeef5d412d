import 'reflect-metadata';
import { loadConfigOrExit } from '#config';
import { DataSource } from 'typeorm';
import { connectDatabase } from '../database/database-connection.js';
import { dataSourceOptions } from '../database/data-source.js';
import { migrateDatabase } from '../database/migrate-database.js';
import { loadPlanCatalogue } from '../plan/catalogue-loader.js';

/** `npm run migrate`: the same migrations and catalogue load the API runs at boot, then exit. */
const config = loadConfigOrExit();
const log = (message: string) => process.stdout.write(`${message}\n`);
const database = await connectDatabase(config, { info: log, warn: log });
const dataSource = new DataSource(dataSourceOptions(database.url, 'asamblea-migrate'));
let status = 0;
try {
  const { applied, runtimeRole } = await migrateDatabase(database);
  log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
  if (runtimeRole) {
    log(
      `Runtime role ${runtimeRole.role}: ${runtimeRole.created ? 'created, ' : ''}${
        runtimeRole.statements.length
          ? `${runtimeRole.statements.length} statements`
          : 'grants already in place'
      }`,
    );
    if (runtimeRole.unclassified.length)
      log(`Warning: tables with no grant decision (runtime-role.ts): ${runtimeRole.unclassified.join(', ')}`);
  }
  await dataSource.initialize();
  const catalogue = await loadPlanCatalogue(dataSource);
  log(`Plan catalogue ${catalogue.version}: ${catalogue.loaded ? 'loaded' : 'already current'}`);
} catch (error) {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  status = 1;
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
  await database.stop();
}
process.exit(status);
