import {
  describeVerdict,
  emptyWitness,
  keyHistoryFrom,
  parseWitness,
  ReceiptFinder,
  SigningKeyHistory,
  verifyChain,
  verifyRecord,
  witnessAfter,
  witnessFindings,
  type Checkpoint,
  type LedgerEvent,
  type RecordSource,
  type WitnessState,
} from '#domain';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The witness half of `npm run verify` (see verify.ts): keeps every signed checkpoint it has seen in a
 * file and fails, naming the sequence, when the record served later contradicts one. Also looks up one
 * receipt. I/O only; the judging is libs/domain/src/verification/witness.ts.
 */
export interface WitnessOptions {
  base: string;
  source: RecordSource;
  get: <T>(path: string) => Promise<T>;
  witnessFile: string | null;
  receipt: string | null;
  fromCheckpoint: boolean;
  out: (line: string) => void;
}

async function servedCheckpoints(get: WitnessOptions['get']): Promise<Checkpoint[]> {
  const all: Checkpoint[] = [];
  for (let before: number | null = null; ;) {
    const page: { items: Checkpoint[]; next: number | null } = await get(
      `/api/ledger/checkpoints?limit=1000${before ? `&before=${before}` : ''}`,
    );
    all.push(...page.items);
    if (page.next === null) return all.reverse();
    before = page.next;
  }
}

/** Exit status: 0 consistent, 1 a contradiction (or the receipt is not in the record). */
export async function runWitness(options: WitnessOptions): Promise<number> {
  const { out, get } = options;
  const state: WitnessState =
    options.witnessFile && existsSync(options.witnessFile)
      ? parseWitness(readFileSync(options.witnessFile, 'utf8'), options.base)
      : emptyWitness(options.base);
  // Checkpoints first: each names a committed event, so the record read afterwards must contain it.
  const served = await servedCheckpoints(get);
  const interest = new Set([...state.checkpoints, ...served].map((c) => c.sequence));
  const hashAt = new Map<number, string>();
  let end = 0;
  const receipt = options.receipt ? new ReceiptFinder(options.receipt.toLowerCase()) : null;
  const start = options.fromCheckpoint && !receipt ? (state.checkpoints.at(-1) ?? null) : null;
  let keys = new SigningKeyHistory();
  let keyProblem: string | null = null;
  const observe = (events: LedgerEvent[]) => {
    for (const event of events) {
      if (interest.has(event.sequence)) hashAt.set(event.sequence, event.hash);
      end = event.sequence;
      keyProblem ??= keys.add(event);
      receipt?.add(event);
    }
  };

  let chainOk: boolean;
  let fromStart = false;
  if (start) {
    const page: { events: LedgerEvent[] } = await get(`/api/ledger?after=${start.sequence - 1}&limit=1`);
    fromStart = page.events[0]?.hash === start.hash;
    if (!fromStart)
      out(
        `NOTE: the record differs at checkpoint ${start.sequence} the witness holds: verifying from genesis`,
      );
  }
  let comparable = served;
  if (start && fromStart) {
    keys = keyHistoryFrom(state.keys);
    // The hash at the start checkpoint commits to everything before it: the kept ones there agree.
    for (const kept of state.checkpoints)
      if (kept.sequence <= start.sequence) hashAt.set(kept.sequence, kept.hash);
    // Served ones before the start that the witness never saw cannot be compared without that part.
    const kept = new Set(state.checkpoints.map((c) => c.sequence));
    comparable = served.filter((c) => c.sequence >= start.sequence || kept.has(c.sequence));
    end = start.sequence;
    let from = { sequence: start.sequence, hash: start.hash };
    let checked = 0;
    for (let after = start.sequence; ;) {
      const page = await options.source.ledgerPage(after);
      const chain = verifyChain(page.events, from);
      observe(page.events.slice(0, chain.checked));
      checked += chain.checked;
      if (!chain.ok) {
        out(
          `BROKEN: event ${chain.firstBroken!.sequence} (${chain.firstBroken!.problem}); ${checked} events before it verified from checkpoint ${start.sequence}`,
        );
        return 1;
      }
      if (chain.lastSequence !== null) from = { sequence: chain.lastSequence, hash: chain.lastHash };
      if (page.next === null) break;
      after = page.next;
    }
    chainOk = true;
    out(
      `OK: ${checked} events verified from checkpoint ${start.sequence} (seen ${start.seenAt}); head ${from.sequence} ${from.hash}`,
    );
    out(
      'NOTE: started from a checkpoint: every hash after it is recomputed, but votes, ballots and tallies are not (they need the record from genesis; run without --from-checkpoint)',
    );
  } else {
    const tapped: RecordSource = {
      ...options.source,
      ledgerPage: async (after) => {
        const page = await options.source.ledgerPage(after);
        observe(page.events);
        return page;
      },
    };
    const verdict = await verifyRecord(tapped);
    out(describeVerdict(verdict));
    chainOk = verdict.ok;
    // A broken chain stops the download: what was not read cannot be compared.
    if (verdict.firstBroken) return 1;
  }

  if (receipt) {
    const what = receipt.describe();
    out(
      what
        ? `RECEIPT: ${options.receipt} is ${what}`
        : `NOT FOUND: no event of the record has hash ${options.receipt}`,
    );
    if (!what) chainOk = false;
  }

  const findings = witnessFindings({
    kept: state.checkpoints,
    served: comparable,
    record: { end, hashAt },
    keys,
  });
  if (keyProblem)
    findings.unshift({ sequence: 0, line: `SIGNATURE: the record's keys do not verify: ${keyProblem}` });
  for (const finding of findings) out(finding.line);
  if (findings.length) return 1;
  const after = witnessAfter(state, comparable, keys.keys, new Date().toISOString());
  const added = after.checkpoints.length - state.checkpoints.length;
  const newest = comparable.at(-1);
  out(
    `OK: ${comparable.length} signed checkpoints verified with the record's keys${state.checkpoints.length ? `; the ${state.checkpoints.length} the witness held agree with the record` : ''}${newest ? `; newest ${newest.sequence} ${newest.hash}` : ''}`,
  );
  // A record that fails verification does not get its checkpoints kept.
  if (!chainOk) return 1;
  if (options.witnessFile) {
    // Written aside then renamed: a run cut short never leaves half a witness file.
    const temporary = `${options.witnessFile}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(after, null, 2)}\n`);
    renameSync(temporary, options.witnessFile);
    out(`OK: witness ${options.witnessFile} keeps ${after.checkpoints.length} checkpoints (${added} new)`);
  }
  return 0;
}
