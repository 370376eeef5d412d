import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { checkpointStatement, keyIdOf, type Checkpoint, type CheckpointFacts } from './checkpoint.js';

/** Signing is the instance's alone (Node only); checking signatures is in checkpoint.ts, for every verifier. */

export interface SigningKey {
  /** First 16 hex characters of the SHA-256 of the raw 32-byte public key. */
  keyId: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  privateKey: KeyObject;
}

// An Ed25519 private key in PKCS#8 DER is this fixed prefix followed by the 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

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

export function signStatement(key: SigningKey, statement: string): string {
  return sign(null, Buffer.from(statement, 'utf8'), key.privateKey).toString('base64');
}

export function signCheckpointFacts(key: SigningKey, facts: CheckpointFacts): Checkpoint {
  const unsigned = { sequence: facts.sequence, hash: facts.hash, time: facts.time, keyId: key.keyId };
  return { ...unsigned, signature: signStatement(key, checkpointStatement(unsigned)) };
}
