// Builds the web client into dist/web and prints what a phone downloads to open a public page,
// against a budget: the build fails above it. `--quiet`: only the total line.
//
// Vite writes into dist/.web-next; the finished build then replaces dist/web in two renames, so an API
// serving dist/web meanwhile never serves a half-written client (a page naming assets not yet written).
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_KB = 150; // gzip, JavaScript + CSS loaded by the public pages
const target = 'dist/web';
const out = 'dist/.web-next';
const quiet = process.argv.includes('--quiet');

process.env.NODE_ENV = 'production';
await build({
  configFile: 'apps/web/vite.config.ts',
  mode: 'production',
  logLevel: 'error',
  build: { outDir: resolve(out), emptyOutDir: true }, // relative, it would be under apps/web
});

const html = readFileSync(join(out, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const size = (file) => {
  const bytes = readFileSync(join(out, file));
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let total = 0;
if (!quiet) console.log('web client: what the public board loads (gzip)');
for (const file of initial) {
  const { raw, gz } = size(file);
  total += gz;
  if (!quiet) console.log(`  ${file}  ${kb(raw)} → ${kb(gz)}`);
}
const lazy = readdirSync(join(out, 'assets')).filter(
  (f) => !initial.includes(`assets/${f}`) && f.endsWith('.js'),
);
if (!quiet)
  for (const file of lazy)
    console.log(`  (console, loaded on demand) assets/${file}  ${kb(size(`assets/${file}`).gz)}`);
console.log(`${quiet ? 'web client: ' : ''}public board total: ${kb(total)} gzip; budget ${BUDGET_KB} kB`);

// Lands even over budget (as the build always did: the output stays, the build fails).
const old = `dist/.web-old-${process.pid}`;
if (existsSync(target)) renameSync(target, old);
renameSync(out, target);
rmSync(old, { recursive: true, force: true });

if (total > BUDGET_KB * 1024) {
  console.error(`Over budget by ${kb(total - BUDGET_KB * 1024)}`);
  process.exit(1);
}
