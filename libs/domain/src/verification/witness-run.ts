import {
  checkpointStatement,
  keyStatement,
  SigningKeyHistory,
  type Checkpoint,
  type SigningKeyChangedPayload,
} from '../ledger/checkpoint.js';
import { verifyChain, type LedgerEvent } from '../ledger/hash-chain.js';
import type { HttpRecordReader } from './http-record-source.js';
import { describeVerdict, verifyRecord, type RecordSource, type RecordVerdict } from './verify-record.js';
import {
  contradiction,
  keyHistoryFrom,
  ReceiptFinder,
  witnessAfter,
  witnessFindings,
  type WitnessFinding,
  type WitnessState,
} from './witness.js';

/** One signature the run is about to check. */
export interface SignatureCheck {
  publicKey: string;
  message: string;
  signature: string;
}

export interface WitnessRunOptions {
  reader: HttpRecordReader;
  /** What the witness held before this run (an empty witness for a first run). */
  state: WitnessState;
  receipt: string | null;
  /** Start at the newest checkpoint the witness holds rather than at genesis. */
  fromCheckpoint: boolean;
  /** A checkpoint printed on a document (its QR code: sequence and hash), to find in the record. */
  document?: { sequence: number; hash: string } | null;
  out: (line: string) => void;
  /** After each page of the record: events verified so far and the last sequence read. */
  progress?: (checked: number, lastSequence: number) => void;
  /**
   * Given every signature before it is checked: the browser verifies them ahead with WebCrypto (whose
   * answers come asynchronously; the verifier's checks are synchronous).
   */
  signaturesAhead?: (checks: SignatureCheck[]) => Promise<void>;
  now?: () => string;
}

export interface WitnessRunResult {
  /** 0 consistent; 1 a contradiction, a discrepancy, or the receipt not in the record. */
  status: 0 | 1;
  /** The full verification's verdict (null when the run started from a checkpoint). */
  verdict: RecordVerdict | null;
  findings: WitnessFinding[];
  /** What the receipt is, in Spanish; null when not found; undefined when none was asked about. */
  receipt?: string | null;
  /** The document's checkpoint against the record; undefined when none was given. */
  document?: { matches: boolean; signed: boolean };
  /** Signed checkpoints verified with the record's keys. */
  checkpoints: number;
  /** The witness to keep after a clean run (every served checkpoint added); null: keep what was held. */
  state: WitnessState | null;
  added: number;
}

/** Endorsements of key changes in a page of the record, with the key that must have signed each. */
function endorsementChecks(events: readonly LedgerEvent[], known: Map<string, string>): SignatureCheck[] {
  const checks: SignatureCheck[] = [];
  for (const event of events) {
    if (event.type !== 'record.signing_key_adopted' && event.type !== 'record.signing_key_changed') continue;
    const p = event.payload as Partial<SigningKeyChangedPayload>;
    if (typeof p.keyId !== 'string' || typeof p.publicKey !== 'string') continue;
    const signer = p.previousKeyId ? known.get(p.previousKeyId) : undefined;
    if (signer && typeof p.endorsement === 'string')
      checks.push({
        publicKey: signer,
        message: keyStatement({ keyId: p.keyId, publicKey: p.publicKey, previousKeyId: p.previousKeyId! }),
        signature: p.endorsement,
      });
    known.set(p.keyId, p.publicKey);
  }
  return checks;
}

/**
 * The witness: keeps every signed checkpoint it has seen and fails, naming the sequence, when the record
 * served later contradicts one (rewritten, forked, cut short or signed with the wrong key); looks up a
 * receipt; checks a document's printed checkpoint. Unless it starts from a checkpoint, it verifies the
 * whole record (verifyRecord) as it reads it. Shared by `npm run verify` and the verification page; the
 * caller keeps the state (a file; the browser's storage).
 */
export async function runWitness(options: WitnessRunOptions): Promise<WitnessRunResult> {
  const { out, reader, state } = options;
  const now = options.now ?? (() => new Date().toISOString());
  // Checkpoints first: each names a committed event, so the record read afterwards must contain it.
  const served = await reader.checkpoints();
  const interest = new Set([...state.checkpoints, ...served].map((c) => c.sequence));
  if (options.document) interest.add(options.document.sequence);
  const hashAt = new Map<number, string>();
  let end = 0;
  const receipt = options.receipt ? new ReceiptFinder(options.receipt.toLowerCase()) : null;
  const start = options.fromCheckpoint && !receipt ? (state.checkpoints.at(-1) ?? null) : null;
  let keys = new SigningKeyHistory();
  const knownKeys = new Map<string, string>(state.keys.map((k) => [k.keyId, k.publicKey]));
  let keyProblem: string | null = null;
  let checkedEvents = 0;
  const observe = (events: LedgerEvent[]) => {
    for (const event of events) {
      if (interest.has(event.sequence)) hashAt.set(event.sequence, event.hash);
      end = event.sequence;
      keyProblem ??= keys.add(event);
      receipt?.add(event);
    }
  };
  const read = async (after: number) => {
    const page = await reader.source.ledgerPage(after);
    const ahead = endorsementChecks(page.events, knownKeys);
    if (ahead.length) await options.signaturesAhead?.(ahead);
    return page;
  };

  let chainOk: boolean;
  let verdict: RecordVerdict | null = null;
  let fromStart = false;
  if (start) {
    const page = await reader.get<{ events: LedgerEvent[] }>(
      `/api/ledger?after=${start.sequence - 1}&limit=1`,
    );
    fromStart = page!.events[0]?.hash === start.hash;
    if (!fromStart)
      out(
        `NOTE: the record differs at checkpoint ${start.sequence} the witness holds: verifying from genesis`,
      );
  }
  let comparable: readonly Checkpoint[] = served;
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
    for (let after = start.sequence; ;) {
      const page = await read(after);
      const chain = verifyChain(page.events, from);
      observe(page.events.slice(0, chain.checked));
      checkedEvents += chain.checked;
      options.progress?.(checkedEvents, end);
      if (!chain.ok) {
        out(
          `BROKEN: event ${chain.firstBroken!.sequence} (${chain.firstBroken!.problem}); ${checkedEvents} events before it verified from checkpoint ${start.sequence}`,
        );
        return { status: 1, verdict: null, findings: [], checkpoints: 0, state: null, added: 0 };
      }
      if (chain.lastSequence !== null) from = { sequence: chain.lastSequence, hash: chain.lastHash };
      if (page.next === null) break;
      after = page.next;
    }
    chainOk = true;
    out(
      `OK: ${checkedEvents} events verified from checkpoint ${start.sequence} (seen ${start.seenAt}); head ${from.sequence} ${from.hash}`,
    );
    out(
      'NOTE: started from a checkpoint: every hash after it is recomputed, but votes, ballots and tallies are not (they need the record from genesis; run without --from-checkpoint)',
    );
  } else {
    const tapped: RecordSource = {
      ...reader.source,
      ledgerPage: async (after) => {
        const page = await read(after);
        observe(page.events);
        checkedEvents += page.events.length;
        options.progress?.(checkedEvents, end);
        return page;
      },
    };
    verdict = await verifyRecord(tapped);
    out(describeVerdict(verdict));
    chainOk = verdict.ok;
    // A broken chain stops the download: what was not read cannot be compared.
    if (verdict.firstBroken)
      return { status: 1, verdict, findings: [], checkpoints: 0, state: null, added: 0 };
  }

  let receiptText: string | null | undefined;
  if (receipt) {
    receiptText = receipt.describe();
    out(
      receiptText
        ? `RECEIPT: ${options.receipt} is ${receiptText}`
        : `NOT FOUND: no event of the record has hash ${options.receipt}`,
    );
    if (!receiptText) chainOk = false;
  }

  await options.signaturesAhead?.(
    comparable.flatMap((c) => {
      const key = keys.keyAt(c.sequence);
      return key
        ? [{ publicKey: key.publicKey, message: checkpointStatement(c), signature: c.signature }]
        : [];
    }),
  );
  const findings = witnessFindings({
    kept: state.checkpoints,
    served: comparable,
    record: { end, hashAt },
    keys,
  });
  if (keyProblem)
    findings.unshift({
      kind: 'signature',
      sequence: 0,
      line: `SIGNATURE: the record's keys do not verify: ${keyProblem}`,
    });
  let document: WitnessRunResult['document'];
  if (options.document) {
    const printed = options.document;
    const finding = contradiction({ end, hashAt }, printed, 'printed on the document');
    const signed = served.some((c) => c.sequence === printed.sequence && c.hash === printed.hash);
    document = { matches: !finding, signed };
    if (finding) findings.push({ ...finding, kind: 'document', line: `DOCUMENT: ${finding.line}` });
    else
      out(
        `OK: checkpoint ${printed.sequence} printed on the document is in the record${signed ? ', signed' : ''}`,
      );
  }
  for (const finding of findings) out(finding.line);
  const result = { verdict, findings, receipt: receiptText, document, checkpoints: comparable.length };
  if (findings.length) return { ...result, status: 1, state: null, added: 0 };
  const after = witnessAfter(state, comparable, keys.keys, now());
  const newest = comparable.at(-1);
  out(
    `OK: ${comparable.length} signed checkpoints verified with the record's keys${state.checkpoints.length ? `; the ${state.checkpoints.length} the witness held agree with the record` : ''}${newest ? `; newest ${newest.sequence} ${newest.hash}` : ''}`,
  );
  // A record that fails verification does not get its checkpoints kept.
  if (!chainOk) return { ...result, status: 1, state: null, added: 0 };
  return { ...result, status: 0, state: after, added: after.checkpoints.length - state.checkpoints.length };
}
