import { describeVerdict, verifyRecord, type LedgerEvent, type RecordSource } from '#domain';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { runWitness } from './witness.js';

/**
 * `npm run verify -- --url https://asamblea.example.pe`: needs nothing but the public API. Downloads
 * the public record page by page, recomputes every hash, entitled-list hash, ballot commitment and
 * tally, and compares the served ballots, resolutions, motions, sessions (agenda, attendance, speeches),
 * compliance reports and evidence files with the record. Exit 0 when all is
 * consistent; 1 naming the first discrepancy; 2 when the instance cannot be read.
 * `--witness <file>` keeps the signed checkpoints seen and fails when the record contradicts one;
 * `--receipt <hash>` says what a receipt is; `--from-checkpoint` starts at the witness's newest
 * checkpoint (witness.ts).
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    witness: { type: 'string' },
    receipt: { type: 'string' },
    'from-checkpoint': { type: 'boolean', default: false },
  },
});
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
  async motionIds() {
    const ids: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page: { items: { id: string }[]; nextCursor: string | null } | null = await get(
        `/api/motions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      ids.push(...page!.items.map((item) => item.id));
      if (!page!.nextCursor) return ids;
      cursor = page!.nextCursor;
    }
  },
  motion: (id) => get(`/api/motions/${id}`, true),
  sessionIds: async () => (await get<{ id: string }[]>('/api/sessions'))!.map((row) => row.id),
  sessionRecord: (id) => get(`/api/sessions/${id}/record`, true),
  sessionSnapshot: (id) => get(`/api/sessions/${id}`, true),
  compliance: (number) => get(`/api/resolutions/${number}/compliance`, true),
  // Hashed as it arrives: a file is never held whole.
  async evidenceFile(sha256) {
    const response = await fetch(`${base}/api/evidence/${sha256}`);
    if (response.status === 404) return null;
    if (!response.ok || !response.body)
      throw new Unreadable(`Cannot read ${base}/api/evidence/${sha256}: HTTP ${response.status}`);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      size += chunk.byteLength;
    }
    return { sha256: hash.digest('hex'), size };
  },
};

try {
  if (values['from-checkpoint'] && !values.witness)
    throw new Unreadable(
      '--from-checkpoint needs --witness <file>: the checkpoint to start from is one the witness kept',
    );
  if (values.witness || values.receipt)
    process.exit(
      await runWitness({
        base,
        source,
        get: async <T>(path: string) => (await get<T>(path))!,
        witnessFile: values.witness ?? null,
        receipt: values.receipt ?? null,
        fromCheckpoint: values['from-checkpoint']!,
        out: (line) => process.stdout.write(`${line}\n`),
      }),
    );
  const verdict = await verifyRecord(source);
  process.stdout.write(`${describeVerdict(verdict)}\n`);
  process.exit(verdict.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
