import {
  acceptedTotpStep,
  asTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  recoveryCodeDigest,
  totpCodeAt,
  totpUri,
} from './second-factor.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8-digit codes; ours are their last 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP = 30_000;

describe('TOTP', () => {
  it('computes the RFC 6238 test vectors (last six digits)', () => {
    expect(totpCodeAt(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, 1_111_111_109_000)).toBe('081804');
    expect(totpCodeAt(RFC_SECRET, 1_234_567_890_000)).toBe('005924');
  });

  it('accepts the code of now and of one step either side, not two', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = Math.floor(now / STEP);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now - STEP), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now + STEP), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now - 2 * STEP), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now + 2 * STEP), now, null)).toBeNull();
  });

  it('refuses a code already used, and any older step after a newer one was used', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = totpCodeAt(secret, now);
    const used = acceptedTotpStep(secret, code, now, null)!;
    expect(acceptedTotpStep(secret, code, now, used)).toBeNull();
    expect(acceptedTotpStep(secret, code, now + 5_000, used)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now - STEP), now, used)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now + STEP), now + STEP, used)).toBe(used + 1);
  });

  it('reads codes typed with spaces and refuses anything else', () => {
    expect(asTotpCode(' 123 456 ')).toBe('123456');
    expect(asTotpCode('12345')).toBeNull();
    expect(asTotpCode('12345a')).toBeNull();
    expect(acceptedTotpStep(newTotpSecret(), 'abcdef', Date.now(), null)).toBeNull();
  });

  it('gives authenticators an otpauth address with issuer and account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri(secret, 'admin@asamblea.local');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Asamblea:admin%40asamblea\.local\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Asamblea');
  });
});

describe('recovery codes', () => {
  it('are ten distinct xxxx-xxxx-xxxx codes without look-alike characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
  });

  it('are read however they are typed, and their digest depends on the account', () => {
    const [code] = newRecoveryCodes();
    const normalized = normalizeRecoveryCode(code!)!;
    expect(normalizeRecoveryCode(` ${code!.toUpperCase().replaceAll('-', ' ')} `)).toBe(normalized);
    expect(normalizeRecoveryCode('0000-1111-llll')).toBeNull();
    expect(normalizeRecoveryCode('abcd-efgh')).toBeNull();
    expect(recoveryCodeDigest('a', normalized)).not.toBe(recoveryCodeDigest('b', normalized));
    expect(recoveryCodeDigest('a', normalized)).toMatch(/^[0-9a-f]{64}$/);
  });
});
