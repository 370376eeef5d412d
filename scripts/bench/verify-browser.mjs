// `npm run bench -- verify-browser`: the verification page in Chromium (the CLI's verifier in a Web Worker,
// hashes by WebCrypto) over the demo record, then over the demo record with BENCH_VERIFY_BROWSER_EVENTS
// more events. Printed beside the baseline of the same run: `npm run verify` (Node) over the same record.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { sealEvent } from '../../dist/libs/domain/src/index.js';
import {
  apiEnv,
  appendAccountEvents,
  createDatabase,
  startApi,
  stopProcess,
  writeFigures,
} from './support.mjs';

const MORE = Number(process.env.BENCH_VERIFY_BROWSER_EVENTS ?? 10_000);

const database = await createDatabase('verify_browser');
const db = new pg.Client({ connectionString: database.url });
let api;
let browser;
try {
  api = await startApi(
    apiEnv({
      databaseUrl: database.url,
      secret: 'bench-verify-browser-secret-0123456789',
      ASAMBLEA_DEMO: 'true',
      LOG_LEVEL: 'error',
    }),
  );
  await db.connect();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });

  const inBrowser = async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const started = performance.now();
    await page.goto(`${api.url}/verificar`);
    const timing = page.getByTestId('browser-timing');
    await timing.waitFor({ timeout: 300_000 });
    const wall = performance.now() - started;
    const verdict = await page.getByTestId('browser-verdict').innerText();
    if (!verdict.startsWith('Verificado')) throw new Error(`the page did not verify: ${verdict}`);
    const worker = Number(await timing.getAttribute('data-millis'));
    const events = Number(await timing.getAttribute('data-events'));
    await page.close();
    return { wall, worker, events };
  };
  const cli = () => {
    const started = performance.now();
    execFileSync(process.execPath, ['dist/apps/api/src/verify.js', '--url', api.url], { stdio: 'ignore' });
    return performance.now() - started;
  };

  const append = (count) => appendAccountEvents(db, sealEvent, count);

  // The first visit warms the API (its public-read caches); every visit is a new browser context: a cold
  // cache, as a citizen opening the page for the first time.
  await inBrowser();
  const demo = await inBrowser();
  const demoCli = cli();
  await append(MORE);
  await inBrowser();
  const larger = await inBrowser();
  const largerCli = cli();
  console.log(
    `demo record (${demo.events} events): page ${demo.wall.toFixed(0)} ms from navigation to verdict, worker ${demo.worker} ms; npm run verify ${demoCli.toFixed(0)} ms (${(demo.wall / demoCli).toFixed(2)}×)`,
  );
  console.log(
    `demo + ${MORE} (${larger.events} events): page ${larger.wall.toFixed(0)} ms, worker ${larger.worker} ms; npm run verify ${largerCli.toFixed(0)} ms (${(larger.wall / largerCli).toFixed(2)}×)`,
  );
  writeFigures('verify-browser', {
    scenario: 'verify-browser',
    more: MORE,
    demo: { ...demo, cliMs: demoCli },
    larger: { ...larger, cliMs: largerCli },
    headline: {
      'demo record: page, navigation to verdict (ms)': demo.wall,
      'demo record: worker (ms)': demo.worker,
      'demo record: npm run verify (ms)': demoCli,
      'demo record: page / npm run verify': demo.wall / demoCli,
      [`demo + ${MORE}: page (ms)`]: larger.wall,
      [`demo + ${MORE}: npm run verify (ms)`]: largerCli,
      [`demo + ${MORE}: page / npm run verify`]: larger.wall / largerCli,
    },
  });
} finally {
  await browser?.close().catch(() => undefined);
  await db.end().catch(() => undefined);
  await stopProcess(api?.child);
  await database.drop();
}
