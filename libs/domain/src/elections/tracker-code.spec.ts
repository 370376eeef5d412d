import {
  formatTrackerCode,
  isPublishedTracker,
  newTrackerCode,
  parseTrackerCode,
  TRACKER_ALPHABET,
  trackerCheckCharacter,
} from './tracker-code.js';

const FORM = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

function fixedFill(values: number[]) {
  return (bytes: Uint8Array) => bytes.set(values.slice(0, bytes.length));
}

describe('tracker codes', () => {
  it('are four groups of four Crockford characters that parse back to themselves', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = newTrackerCode();
      expect(code).toMatch(FORM);
      expect(parseTrackerCode(code)).toBe(code);
      expect(isPublishedTracker(code)).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(500);
  });

  it('take five bits of each random byte and end with their check character', () => {
    const code = newTrackerCode(fixedFill([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255]));
    const body = '0123456789ABCDZ';
    expect(code).toBe(formatTrackerCode(body + trackerCheckCharacter(body)));
    expect(code.startsWith('0123-4567-89AB-CDZ')).toBe(true);
  });

  it('accept what people type: lower case, spaces, O for 0, I and L for 1', () => {
    const code = newTrackerCode(fixedFill([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]));
    const typed = code
      .toLowerCase()
      .replace(/0/g, 'o')
      .replace(/-/g, ' ')
      .replace(/1/, 'l')
      .replace(/1/, 'I');
    expect(parseTrackerCode(typed)).toBe(code);
  });

  it('refuse a wrong length, a foreign character, and every single mistyped character', () => {
    const code = newTrackerCode();
    const raw = code.replace(/-/g, '');
    expect(parseTrackerCode(raw.slice(1))).toBeNull();
    expect(parseTrackerCode(raw + '0')).toBeNull();
    expect(parseTrackerCode('U' + raw.slice(1))).toBeNull();
    let tried = 0;
    for (let position = 0; position < raw.length; position++) {
      for (const other of TRACKER_ALPHABET) {
        if (other === raw[position]) continue;
        const wrong = raw.slice(0, position) + other + raw.slice(position + 1);
        expect(parseTrackerCode(wrong)).toBeNull();
        tried++;
      }
    }
    expect(tried).toBe(16 * 31);
  });

  it('catch almost every swap of two neighbouring characters', () => {
    let swaps = 0;
    let caught = 0;
    for (let i = 0; i < 200; i++) {
      const raw = newTrackerCode().replace(/-/g, '');
      for (let position = 0; position + 1 < raw.length; position++) {
        if (raw[position] === raw[position + 1]) continue;
        const swapped = raw.slice(0, position) + raw[position + 1] + raw[position] + raw.slice(position + 2);
        swaps++;
        if (parseTrackerCode(swapped) === null) caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });
});
