import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checkRuntimeDeps, packageOf, specifiersOf } from '../scripts/check-runtime-deps.mjs';

/**
 * scripts/check-runtime-deps.mjs (run by .ci/run): a package imported by the built API, worker or
 * libraries that is not in "dependencies" is gone from the production image (`npm prune --omit=dev`).
 */
const repo = resolve('.'); // jest runs from the repository root
const script = join(repo, 'scripts/check-runtime-deps.mjs');
let root: string;

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const run = (dir: string) =>
  spawnSync(process.execPath, [script, '--root', dir], { encoding: 'utf8', timeout: 60_000 });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'runtime-deps-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('names packages, and leaves built-ins, relative paths, URLs and # aliases alone', () => {
  expect(packageOf('csv-parse/sync')).toBe('csv-parse');
  expect(packageOf('@nestjs/common')).toBe('@nestjs/common');
  expect(packageOf('@scope/name/deep/file.js')).toBe('@scope/name');
  for (const notAPackage of [
    'node:fs',
    'fs',
    'fs/promises',
    'worker_threads',
    './x.js',
    '../y.js',
    '/abs.js',
  ])
    expect(packageOf(notAPackage)).toBeNull();
  expect(packageOf('#domain')).toBeNull();
  expect(packageOf('file:///x.js')).toBeNull();
});

it('reads every kind of import from compiled JavaScript, and not those in comments or strings', () => {
  const source = [
    "import a from 'static-default';",
    "import { b } from 'static-named/sub';",
    "import 'side-effect';",
    "export { c } from 're-export';",
    "export * from 'star-export';",
    "const d = await import('dynamic');",
    "const e = require('required');",
    "const f = require.resolve('resolved/ttf/Font.ttf');",
    "const g = import.meta.resolve('meta-resolved');",
    "// import x from 'in-a-comment';",
    'const h = "import y from \'in-a-string\'";',
    "const i = path.resolve('not-a-module');",
    'const j = import(variable);',
  ].join('\n');
  expect(specifiersOf(source)).toEqual([
    'static-default',
    'static-named/sub',
    'side-effect',
    're-export',
    'star-export',
    'dynamic',
    'required',
    'resolved/ttf/Font.ttf',
    'meta-resolved',
  ]);
});

it('fails on a devDependency or an undeclared package imported at run time, passes once it is a dependency', () => {
  write(
    'package.json',
    JSON.stringify({
      name: 'fake',
      dependencies: { 'good-lib': '1' },
      devDependencies: { 'dev-only': '1' },
    }),
  );
  write('dist/apps/api/src/main.js', "import x from 'good-lib';\nimport { readFileSync } from 'node:fs';\n");
  write('dist/libs/jobs/src/lazy.js', "export const load = () => import('dev-only/sync');\n");
  write('dist/apps/worker/src/main.js', "import '#jobs';\nimport '@undeclared/pkg';\n");
  write('dist/web/assets/index.js', "import 'browser-only';\n"); // the browser bundle is not checked

  const failed = run(root);
  expect(failed.status).toBe(1);
  expect(failed.stderr).toContain("dev-only  (dist/libs/jobs/src/lazy.js: 'dev-only/sync')");
  expect(failed.stderr).toContain('@undeclared/pkg');
  expect(failed.stderr).not.toContain('good-lib');
  expect(failed.stderr).not.toContain('browser-only');
  expect(checkRuntimeDeps(root).problems.map((p) => p.package)).toEqual(['@undeclared/pkg', 'dev-only']);

  write(
    'package.json',
    JSON.stringify({
      name: 'fake',
      dependencies: { 'good-lib': '1', 'dev-only': '1' },
      optionalDependencies: { '@undeclared/pkg': '1' },
    }),
  );
  const passed = run(root);
  expect(passed.stderr).toBe('');
  expect(passed.status).toBe(0);
});

it('fails when nothing is built, rather than passing on no files', () => {
  write('package.json', '{"name":"fake"}');
  const result = run(root);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('run npm run build first');
});

it("this repository's build passes, and would fail with csv-parse back among the devDependencies", () => {
  expect(run(repo).status).toBe(0);

  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const { 'csv-parse': version, ...rest } = manifest.dependencies;
  expect(version).toBeDefined();
  write(
    'package.json',
    JSON.stringify({ ...manifest, dependencies: rest, devDependencies: { 'csv-parse': version } }),
  );
  symlinkSync(join(repo, 'dist'), join(root, 'dist'));
  const result = run(root);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(
    /csv-parse {2}\(dist\/apps\/api\/src\/delegates\/delegate-import\.service\.js/,
  );
});
