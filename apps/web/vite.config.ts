import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The web client, served by the API process from dist/web. Consoles are lazy chunks: the public pages
// (what thousands of phones load) carry only their own code.
export default defineConfig({
  root: here('.'),
  base: '/',
  // The client reuses the domain's pure rules file by file (a motion's lifecycle, an amendment's text), never
  // its index: that would pull Node-only code (hashing) into the bundle.
  resolve: {
    alias: {
      '#contracts': here('../../libs/contracts/src/index.ts'),
      '#domain/': here('../../libs/domain/src/'),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: here('../../dist/web'), emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
