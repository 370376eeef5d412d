import { SigningKeyHistory, type Checkpoint, type RecordedKey } from '../ledger/checkpoint.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';

/**
 * A witness keeps every checkpoint it has seen. A record that later contradicts one was rewritten (or
 * restored from an older backup, or cut short); two signed checkpoints for one sequence with different
 * hashes are a fork. These are the comparisons, with no I/O: the CLI downloads, this judges.
 */

export interface WitnessedCheckpoint extends Checkpoint {
  /** When this witness first saw it (ISO 8601, UTC). */
  seenAt: string;
}

export interface WitnessState {
  version: 1;
  /** The instance watched (a witness file is for one record). */
  url: string;
  checkpoints: WitnessedCheckpoint[];
  /** The keys the record stated, as last seen (so a run from a checkpoint still knows them). */
  keys: RecordedKey[];
}

export function emptyWitness(url: string): WitnessState {
  return { version: 1, url, checkpoints: [], keys: [] };
}

/** Refuses a file that is not a witness file, rather than starting over and forgetting what it held. */
export function parseWitness(text: string, url: string): WitnessState {
  const value = JSON.parse(text) as Partial<WitnessState>;
  if (value.version !== 1 || !Array.isArray(value.checkpoints) || !Array.isArray(value.keys))
    throw new TypeError('not an Asamblea witness file (version 1)');
  if (value.url !== url) throw new TypeError(`the witness file watches ${value.url}, not ${url}`);
  return value as WitnessState;
}

/** What the downloaded record says at the sequences that matter. */
export interface RecordView {
  /** The last sequence of the record (0 when empty). */
  end: number;
  /** The event hash at a sequence, for every sequence asked about that the record has. */
  hashAt: ReadonlyMap<number, string>;
}

export type WitnessFindingKind = 'signature' | 'fork' | 'rewritten' | 'truncated' | 'document';

export interface WitnessFinding {
  kind: WitnessFindingKind;
  sequence: number;
  line: string;
}

/** How the record contradicts one checkpoint (`when` says where it came from), or null when it agrees. */
export function contradiction(
  record: RecordView,
  checkpoint: { sequence: number; hash: string },
  when: string,
): WitnessFinding | null {
  const { sequence } = checkpoint;
  if (sequence > record.end)
    return {
      kind: 'truncated',
      sequence,
      line: `TRUNCATED: the record ends at ${record.end} but checkpoint ${sequence} was ${when}`,
    };
  if (record.hashAt.get(sequence) !== checkpoint.hash)
    return {
      kind: 'rewritten',
      sequence,
      line: `REWRITTEN: event ${sequence} differs from checkpoint ${sequence} ${when}`,
    };
  return null;
}

/**
 * Every contradiction between the served checkpoints, the kept ones and the record, in sequence order.
 * `keys` is the key history read from the record (seeded with the kept keys when the run did not start
 * at genesis).
 */
export function witnessFindings(input: {
  kept: readonly WitnessedCheckpoint[];
  served: readonly Checkpoint[];
  record: RecordView;
  keys: SigningKeyHistory;
}): WitnessFinding[] {
  const findings: WitnessFinding[] = [];
  const kept = new Map(input.kept.map((c) => [c.sequence, c]));
  for (const checkpoint of input.served) {
    const bad = input.keys.checkSignature(checkpoint);
    if (bad) findings.push({ kind: 'signature', sequence: checkpoint.sequence, line: bad });
    const earlier = kept.get(checkpoint.sequence);
    if (!bad && earlier && earlier.hash !== checkpoint.hash)
      findings.push({
        kind: 'fork',
        sequence: checkpoint.sequence,
        line: `FORK: checkpoint ${checkpoint.sequence} is now signed for hash ${checkpoint.hash}, but was signed for ${earlier.hash} (seen ${earlier.seenAt})`,
      });
  }
  for (const checkpoint of input.kept) {
    const finding = contradiction(input.record, checkpoint, `seen ${checkpoint.seenAt}`);
    if (finding) findings.push(finding);
  }
  for (const checkpoint of input.served) {
    if (kept.has(checkpoint.sequence)) continue;
    const finding = contradiction(input.record, checkpoint, `signed ${checkpoint.time}`);
    if (finding) findings.push(finding);
  }
  return findings.sort((a, b) => a.sequence - b.sequence);
}

/** The witness after a clean run: every served checkpoint kept, and the keys as the record states them. */
export function witnessAfter(
  state: WitnessState,
  served: readonly Checkpoint[],
  keys: readonly RecordedKey[],
  now: string,
): WitnessState {
  const byId = new Map(state.checkpoints.map((c) => [c.sequence, c]));
  for (const c of served)
    if (!byId.has(c.sequence))
      byId.set(c.sequence, {
        sequence: c.sequence,
        hash: c.hash,
        time: c.time,
        keyId: c.keyId,
        signature: c.signature,
        seenAt: now,
      });
  return {
    ...state,
    checkpoints: [...byId.values()].sort((a, b) => a.sequence - b.sequence),
    keys: keys.map((k) => ({ ...k })),
  };
}

/** A key history that starts from what a witness knew (for a run that does not read from genesis). */
export function keyHistoryFrom(keys: readonly RecordedKey[]): SigningKeyHistory {
  const history = new SigningKeyHistory();
  history.keys.push(...keys.map((k) => ({ ...k })));
  return history;
}

/**
 * Follows the record for one receipt (the hash of a ballot's or a compliance report's event) and says
 * what it is, in Spanish, the words a voter or an institution reads.
 */
export class ReceiptFinder {
  private found: LedgerEvent | null = null;
  private question: string | null = null;
  private closedAt: { sequence: number; counted: boolean; latest: number } | null = null;

  constructor(private readonly receipt: string) {}

  add(event: LedgerEvent): void {
    if (!this.found) {
      if (event.type === 'vote.opened') this.noteQuestion(event);
      if (event.hash === this.receipt) this.found = event;
      return;
    }
    const ballot = this.found.payload as { voteId?: string; delegateId?: string; revision?: number };
    if (this.found.type !== 'ballot.cast' || event.type !== 'vote.closed') return;
    const closed = event.payload as { voteId: string; revisions: { delegateId: string; revision: number }[] };
    if (closed.voteId !== ballot.voteId) return;
    const mine = closed.revisions.filter((r) => r.delegateId === ballot.delegateId).map((r) => r.revision);
    const latest = Math.max(0, ...mine);
    this.closedAt = { sequence: event.sequence, counted: latest === ballot.revision, latest };
  }

  private pendingQuestions = new Map<string, string>();
  private noteQuestion(event: LedgerEvent): void {
    const p = event.payload as { voteId: string; question: string };
    this.pendingQuestions.set(p.voteId, p.question);
  }

  /** Null while the receipt is not in the record. */
  describe(): string | null {
    const event = this.found;
    if (!event) return null;
    if (event.type === 'ballot.cast') {
      const p = event.payload as { voteId: string; revision: number };
      this.question = this.pendingQuestions.get(p.voteId) ?? null;
      const about = this.question ? `«${this.question}» (${p.voteId})` : p.voteId;
      const base = `boleta de la votación ${about}, evento ${event.sequence}, revisión ${p.revision}`;
      if (!this.closedAt) return `${base}; la votación sigue abierta`;
      return this.closedAt.counted
        ? `${base}; contada en el escrutinio (evento ${this.closedAt.sequence})`
        : `${base}; reemplazada por la revisión ${this.closedAt.latest}, que es la contada (evento ${this.closedAt.sequence})`;
    }
    if (event.type === 'compliance.reported') {
      const p = event.payload as { resolutionNumber: string; institutionCode: string; progress: number };
      return `informe de cumplimiento de la resolución ${p.resolutionNumber}, institución ${p.institutionCode} (avance ${p.progress} %), evento ${event.sequence}`;
    }
    return `evento ${event.sequence} (${event.type}) — no es una boleta ni un informe de cumplimiento`;
  }
}
