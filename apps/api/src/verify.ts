import { describeVerdict, httpRecordReader, RecordUnreadable, verifyRecord } from '#domain';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { runWitnessFile } from './witness.js';

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

// Hashed as it arrives: an evidence file is never held whole.
const reader = httpRecordReader(base, async (response) => {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), size };
});

try {
  if (values['from-checkpoint'] && !values.witness)
    throw new RecordUnreadable(
      '--from-checkpoint needs --witness <file>: the checkpoint to start from is one the witness kept',
    );
  if (values.witness || values.receipt)
    process.exit(
      await runWitnessFile({
        base,
        reader,
        witnessFile: values.witness ?? null,
        receipt: values.receipt ?? null,
        fromCheckpoint: values['from-checkpoint']!,
        out: (line) => process.stdout.write(`${line}\n`),
      }),
    );
  const verdict = await verifyRecord(reader.source);
  process.stdout.write(`${describeVerdict(verdict)}\n`);
  process.exit(verdict.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
