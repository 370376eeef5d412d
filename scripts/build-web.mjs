// Builds the web client into dist/web and prints what a phone downloads to open a public page,
// against a budget: the build fails above it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_KB = 150; // gzip, JavaScript + CSS loaded by the public pages
const out = 'dist/web';

process.env.NODE_ENV = 'production';
await build({ configFile: 'apps/web/vite.config.ts', mode: 'production', logLevel: 'error' });

const html = readFileSync(join(out, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const size = (file) => {
  const bytes = readFileSync(join(out, file));
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let total = 0;
console.log('web client: what the public board loads (gzip)');
for (const file of initial) {
  const { raw, gz } = size(file);
  total += gz;
  console.log(`  ${file}  ${kb(raw)} → ${kb(gz)}`);
}
const lazy = readdirSync(join(out, 'assets')).filter(
  (f) => !initial.includes(`assets/${f}`) && f.endsWith('.js'),
);
for (const file of lazy)
  console.log(`  (console, loaded on demand) assets/${file}  ${kb(size(`assets/${file}`).gz)}`);
console.log(`public board total: ${kb(total)} gzip; budget ${BUDGET_KB} kB`);
if (total > BUDGET_KB * 1024) {
  console.error(`Over budget by ${kb(total - BUDGET_KB * 1024)}`);
  process.exit(1);
}
