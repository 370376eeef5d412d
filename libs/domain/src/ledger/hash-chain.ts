import { sha256Hex } from '#crypto/digest';
import { canonicalJson } from './canonical-json.js';

export { sha256Hex };

/** The hash the first event points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerEventContent {
  sequence: number;
  type: string;
  subject: string;
  payload: unknown;
  actor: string | null;
  /** ISO 8601 with milliseconds, UTC (`Date.prototype.toISOString`). */
  occurredAt: string;
}

export interface LedgerEvent extends LedgerEventContent {
  payloadHash: string;
  previousHash: string;
  hash: string;
}

export function payloadHash(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}

type HashedHeader = Omit<LedgerEventContent, 'payload'> & { payloadHash: string; previousHash: string };

function headerText(event: HashedHeader): string {
  return canonicalJson({
    actor: event.actor,
    occurredAt: event.occurredAt,
    payloadHash: event.payloadHash,
    previousHash: event.previousHash,
    sequence: event.sequence,
    subject: event.subject,
    type: event.type,
  });
}

/**
 * hash = SHA-256 of the canonical JSON of
 * { actor, occurredAt, payloadHash, previousHash, sequence, subject, type }.
 */
export function eventHash(event: HashedHeader): string {
  return sha256Hex(headerText(event));
}

/** The two texts `verifyChain` hashes for a served event (the browser digests them ahead, with WebCrypto). */
export function chainHashInputs(event: LedgerEvent): [string, string] {
  return [canonicalJson(event.payload), headerText(event)];
}

/** Seals the next event of a chain whose last event has `previousHash`. */
export function sealEvent(content: LedgerEventContent, previousHash: string): LedgerEvent {
  const withPayload = { ...content, payloadHash: payloadHash(content.payload), previousHash };
  return { ...withPayload, hash: eventHash(withPayload) };
}

export type ChainProblem =
  'sequence_gap' | 'payload_hash_mismatch' | 'previous_hash_mismatch' | 'hash_mismatch';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  lastSequence: number | null;
  lastHash: string;
  firstBroken?: { sequence: number; problem: ChainProblem };
}

/**
 * Recomputes every hash in order, starting after `from` (genesis by default, or a trusted checkpoint
 * for page-wise verification), and names the first event that does not fit.
 */
export function verifyChain(
  events: Iterable<LedgerEvent>,
  from: { sequence: number; hash: string } = { sequence: 0, hash: GENESIS_HASH },
): ChainVerdict {
  let expectedSequence = from.sequence + 1;
  let previous = from.hash;
  let checked = 0;
  let lastSequence: number | null = from.sequence === 0 ? null : from.sequence;
  for (const event of events) {
    const broken = (problem: ChainProblem): ChainVerdict => ({
      ok: false,
      checked,
      lastSequence,
      lastHash: previous,
      firstBroken: { sequence: event.sequence, problem },
    });
    if (event.sequence !== expectedSequence) return broken('sequence_gap');
    if (payloadHash(event.payload) !== event.payloadHash) return broken('payload_hash_mismatch');
    if (event.previousHash !== previous) return broken('previous_hash_mismatch');
    if (eventHash(event) !== event.hash) return broken('hash_mismatch');
    previous = event.hash;
    lastSequence = event.sequence;
    expectedSequence += 1;
    checked += 1;
  }
  return { ok: true, checked, lastSequence, lastHash: previous };
}
