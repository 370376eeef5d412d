import { diffText, type DiffPart } from './diff.js';

function side(parts: readonly DiffPart[], keep: 'insert' | 'delete'): string {
  return parts
    .filter((part) => part.op === 'equal' || part.op === keep)
    .map((part) => part.text)
    .join('');
}

describe('diffText', () => {
  it('gives one equal part for equal texts', () => {
    const text = 'Artículo 1.- Declárese de prioridad regional la salud materna.';
    expect(diffText(text, text)).toEqual([{ op: 'equal', text }]);
  });

  it('gives no part at all for two empty texts', () => {
    expect(diffText('', '')).toEqual([]);
  });

  it('shows an inserted word', () => {
    expect(diffText('la salud es derecho', 'la salud es un derecho')).toEqual([
      { op: 'equal', text: 'la salud es ' },
      { op: 'insert', text: 'un ' },
      { op: 'equal', text: 'derecho' },
    ]);
  });

  it('shows a deleted word', () => {
    expect(diffText('la salud es un derecho', 'la salud es derecho')).toEqual([
      { op: 'equal', text: 'la salud es ' },
      { op: 'delete', text: 'un ' },
      { op: 'equal', text: 'derecho' },
    ]);
  });

  it('shows a replaced word as a delete then an insert, keeping accented words whole', () => {
    expect(diffText('la salud es un derecho', 'la educación es un derecho')).toEqual([
      { op: 'equal', text: 'la ' },
      { op: 'delete', text: 'salud' },
      { op: 'insert', text: 'educación' },
      { op: 'equal', text: ' es un derecho' },
    ]);
  });

  it('works word by word, not letter by letter', () => {
    const parts = diffText('plazo de noventa días', 'plazo de sesenta días');
    expect(parts.filter((part) => part.op === 'delete').map((part) => part.text)).toEqual(['noventa']);
    expect(parts.filter((part) => part.op === 'insert').map((part) => part.text)).toEqual(['sesenta']);
  });

  it('shows everything inserted from an empty text and everything deleted to one', () => {
    expect(diffText('', 'nuevo texto')).toEqual([{ op: 'insert', text: 'nuevo texto' }]);
    expect(diffText('texto viejo', '')).toEqual([{ op: 'delete', text: 'texto viejo' }]);
  });

  it('only uses the three ops and never an empty part', () => {
    const parts = diffText('uno dos tres\ncuatro', 'uno tres\n\ncinco cuatro');
    for (const part of parts) {
      expect(['equal', 'insert', 'delete']).toContain(part.op);
      expect(part.text).not.toBe('');
      expect(Object.keys(part).sort()).toEqual(['op', 'text']);
    }
  });

  describe('reassembles both texts (equal+delete → before, equal+insert → after)', () => {
    const examples: Array<[string, string]> = [
      ['', ''],
      ['', 'solo después'],
      ['solo antes', ''],
      ['igual', 'igual'],
      ['la salud es derecho', 'la salud es un derecho'],
      ['Niño, año; acción.', 'Niña, año: acción!'],
      ['a  b\nc', 'a b\n\nc'],
      ['  espacios al inicio y al final  ', 'espacios al inicio y al final'],
      [
        'Artículo 1.- Declárese de prioridad regional la reducción de la desnutrición crónica infantil.\nArtículo 2.- El plazo es de noventa días.',
        'Artículo 1.- Declárese de interés regional la reducción de la anemia y la desnutrición crónica infantil.\n\nArtículo 2.- El plazo es de sesenta días calendario.\nArtículo 3.- Publíquese.',
      ],
      [
        'Meta al 2022: 13.3% (60 por 100 mil nacidos vivos)',
        'Meta al 2026: 10,5% (50 por 100 mil nacidos vivos)',
      ],
      ['tabs\tand\r\nwindows lines', 'tabs and\nunix lines'],
      ['completamente distinto', 'nada que ver aquí'],
      ['repetido repetido repetido', 'repetido otro repetido'],
      ['emoji 👍 y señal', 'emoji 👎 y señal'],
    ];

    it.each(examples)('%j → %j', (before, after) => {
      const parts = diffText(before, after);
      expect(side(parts, 'delete')).toBe(before);
      expect(side(parts, 'insert')).toBe(after);
    });

    it('holds for generated pairs too', () => {
      const words = ['salud', 'educación', 'niñez', 'Jaén', 'agua', 'año', 'de', 'la', '2026', '13,3%'];
      const seps = [' ', '  ', '\n', ', ', '.\n\n'];
      // deterministic pseudo-random generator so a failure is reproducible
      let seed = 20260301;
      const next = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const text = (): string =>
        Array.from({ length: next(12) }, () => words[next(words.length)]! + seps[next(seps.length)]!).join(
          '',
        );
      for (let i = 0; i < 200; i += 1) {
        const before = text();
        const after = text();
        const parts = diffText(before, after);
        expect(side(parts, 'delete')).toBe(before);
        expect(side(parts, 'insert')).toBe(after);
      }
    });
  });
});
