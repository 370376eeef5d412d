import { loadConfigOrExit } from '#config';
import { chmodSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectDatabase } from '../database/database-connection.js';
import { pgDumpFor, PgToolMissing, runPgTool } from '../database/pg-tools.js';
import { describeDatabase, describeHead, openSecretRounds } from './database-facts.js';

/**
 * `npm run backup [-- --out file]`: a custom-format dump (`pg_dump -Fc`) of DATABASE_OWNER_URL, else
 * DATABASE_URL, else the embedded server under DATA_DIR; by default DATA_DIR/backups/asamblea-<time>.dump.
 * The dump is taken in an exported snapshot, so the record head printed is exactly the dump's. The file is
 * written 0600 (it holds password hashes and sealed secrets) and appears only once complete. It refuses
 * (exit 4) while a secret round is open: its ballot key and sealed box would be in the dump
 * (docs/secret-ballots.md, "Not protected against"). The check reads the dump's own snapshot, so a round
 * opened a moment later is not in the file either.
 */
const log = (message: string) => process.stdout.write(`${message}\n`);
class Refused extends Error {}
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

let values: { out?: string };
try {
  ({ values } = parseArgs({ options: { out: { type: 'string', short: 'o' } } }));
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run backup [-- --out file]`);
}
const config = loadConfigOrExit({ ...process.env, ASAMBLEA_DEMO: 'false' });
const stamp = new Date()
  .toISOString()
  .replace(/[:.]/g, '-')
  .replace(/-\d{3}Z$/, 'Z');
const out = resolve(values!.out ?? join(config.dataDir, 'backups', `asamblea-${stamp}.dump`));
const partial = `${out}.partial`;

const database = await connectDatabase(config, {
  info: () => undefined,
  warn: (m) => process.stderr.write(`${m}\n`),
});
const client = new pg.Client({ connectionString: database.ownerUrl, application_name: 'asamblea-backup' });
let status = 0;
try {
  await client.connect();
  const facts = await describeDatabase(client);
  const tool = pgDumpFor(facts.serverMajor);
  // pg_dump reads the snapshot this transaction exported: what it dumps is what the head below says.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const [{ snapshot }] = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot'))
    .rows as [{ snapshot: string }];
  const open = await openSecretRounds(client);
  if (open.length)
    throw new Refused(
      [
        'No se hace la copia de seguridad: hay una votación secreta abierta. Con SECRETS_KEY, una copia tomada ahora ' +
          'vincularía cada voto con quien lo emitió. Vuelva a intentarlo cuando cierre.',
        'Backup refused: a secret vote is open. With SECRETS_KEY, a dump taken now would link each ballot to its ' +
          'voter. Try again once it has closed.',
        ...open.map(
          (r) =>
            `  ${r.title} (${r.electionId ? `election ${r.electionId}, ${r.round} round ${r.roundId}` : `secret question, vote ${r.roundId}`}; ` +
            `${r.deadline ? `closes at ${r.deadline}` : 'no deadline: the moderator closes it'})`,
        ),
      ].join('\n'),
    );
  const head = await describeHead(client);
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  rmSync(partial, { force: true });
  await runPgTool(tool, ['--format=custom', `--snapshot=${snapshot}`, '--file', partial], database.ownerUrl);
  await client.query('COMMIT');
  chmodSync(partial, 0o600);
  renameSync(partial, out);
  const size = statSync(out).size;
  log(`Backup written: ${out} (${(size / 1024).toFixed(0)} KiB, pg_dump ${tool.version})`);
  log(
    `Database ${facts.database} on PostgreSQL ${facts.serverVersion}; schema at ${facts.lastMigration ?? 'no migration'}`,
  );
  log(`Record head: ${head}`);
} catch (error) {
  rmSync(partial, { force: true });
  process.stderr.write(
    `${error instanceof Refused ? '' : 'Backup failed: '}${error instanceof Error ? error.message : String(error)}\n`,
  );
  status = error instanceof Refused ? 4 : error instanceof PgToolMissing ? 3 : 1;
} finally {
  await client.end().catch(() => undefined);
  await database.stop();
}
process.exit(status);
