import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a sealed secret is for: part of its associated data, so a ciphertext cannot serve another purpose. */
export type SealedPurpose =
  | 'webhook-secret'
  | 'totp-secret'
  /** A secret vote's ballot key, sealed under SECRETS_KEY while the vote is open (docs/secret-ballots.md). */
  | 'ballot-key'
  /** One ballot in a secret vote's box, sealed under that vote's ballot key. */
  | 'secret-ballot';

/** Where a sealed secret belongs: its purpose and the id of its row. */
export interface SealContext {
  purpose: SealedPurpose;
  id: string;
}

const FORMAT_V1 = 0x01;
const KEY_ID_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES;

/** A sealed secret that cannot be opened: another key, another row or purpose, or altered bytes. */
export class SealedSecretUnreadable extends Error {
  constructor(reason: string) {
    super(`sealed secret unreadable: ${reason}`);
    this.name = 'SealedSecretUnreadable';
  }
}

function keyIdOf(key: Uint8Array): Buffer {
  return createHash('sha256')
    .update('asamblea secrets key id\0')
    .update(key)
    .digest()
    .subarray(0, KEY_ID_BYTES);
}

function associatedData(header: Uint8Array, context: SealContext): Buffer {
  return Buffer.concat([header, Buffer.from(`asamblea\0${context.purpose}\0${context.id}`, 'utf8')]);
}

/**
 * Secrets at rest, sealed with AES-256-GCM: `format (1) | key id (4) | IV (12) | ciphertext | tag (16)`.
 * The key id (a digest of the key, not the key) says which key sealed a value, so a later rotation can
 * open old values with the previous key while sealing new ones with the current one. The associated data
 * (the header, the purpose and the row's id) binds a ciphertext to its row: copied into another row, or
 * read for another purpose, it fails authentication like altered bytes do.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly current: { id: Buffer; key: Buffer };

  /** `previous`: keys that may still open values sealed before a rotation (none yet). */
  constructor(key: Uint8Array, previous: readonly Uint8Array[] = []) {
    for (const candidate of [key, ...previous]) {
      if (candidate.length !== 32) throw new Error('a secrets key is 32 bytes');
      this.keys.set(keyIdOf(candidate).toString('hex'), Buffer.from(candidate));
    }
    this.current = { id: keyIdOf(key), key: Buffer.from(key) };
  }

  seal(plain: string, context: SealContext): Buffer {
    const header = Buffer.concat([Buffer.from([FORMAT_V1]), this.current.id]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(header, context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
  }

  open(sealed: Uint8Array, context: SealContext): string {
    const bytes = Buffer.from(sealed);
    if (bytes.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) throw new SealedSecretUnreadable('too short');
    if (bytes[0] !== FORMAT_V1) throw new SealedSecretUnreadable(`unknown format ${bytes[0]}`);
    const header = bytes.subarray(0, HEADER_BYTES);
    const key = this.keys.get(header.subarray(1).toString('hex'));
    if (!key) throw new SealedSecretUnreadable('sealed with another key');
    const iv = bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const body = bytes.subarray(HEADER_BYTES + IV_BYTES, bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(header, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedSecretUnreadable('authentication failed');
    }
  }

  /** Whether a value was sealed with the current key (a rotation re-seals the others). */
  sealedWithCurrentKey(sealed: Uint8Array): boolean {
    return Buffer.from(sealed).subarray(1, HEADER_BYTES).equals(this.current.id);
  }
}
