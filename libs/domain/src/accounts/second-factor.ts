import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: HMAC-SHA1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps accepted either side of now, for clocks that drift and codes typed near a step's end. */
const WINDOW = 1;
const ISSUER = 'Asamblea';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: codes are read off paper and typed. */
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A fresh 160-bit TOTP secret (RFC 4226's recommended length), in base32 for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` address an authenticator scans; `label` names the account in the app. */
export function totpUri(secretBase32: string, label: string): string {
  return totp(secretBase32, label).toString();
}

/** A six-digit code as typed (spaces allowed), or null when it is not one. */
export function asTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step a code belongs to, when it is the code of now or of the step either side and newer
 * than the last step this account used; null otherwise. A code, once accepted, is refused afterwards
 * (RFC 6238 §5.2): the caller stores the step answered here and passes it back as `lastUsedStep`.
 */
export function acceptedTotpStep(
  secretBase32: string,
  input: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | null {
  const token = asTotpCode(input);
  if (token === null) return null;
  const generator = totp(secretBase32);
  const delta = generator.validate({ token, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  const step = generator.counter({ timestamp: nowMs }) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}

/** The code of a time (tests and the set-up screen's own check use it). */
export function totpCodeAt(secretBase32: string, nowMs: number): string {
  return totp(secretBase32).generate({ timestamp: nowMs });
}

/** Ten codes like `k7qm-3xhd-9prt` (~59 bits each), shown once; only their digests are kept. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
  });
}

/** A recovery code as typed (any case, spaces or dashes), or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, '');
  return code.length === 12 && [...code].every((c) => RECOVERY_ALPHABET.includes(c)) ? code : null;
}

/**
 * What is stored of a recovery code. The codes are random enough that a plain digest cannot be reversed
 * by guessing; the account id in it makes equal codes of two accounts differ.
 */
export function recoveryCodeDigest(userId: string, normalized: string): string {
  return createHash('sha256').update(`asamblea recovery code\0${userId}\0${normalized}`).digest('hex');
}
