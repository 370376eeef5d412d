import { emptyWitness, parseWitness, runWitness, type HttpRecordReader } from '#domain';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The witness half of `npm run verify` (see verify.ts): the witness file is read and written here; the
 * run itself (shared with the verification page) is libs/domain/src/verification/witness-run.ts.
 */
export interface WitnessOptions {
  base: string;
  reader: HttpRecordReader;
  witnessFile: string | null;
  receipt: string | null;
  fromCheckpoint: boolean;
  out: (line: string) => void;
}

/** Exit status: 0 consistent, 1 a contradiction (or the receipt is not in the record). */
export async function runWitnessFile(options: WitnessOptions): Promise<number> {
  const state =
    options.witnessFile && existsSync(options.witnessFile)
      ? parseWitness(readFileSync(options.witnessFile, 'utf8'), options.base)
      : emptyWitness(options.base);
  const result = await runWitness({
    reader: options.reader,
    state,
    receipt: options.receipt,
    fromCheckpoint: options.fromCheckpoint,
    out: options.out,
  });
  if (result.status === 0 && result.state && options.witnessFile) {
    // Written aside then renamed: a run cut short never leaves half a witness file.
    const temporary = `${options.witnessFile}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(result.state, null, 2)}\n`);
    renameSync(temporary, options.witnessFile);
    options.out(
      `OK: witness ${options.witnessFile} keeps ${result.state.checkpoints.length} checkpoints (${result.added} new)`,
    );
  }
  return result.status;
}
