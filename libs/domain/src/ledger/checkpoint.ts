import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
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

export interface SigningKey {
  /** First 16 hex characters of the SHA-256 of the raw 32-byte public key. */
  keyId: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  privateKey: KeyObject;
}

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

// An Ed25519 private key in PKCS#8 DER is this fixed prefix followed by the 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function keyIdOf(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

/** The signing key from its 32-byte seed (RECORD_SIGNING_KEY is the seed in base64). */
export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = Buffer.from(jwk.x!, 'base64url').toString('base64');
  return { keyId: keyIdOf(publicKey), publicKey, privateKey };
}

function publicKeyObject(publicKeyBase64: string): KeyObject {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

export function signStatement(key: SigningKey, statement: string): string {
  return edSign(null, Buffer.from(statement, 'utf8'), key.privateKey).toString('base64');
}

/** False for a bad signature, a malformed key or a malformed signature (never throws). */
export function verifyStatement(publicKeyBase64: string, statement: string, signature: string): boolean {
  try {
    const bytes = Buffer.from(signature, 'base64');
    if (bytes.length !== 64) return false;
    return edVerify(null, Buffer.from(statement, 'utf8'), publicKeyObject(publicKeyBase64), bytes);
  } catch {
    return false;
  }
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

export function signCheckpointFacts(key: SigningKey, facts: CheckpointFacts): Checkpoint {
  const unsigned = { sequence: facts.sequence, hash: facts.hash, time: facts.time, keyId: key.keyId };
  return { ...unsigned, signature: signStatement(key, checkpointStatement(unsigned)) };
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
