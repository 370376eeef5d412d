import { loadConfigOrExit } from '#config';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectDatabase } from '../database/database-connection.js';
import { migrateDatabase } from '../database/migrate-database.js';
import { pgRestoreFor, PgToolMissing, runPgTool } from '../database/pg-tools.js';
import { describeDatabase, describeHead } from './database-facts.js';

/**
 * `npm run restore -- file [--force]`: a custom-format dump (`npm run backup`) into DATABASE_OWNER_URL,
 * else DATABASE_URL, else the embedded server under DATA_DIR. Only into an empty database unless --force
 * (then what the dump holds replaces the same objects: pg_restore --clean). One transaction: all or
 * nothing. Ownership and grants are not restored (roles differ between servers): the objects belong to
 * the restoring role, and the migrate step that follows grants the runtime role again.
 */
const log = (message: string) => process.stdout.write(`${message}\n`);
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};
class Refused extends Error {}

const USAGE = 'Usage: npm run restore -- <file.dump> [--force]';

let parsed: { values: { force?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { force: { type: 'boolean' } }, allowPositionals: true });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const [file, ...extra] = parsed!.positionals;
if (!file || extra.length) fail(USAGE);
const path = resolve(file!);
if (!existsSync(path)) fail(`No such file: ${path}`);
const header = Buffer.alloc(5);
const fd = openSync(path, 'r');
readSync(fd, header, 0, 5, 0);
closeSync(fd);
if (header.toString('latin1') !== 'PGDMP')
  fail(`${path} is not a custom-format dump (pg_dump -Fc, as npm run backup writes)`);

const config = loadConfigOrExit({ ...process.env, ASAMBLEA_DEMO: 'false' });
const database = await connectDatabase(config, {
  info: () => undefined,
  warn: (m) => process.stderr.write(`${m}\n`),
});
let status = 0;
try {
  const facts = await withClient(database.ownerUrl, describeDatabase);
  if (facts.relations > 0 && !parsed!.values.force) {
    const head = await withClient(database.ownerUrl, describeHead);
    throw new Refused(
      `Refusing to restore over database ${facts.database}: it is not empty (${facts.relations} relations; record head ${head}). ` +
        'Restore into a fresh database (createdb, or an empty DATA_DIR), or add --force to replace what the backup holds.',
    );
  }
  const tool = pgRestoreFor(facts.serverMajor);
  await runPgTool(
    tool,
    [
      '--no-owner',
      '--no-acl',
      '--exit-on-error',
      '--single-transaction',
      ...(parsed!.values.force ? ['--clean', '--if-exists'] : []),
      path,
    ],
    database.ownerUrl,
  );
  log(
    `Restored ${path} into ${facts.database} (PostgreSQL ${facts.serverVersion}, pg_restore ${tool.version})`,
  );
  // As every boot does: migrations newer than the dump, then the runtime role's grants.
  const { applied, runtimeRole } = await migrateDatabase(database);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  if (runtimeRole) log(`Runtime role ${runtimeRole.role}: grants in place`);
  log(`Record head: ${await withClient(database.ownerUrl, describeHead)}`);
  log(
    'Next: start the API, then npm run verify -- --url <its address> (a witness file compares the head it saw)',
  );
} catch (error) {
  process.stderr.write(
    `${error instanceof Refused ? '' : 'Restore failed: '}${error instanceof Error ? error.message : String(error)}\n`,
  );
  status = error instanceof Refused ? 4 : error instanceof PgToolMissing ? 3 : 1;
} finally {
  await database.stop();
}
process.exit(status);

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'asamblea-restore' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
