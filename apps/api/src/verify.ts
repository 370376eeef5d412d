import { describeVerdict, verifyRecord, type LedgerEvent, type RecordSource } from '#domain';
import { parseArgs } from 'node:util';

/**
 * `npm run verify -- --url https://asamblea.example.pe`: needs nothing but the public API. Downloads
 * the public record page by page, recomputes every hash, entitled-list hash, ballot commitment and
 * tally, and compares the served ballots and resolutions with the record. Exit 0 when all is
 * consistent; 1 naming the first discrepancy; 2 when the instance cannot be read.
 */
const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
const base = values.url!.replace(/\/+$/, '');

class Unreadable extends Error {}

async function get<T>(path: string, allowNotFound = false): Promise<T | null> {
  const response = await fetch(`${base}${path}`, { headers: { accept: 'application/json' } });
  if (allowNotFound && response.status === 404) return null;
  if (!response.ok) throw new Unreadable(`Cannot read ${base}${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const source: RecordSource = {
  ledgerPage: async (after) =>
    (await get<{ events: LedgerEvent[]; next: number | null }>(`/api/ledger?after=${after}&limit=5000`))!,
  vote: (voteId) => get(`/api/votes/${voteId}`, true),
  resolution: (number) => get(`/api/resolutions/${number}`, true),
  async resolutionNumbers() {
    const numbers: string[] = [];
    for (let before: string | null = null; ;) {
      const page: { items: { number: string }[]; next: string | null } | null = await get(
        `/api/resolutions?limit=100${before ? `&before=${before}` : ''}`,
      );
      numbers.push(...page!.items.map((item) => item.number));
      if (!page!.next) return numbers;
      before = page!.next;
    }
  },
};

try {
  const verdict = await verifyRecord(source);
  process.stdout.write(`${describeVerdict(verdict)}\n`);
  process.exit(verdict.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
