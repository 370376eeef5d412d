import {
  enrolmentCodeDigest,
  formatEnrolmentCode,
  newEnrolmentCode,
  normalizeEnrolmentCode,
} from './enrolment-code.js';

describe('enrolment codes', () => {
  it('are three groups of four unambiguous characters, different every time', () => {
    const codes = Array.from({ length: 200 }, newEnrolmentCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('survive being typed by hand: case, spaces, dashes, O for 0, I and L for 1', () => {
    expect(normalizeEnrolmentCode(' k7q4 m2xp-9trd ')).toBe('K7Q4M2XP9TRD');
    expect(normalizeEnrolmentCode('1O1O-ILIL-0000')).toBe('101011110000');
    expect(formatEnrolmentCode('K7Q4M2XP9TRD')).toBe('K7Q4-M2XP-9TRD');
  });

  it('refuse what cannot be a code', () => {
    for (const typed of ['', 'K7Q4-M2XP-9TR', 'K7Q4-M2XP-9TRDX', 'K7Q4-M2XP-9TRU', 'K7Q4-M2XP-9TR!'])
      expect(normalizeEnrolmentCode(typed)).toBeNull();
  });

  it('are stored as a digest that differs per code', () => {
    const a = enrolmentCodeDigest('K7Q4M2XP9TRD');
    expect(a).toHaveLength(32);
    expect(a.equals(enrolmentCodeDigest('K7Q4M2XP9TRD'))).toBe(true);
    expect(a.equals(enrolmentCodeDigest('K7Q4M2XP9TRE'))).toBe(false);
  });
});
