import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A PostgreSQL client program (pg_dump, pg_restore) and its major version. */
export interface PgTool {
  path: string;
  major: number;
  version: string;
}

/**
 * Where the client programs may be: PG_BIN_DIR first, then the per-version directories of Debian/Ubuntu
 * (/usr/lib/postgresql/N/bin), RHEL (/usr/pgsql-N/bin) and Homebrew, then PATH. The embedded server ships
 * no client programs (only initdb, pg_ctl and postgres), so the machine's are used.
 */
function candidates(name: string): string[] {
  const found: string[] = [];
  if (process.env.PG_BIN_DIR) found.push(join(process.env.PG_BIN_DIR, name));
  const versioned = (parent: string, match: RegExp, bin: (entry: string) => string) => {
    if (!existsSync(parent)) return;
    for (const entry of readdirSync(parent).filter((e) => match.test(e))) found.push(join(bin(entry), name));
  };
  versioned('/usr/lib/postgresql', /^\d+$/, (e) => join('/usr/lib/postgresql', e, 'bin'));
  versioned('/usr', /^pgsql-\d+$/, (e) => join('/usr', e, 'bin'));
  for (const brew of ['/opt/homebrew/opt', '/usr/local/opt'])
    versioned(brew, /^postgresql@\d+$/, (e) => join(brew, e, 'bin'));
  found.push(name);
  return found;
}

function describe(path: string): PgTool | null {
  if (path.includes('/') && !existsSync(path)) return null;
  const run = spawnSync(path, ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(run.stdout ?? '');
  if (run.status !== 0 || !match) return null;
  return { path, major: Number(match[1]), version: match[0].replace(/^\(PostgreSQL\)\s+/, '') };
}

/** Every distinct installed version of `name`, oldest first. */
export function installedPgTools(name: 'pg_dump' | 'pg_restore'): PgTool[] {
  const byMajor = new Map<number, PgTool>();
  for (const path of candidates(name)) {
    const tool = describe(path);
    if (tool && !byMajor.has(tool.major)) byMajor.set(tool.major, tool);
  }
  return [...byMajor.values()].sort((a, b) => a.major - b.major);
}

export class PgToolMissing extends Error {}

const INSTALL =
  "Install that version's client tools (Debian/Ubuntu: postgresql-client-{N} from the PostgreSQL apt repository; RHEL: postgresql{N}; macOS: brew install postgresql@{N}) or set PG_BIN_DIR to their bin directory.";

/**
 * pg_dump must be at least as new as the server (it refuses a newer one); the oldest that is keeps the
 * dump readable by the most pg_restore versions.
 */
export function pgDumpFor(serverMajor: number): PgTool {
  const tools = installedPgTools('pg_dump');
  const fit = tools.find((tool) => tool.major >= serverMajor);
  if (fit) return fit;
  const found = tools.length
    ? `found ${tools.map((tool) => `pg_dump ${tool.version} (${tool.path})`).join(', ')}`
    : 'found no pg_dump';
  throw new PgToolMissing(
    `The server is PostgreSQL ${serverMajor}: a backup needs pg_dump ${serverMajor} or newer; ${found}. ${INSTALL.replaceAll('{N}', String(serverMajor))}`,
  );
}

/**
 * pg_restore of the server's own version when there is one (a newer one may emit settings an older server
 * does not know); otherwise the newest not newer than the server, then any.
 */
export function pgRestoreFor(serverMajor: number): PgTool {
  const tools = installedPgTools('pg_restore');
  const fit =
    tools.find((tool) => tool.major === serverMajor) ??
    [...tools].reverse().find((tool) => tool.major < serverMajor) ??
    tools[0];
  if (fit) return fit;
  throw new PgToolMissing(`Found no pg_restore. ${INSTALL.replaceAll('{N}', String(serverMajor))}`);
}

/** The URL without its password, and the password for PGPASSWORD (kept out of the process list). */
export function splitPassword(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** Runs a client program against `url`; rejects with its standard error when it fails. */
export function runPgTool(tool: PgTool, args: string[], url: string): Promise<void> {
  const { url: bare, password } = splitPassword(url);
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, ['--dbname', bare, ...args], {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, ...(password !== undefined ? { PGPASSWORD: password } : {}) },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${tool.path} exited with ${code}: ${stderr.trim() || 'no message'}`)),
    );
  });
}
