/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
export const TRACKER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random characters; a 16th, the check character, follows them (4 groups of 4). */
const RANDOM_LENGTH = 15;
export const TRACKER_LENGTH = RANDOM_LENGTH + 1;

/** Fills the array with cryptographically strong random bytes (the browser's and Node's Web Crypto). */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => void;

const webCryptoFill: RandomFill = (bytes) => {
  // The DOM typing wants an ArrayBuffer-backed view; ours always is (newTrackerCode allocates it).
  globalThis.crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
};

/**
 * The check character: Luhn mod 32 over the character values, which catches any one mistyped
 * character and almost every swap of two neighbours (the mistakes people make copying codes).
 */
export function trackerCheckCharacter(body: string): string {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    const value = TRACKER_ALPHABET.indexOf(body[i]!);
    if (value < 0) throw new RangeError(`not a tracker character: ${body[i]}`);
    const addend = double ? value * 2 : value;
    sum += Math.floor(addend / 32) + (addend % 32);
    double = !double;
  }
  return TRACKER_ALPHABET[(32 - (sum % 32)) % 32]!;
}

/**
 * A new ballot tracker, `XXXX-XXXX-XXXX-XXXX`: 75 random bits and a check character. It is a secret
 * until the close (it lets its holder change the ballot), then public beside the choice. Drawn on the
 * voter's device, so a retried first ballot carries the same tracker and needs no server-side key.
 */
export function newTrackerCode(fill: RandomFill = webCryptoFill): string {
  const bytes = new Uint8Array(RANDOM_LENGTH);
  fill(bytes);
  // 32 divides 256, so taking 5 bits of each byte is unbiased.
  let body = '';
  for (const byte of bytes) body += TRACKER_ALPHABET[byte & 31];
  return formatTrackerCode(body + trackerCheckCharacter(body));
}

/** `ABCD-EFGH-JKMN-PQRS`, as shown and published. */
export function formatTrackerCode(normalized: string): string {
  return normalized.match(/.{1,4}/g)!.join('-');
}

/**
 * The tracker as typed (any case, spaces or dashes, O for 0, I or L for 1) in its published form, or
 * null when it cannot be one: wrong length, a foreign character, or a check character that does not fit.
 */
export function parseTrackerCode(typed: string): string | null {
  const normalized = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (normalized.length !== TRACKER_LENGTH) return null;
  for (const char of normalized) if (!TRACKER_ALPHABET.includes(char)) return null;
  const body = normalized.slice(0, RANDOM_LENGTH);
  if (trackerCheckCharacter(body) !== normalized[RANDOM_LENGTH]) return null;
  return formatTrackerCode(normalized);
}

/** True for a tracker exactly in its published form (what the verifier expects in the list). */
export function isPublishedTracker(value: unknown): value is string {
  return typeof value === 'string' && parseTrackerCode(value) === value;
}
