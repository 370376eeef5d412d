import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, transformWithOxc, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The `#` aliases of package.json's "imports", to their TypeScript sources (the one list of them).
const { imports } = JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as {
  imports: Record<string, { types: string }>;
};
const sourceOf = (alias: string) => ({
  find: new RegExp(`^${alias.replace('*', '(.*)')}$`),
  replacement: here(`../../${imports[alias]!.types.replace('*', '$1')}`),
});

// The service worker (src/sw/sw.ts): a plain script at /sw.js (its scope is the whole site), its types stripped
// and nothing bundled into it (it imports nothing). Built only: in `vite dev` the page does not register it.
const serviceWorker = (): Plugin => ({
  name: 'asamblea-service-worker',
  apply: 'build',
  async generateBundle() {
    const file = here('src/sw/sw.ts');
    const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'ts' });
    this.emitFile({ type: 'asset', fileName: 'sw.js', source: code.replace(/^export \{\};?\s*$/m, '') });
  },
});

// The web client, served by the API process from dist/web. Consoles are lazy chunks: the public pages
// (what thousands of phones load) carry only their own code.
export default defineConfig({
  root: here('.'),
  base: '/',
  // The client reuses the domain's pure rules file by file (a motion's lifecycle, an amendment's text), never
  // its index: that would pull Node-only code (hashing) into the bundle.
  // `#crypto/*` is the domain's hashing and signature checks: the browser's own (WebCrypto) for the page's
  // verifier, so it runs the same verifier as the CLI and the server.
  resolve: {
    alias: [
      sourceOf('#contracts'),
      { find: /^#crypto\/(.*)$/, replacement: here('src/verify/platform/$1.ts') },
      sourceOf('#domain/*'),
    ],
  },
  plugins: [serviceWorker()],
  worker: { format: 'es' },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: here('../../dist/web'), emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
