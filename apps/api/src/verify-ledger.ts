import { GENESIS_HASH, verifyChain, type LedgerEvent } from '#domain';
import { parseArgs } from 'node:util';

/**
 * `npm run verify-ledger -- --url https://asamblea.example.pe`: downloads the public record page by
 * page from any running instance and recomputes every hash with the documented recipe. Exit 0 when
 * the chain holds; 1 with the first broken link otherwise.
 */
const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
const base = values.url!.replace(/\/+$/, '');
let from = { sequence: 0, hash: GENESIS_HASH };
let checked = 0;
for (;;) {
  const response = await fetch(`${base}/api/ledger?after=${from.sequence}&limit=5000`);
  if (!response.ok) {
    process.stderr.write(`Cannot read ${base}/api/ledger: HTTP ${response.status}\n`);
    process.exit(2);
  }
  const page = (await response.json()) as { events: LedgerEvent[]; next: number | null };
  const verdict = verifyChain(page.events, from);
  checked += verdict.checked;
  if (!verdict.ok) {
    process.stdout.write(
      `BROKEN: event ${verdict.firstBroken!.sequence} (${verdict.firstBroken!.problem}); ${checked} events before it verified\n`,
    );
    process.exit(1);
  }
  if (verdict.lastSequence !== null) from = { sequence: verdict.lastSequence, hash: verdict.lastHash };
  if (page.next === null) break;
}
process.stdout.write(`OK: ${checked} events verified; head ${from.sequence} ${from.hash}\n`);
