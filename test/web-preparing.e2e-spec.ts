import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { createTestDatabase } from './support/test-api.js';

/**
 * `npm start` runs the API while a changed web client still builds (scripts/build.mjs): page paths answer
 * a "preparing" page until dist/web lands, and the API serves the client as soon as it does, with no
 * restart. The built API runs from a copy of dist/ that has no web/ (the shared dist/web stays as it is).
 */
describe('Web client still building: the API is up and says so', () => {
  let root: string;
  let child: ChildProcess | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let url: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'asamblea-web-preparing-'));
    for (const dir of ['dist/apps', 'dist/libs']) cpSync(resolve(dir), join(root, dir), { recursive: true });
    cpSync(resolve('package.json'), join(root, 'package.json')); // "type": "module" and the # imports
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
    database = await createTestDatabase();
    child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: database.url,
        DATA_DIR: join(root, '.data'),
        JWT_SECRET: randomBytes(32).toString('hex'),
        SECRETS_KEY: randomBytes(32).toString('base64'),
        PORT: '0',
        LOG_LEVEL: 'warn',
        ASAMBLEA_DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolveUrl, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no start in 60 s:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers page paths with a self-reloading 503 page, Spanish first, while /api works', async () => {
    const page = await request(url).get('/mociones/MOC-2026-0001').expect(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<html lang="es">');
    expect(page.text).toContain('Preparando la interfaz…');
    expect(page.text).toContain('Preparing the interface…');
    expect(page.text).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(page.text.indexOf('Preparando')).toBeLessThan(page.text.indexOf('Preparing'));

    await request(url).get('/api/health').expect(200);
    const unknownApi = await request(url).get('/api/nothing-here').expect(404);
    expect(unknownApi.body.code).toBe('ROUTE_NOT_FOUND');
    const asset = await request(url).get('/assets/index-not-built-yet.js').expect(404);
    expect(asset.headers['content-type']).toMatch(/^application\/json/);
  });

  it('serves the client as soon as the build lands, without a restart', async () => {
    const web = join(root, 'dist/web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'assets/index-landed.js'), 'console.log("landed");\n');
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/index-landed.js"></script>\n',
    );
    const page = await request(url).get('/mociones/MOC-2026-0001').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('/assets/index-landed.js');
    const asset = await request(url).get('/assets/index-landed.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.text).toContain('landed');

    // A rebuild that replaces index.html is served at once too.
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div><!-- rebuilt -->\n');
    expect((await request(url).get('/').expect(200)).text).toContain('rebuilt');
  });
});
