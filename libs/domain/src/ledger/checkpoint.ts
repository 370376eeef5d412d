import { sha256HexOfBase64 } from '#crypto/digest';
import { verifyEd25519 } from '#crypto/ed25519';
import { canonicalJson } from './canonical-json.js';

/**
 * Signed checkpoints of the public record. The hash chain shows that no single event was altered; a
 * checkpoint — the assembly's Ed25519 signature over "the record had this hash at this sequence at this
 * time" — lets anyone who kept one show that the whole chain was not rewritten afterwards.
 * Every signed message is a canonical JSON statement whose `kind` names what it is, so a signature over
 * one kind of statement can never be passed off as another.
 */

export const CHECKPOINT_STATEMENT_KIND = 'asamblea-checkpoint/1';
export const KEY_STATEMENT_KIND = 'asamblea-signing-key/1';

export interface CheckpointFacts {
  sequence: number;
  /** The hash of the record's event at `sequence`. */
  hash: string;
  /** When it was signed (ISO 8601 with milliseconds, UTC). */
  time: string;
}

export interface Checkpoint extends CheckpointFacts {
  keyId: string;
  /** Ed25519 signature of `checkpointStatement(...)`, base64. */
  signature: string;
}

export function keyIdOf(publicKeyBase64: string): string {
  return sha256HexOfBase64(publicKeyBase64).slice(0, 16);
}

/** False for a bad signature, a malformed key or a malformed signature (never throws). */
export function verifyStatement(publicKeyBase64: string, statement: string, signature: string): boolean {
  return verifyEd25519(publicKeyBase64, statement, signature);
}

/** What a checkpoint's signature covers. */
export function checkpointStatement(checkpoint: CheckpointFacts & { keyId: string }): string {
  return canonicalJson({
    kind: CHECKPOINT_STATEMENT_KIND,
    sequence: checkpoint.sequence,
    hash: checkpoint.hash,
    time: checkpoint.time,
    keyId: checkpoint.keyId,
  });
}

export function verifyCheckpointSignature(checkpoint: Checkpoint, publicKeyBase64: string): boolean {
  return (
    keyIdOf(publicKeyBase64) === checkpoint.keyId &&
    verifyStatement(publicKeyBase64, checkpointStatement(checkpoint), checkpoint.signature)
  );
}

/** A new key's statement; the previous key signs it to endorse the change (null for the first key). */
export function keyStatement(key: {
  keyId: string;
  publicKey: string;
  previousKeyId: string | null;
}): string {
  return canonicalJson({
    kind: KEY_STATEMENT_KIND,
    keyId: key.keyId,
    publicKey: key.publicKey,
    previousKeyId: key.previousKeyId,
  });
}

export interface SigningKeyAdoptedPayload {
  keyId: string;
  publicKey: string;
}

export interface SigningKeyChangedPayload extends SigningKeyAdoptedPayload {
  previousKeyId: string;
  /** The previous key's signature over `keyStatement(...)` of the new key, base64. */
  endorsement: string;
}

/** A key as the record states it, and the events it signs for. */
export interface RecordedKey {
  keyId: string;
  publicKey: string;
  /** The event that states the key: checkpoints at this sequence or later are signed with it… */
  fromSequence: number;
  /** …until the event that states the next key (null while in force). */
  untilSequence: number | null;
  previousKeyId: string | null;
  endorsement: string | null;
  statedAt: string;
}

export const SIGNING_KEY_EVENT_TYPES = ['record.signing_key_adopted', 'record.signing_key_changed'] as const;

/**
 * The record's signing keys, read from its `record.signing_key_*` events in order: the first adopts, each
 * change must name the key in force and carry its endorsement. `add` returns what is wrong, or null.
 */
export class SigningKeyHistory {
  readonly keys: RecordedKey[] = [];

  add(event: { sequence: number; type: string; payload: unknown; occurredAt: string }): string | null {
    if (event.type !== SIGNING_KEY_EVENT_TYPES[0] && event.type !== SIGNING_KEY_EVENT_TYPES[1]) return null;
    const p = event.payload as Partial<SigningKeyChangedPayload>;
    if (typeof p.publicKey !== 'string' || typeof p.keyId !== 'string' || keyIdOf(p.publicKey) !== p.keyId)
      return `event ${event.sequence}: the key id does not match its public key`;
    const current = this.keys.at(-1);
    if (event.type === 'record.signing_key_adopted') {
      if (current) return `event ${event.sequence}: a second key adopted without an endorsement`;
    } else {
      if (!current) return `event ${event.sequence}: a key change with no key in force`;
      if (p.previousKeyId !== current.keyId)
        return `event ${event.sequence}: the change names key ${String(p.previousKeyId)}, the key in force is ${current.keyId}`;
      const statement = keyStatement({
        keyId: p.keyId,
        publicKey: p.publicKey,
        previousKeyId: current.keyId,
      });
      if (typeof p.endorsement !== 'string' || !verifyStatement(current.publicKey, statement, p.endorsement))
        return `event ${event.sequence}: key ${p.keyId} is not endorsed by key ${current.keyId}`;
      current.untilSequence = event.sequence;
    }
    this.keys.push({
      keyId: p.keyId,
      publicKey: p.publicKey,
      fromSequence: event.sequence,
      untilSequence: null,
      previousKeyId: p.previousKeyId ?? null,
      endorsement: p.endorsement ?? null,
      statedAt: event.occurredAt,
    });
    return null;
  }

  /** The key that signs checkpoints at `sequence`: the last one stated at or before it. */
  keyAt(sequence: number): RecordedKey | null {
    for (let i = this.keys.length - 1; i >= 0; i -= 1)
      if (this.keys[i]!.fromSequence <= sequence) return this.keys[i]!;
    return null;
  }

  /** Null when the checkpoint is signed by the key in force at its sequence; otherwise why not. */
  checkSignature(checkpoint: Checkpoint): string | null {
    const key = this.keyAt(checkpoint.sequence);
    if (!key) return `SIGNATURE: checkpoint ${checkpoint.sequence} precedes every key the record states`;
    if (key.keyId !== checkpoint.keyId)
      return `SIGNATURE: checkpoint ${checkpoint.sequence} names key ${checkpoint.keyId}, the record's key there is ${key.keyId}`;
    if (!verifyCheckpointSignature(checkpoint, key.publicKey))
      return `SIGNATURE: checkpoint ${checkpoint.sequence} does not verify with key ${key.keyId}`;
    return null;
  }
}
