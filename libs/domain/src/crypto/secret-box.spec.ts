import { randomBytes } from 'node:crypto';
import { SealedSecretUnreadable, SecretBox, type SealContext } from './secret-box.js';

const ROW: SealContext = { purpose: 'webhook-secret', id: '6f1c2a52-6c55-4b8e-9a51-0d7f3f0e1a11' };

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it('opens what it sealed, and never holds the clear text in the ciphertext', () => {
    const sealed = box.seal('un-secreto-de-firma', ROW);
    expect(sealed.includes(Buffer.from('un-secreto-de-firma'))).toBe(false);
    expect(sealed[0]).toBe(0x01);
    expect(box.open(sealed, ROW)).toBe('un-secreto-de-firma');
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(box.seal('x', ROW).equals(box.seal('x', ROW))).toBe(false);
  });

  it('refuses a ciphertext moved to another row or read for another purpose', () => {
    const sealed = box.seal('s', ROW);
    expect(() => box.open(sealed, { ...ROW, id: 'another-row' })).toThrow(SealedSecretUnreadable);
    expect(() => box.open(sealed, { ...ROW, purpose: 'totp-secret' })).toThrow(SealedSecretUnreadable);
  });

  it('refuses altered bytes anywhere: header, IV, body or tag', () => {
    const sealed = box.seal('secreto', ROW);
    for (let i = 0; i < sealed.length; i += 1) {
      const altered = Buffer.from(sealed);
      altered[i] = altered[i]! ^ 0x01;
      expect(() => box.open(altered, ROW)).toThrow(SealedSecretUnreadable);
    }
    expect(() => box.open(sealed.subarray(0, 20), ROW)).toThrow(/too short/);
  });

  it('refuses what another key sealed, and opens it once that key is named as a previous one', () => {
    const oldKey = randomBytes(32);
    const sealed = new SecretBox(oldKey).seal('antiguo', ROW);
    expect(() => box.open(sealed, ROW)).toThrow(/another key/);
    const rotated = new SecretBox(randomBytes(32), [key, oldKey]);
    expect(rotated.open(sealed, ROW)).toBe('antiguo');
    expect(rotated.sealedWithCurrentKey(sealed)).toBe(false);
    expect(rotated.sealedWithCurrentKey(rotated.seal('nuevo', ROW))).toBe(true);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
