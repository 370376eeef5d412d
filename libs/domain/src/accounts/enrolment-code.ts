import { createHash, randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/**
 * A one-time enrolment code, `XXXX-XXXX-XXXX`: 60 random bits. Guessing one is out of reach behind the
 * login throttle and the code's expiry; it is stored only as its SHA-256.
 */
export function newEnrolmentCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return formatEnrolmentCode(raw);
}

export function formatEnrolmentCode(normalized: string): string {
  return normalized.match(/.{1,4}/g)!.join('-');
}

/** The code as typed (any case, spaces or dashes, O for 0, I or L for 1); null when it cannot be one. */
export function normalizeEnrolmentCode(typed: string): string | null {
  const normalized = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (normalized.length !== LENGTH) return null;
  for (const char of normalized) if (!ALPHABET.includes(char)) return null;
  return normalized;
}

/** What is stored and looked up: the digest of the normalized code. */
export function enrolmentCodeDigest(normalized: string): Buffer {
  return createHash('sha256').update(`enrolment:${normalized}`).digest();
}
