import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { check, inputsOf, writeStamp, type PartName } from '../scripts/build-freshness.mjs';

/**
 * `npm start` and `npm run build` rebuild a part only when its inputs changed (scripts/build-freshness.mjs):
 * a wrong "fresh" would run tests against a stale build, so every kind of change must be seen.
 * A small project tree in a temporary directory stands in for the repository.
 */
const TREE: Record<string, string> = {
  'package.json': '{"type":"module"}\n',
  'package-lock.json': '{}\n',
  'tsconfig.json': '{}\n',
  'tsconfig.build.json': '{}\n',
  'scripts/build.mjs': '// build\n',
  'scripts/copy-assets.mjs': '// copy\n',
  'scripts/build-web.mjs': '// web\n',
  'apps/api/src/main.ts': 'export const main = 1;\n',
  'apps/api/src/main.spec.ts': 'it.todo("x");\n',
  'libs/domain/src/index.ts': 'export const rule = "aaaa";\n',
  'libs/contracts/src/index.ts': 'export const contract = 1;\n',
  'libs/plan-data/plan-catalogue.json': '{"objectives":[]}\n',
  'apps/web/index.html': '<div id="root"></div>\n',
  'apps/web/src/main.tsx': 'export const page = 1;\n',
};

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
/** Builds a part the way a successful build leaves it: outputs present, stamp written. */
function build(part: PartName): void {
  const stale = check(root, part);
  if (!stale) return;
  if (part === 'api')
    for (const path of inputsOf(root, 'api').filter((p) => /^(apps|libs)\/.*\.ts$/.test(p)))
      write(`dist/${path.replace(/\.ts$/, '.js')}`, '// built\n');
  if (part === 'assets') write('dist/libs/plan-data/plan-catalogue.json', '{}');
  if (part === 'web') write('dist/web/index.html', '<div id="root"></div>');
  writeStamp(root, part, stale.files);
}
const stale = (part: PartName) => check(root, part)?.reason ?? null;
/** Files written just now count as "racily clean" (re-hashed next time): age them as an editor's would be. */
function age(path: string): void {
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(root, path), old, old);
}
function buildAllAged(): void {
  for (const path of Object.keys(TREE)) age(path);
  for (const part of ['api', 'assets', 'web'] as const) build(part);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'asamblea-freshness-'));
  for (const [path, text] of Object.entries(TREE)) write(path, text);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('Build freshness: what makes a part stale', () => {
  it('is stale before the first build, fresh after it', () => {
    for (const part of ['api', 'assets', 'web'] as const) expect(stale(part)).toMatch(/never built/);
    buildAllAged();
    for (const part of ['api', 'assets', 'web'] as const) expect(stale(part)).toBeNull();
  });

  it('sees a changed source of the API, and of a library the web client imports, in both parts', () => {
    buildAllAged();
    write('libs/domain/src/index.ts', 'export const rule = "bbbb";\n'); // same size
    age('libs/domain/src/index.ts'); // even with an old mtime: ctime and content still differ
    expect(stale('api')).toMatch(/changed: libs\/domain\/src\/index\.ts/);
    expect(stale('web')).toMatch(/changed: libs\/domain\/src\/index\.ts/);
    expect(stale('assets')).toBeNull();
  });

  it('sees a change written back with the very same size and times (only the content differs)', () => {
    buildAllAged();
    const path = join(root, 'apps/api/src/main.ts');
    const before = statSync(path);
    writeFileSync(path, 'export const main = 2;\n');
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).size).toBe(before.size);
    expect(stale('api')).toMatch(/changed: apps\/api\/src\/main\.ts/);
  });

  it('sees a change made right after the stamp (in the same clock tick)', () => {
    for (const part of ['api', 'assets', 'web'] as const) build(part); // nothing aged: all "racy"
    writeFileSync(join(root, 'apps/api/src/main.ts'), 'export const main = 3;\n');
    expect(stale('api')).toMatch(/changed/);
  });

  it('sees a deleted source and an added one, and names the removed file for cleaning its output', () => {
    buildAllAged();
    unlinkSync(join(root, 'apps/api/src/main.ts'));
    const removed = check(root, 'api');
    expect(removed?.reason).toMatch(/-apps\/api\/src\/main\.ts/);
    expect(removed?.removed).toEqual(['apps/api/src/main.ts']);
    write('apps/api/src/main.ts', TREE['apps/api/src/main.ts']!);
    age('apps/api/src/main.ts');
    expect(stale('api')).toBeNull();
    write('apps/web/src/new-page.tsx', 'export {};\n');
    expect(stale('web')).toMatch(/\+apps\/web\/src\/new-page\.tsx/);
  });

  it('sees a missing output, changed configuration and dependencies, and a changed build script', () => {
    buildAllAged();
    rmSync(join(root, 'dist/apps/api/src/main.js'));
    expect(check(root, 'api')).toMatchObject({ outputsMissing: true });
    rmSync(join(root, 'dist/web'), { recursive: true });
    expect(stale('web')).toMatch(/output missing/);

    buildAllAged();
    write('tsconfig.build.json', '{ "compilerOptions": {} }\n');
    expect(stale('api')).toMatch(/tsconfig\.build\.json/);
    write('node_modules/.package-lock.json', '{"packages":{}}\n'); // what npm installed
    expect(stale('web')).toMatch(/node_modules\/\.package-lock\.json/);
    write('scripts/copy-assets.mjs', '// copy, changed\n');
    expect(stale('assets')).toMatch(/scripts\/copy-assets\.mjs/);
    write('libs/plan-data/seed/new.txt', 'seed\n');
    expect(stale('assets')).toMatch(/\+libs\/plan-data\/seed\/new\.txt/);
  });

  it('ignores what no build reads: unit specs, editor backups, a touch that keeps the content', () => {
    buildAllAged();
    write('apps/api/src/main.spec.ts', 'it.todo("changed");\n');
    write('apps/api/src/.main.ts.swp', 'x');
    write('apps/api/src/main.ts~', 'x');
    const recorded = () =>
      (
        JSON.parse(readFileSync(join(root, 'dist/.build/web.json'), 'utf8')) as {
          files: Record<string, { stat: string; hash: string }>;
        }
      ).files['apps/web/src/main.tsx']!;
    const before = recorded();
    const old = new Date(Date.now() - 30_000);
    utimesSync(join(root, 'apps/web/src/main.tsx'), old, old);
    expect(stale('api')).toBeNull();
    expect(stale('web')).toBeNull();
    // The touched file was hashed again and its new stat recorded: the next check hashes nothing.
    expect(recorded().hash).toBe(before.hash);
    expect(recorded().stat).not.toBe(before.stat);
  });

  it('scripts/build.mjs --status reports the same, without building', () => {
    buildAllAged();
    for (const script of ['build.mjs', 'build-freshness.mjs'])
      cpSync(resolve('scripts', script), join(root, 'scripts', script));
    // Copying the real scripts changed the api part's input (scripts/build.mjs).
    const run = () =>
      spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--status'], { encoding: 'utf8' });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^api: stale \(changed: scripts\/build\.mjs\)$/m);
    expect(first.stdout).toMatch(/^assets: fresh$/m);
    expect(first.stdout).toMatch(/^web: fresh$/m);
  });
});
