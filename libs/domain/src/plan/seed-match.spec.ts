import { readFileSync } from 'node:fs';

import { findInSeed, matchInSeed, MAX_GAP } from './seed-match.js';

const seed = readFileSync(
  new URL('../../../plan-data/seed/plan-de-gobierno-mas-2018-2022.txt', import.meta.url),
  'utf8',
);

describe('findInSeed on small texts', () => {
  const hay = 'Uno. Reducción sustantiva de la\n anemia infantil.   Otra columna que nada tiene que ver.\n';

  it('ignores all whitespace, including a word broken across lines', () => {
    expect(findInSeed(hay, 'Reducción sustantiva de la anemia infantil.')).toBe(true);
    expect(findInSeed('• Fortalecimient\no de la capacidad', 'Fortalecimiento de la capacidad')).toBe(true);
  });

  it('does not match an altered word, an added word or a changed accent', () => {
    expect(findInSeed(hay, 'Reducción sustancial de la anemia infantil.')).toBe(false);
    expect(findInSeed(hay, 'Reducción sustantiva de toda la anemia infantil.')).toBe(false);
    expect(findInSeed(hay, 'Reduccion sustantiva de la anemia infantil.')).toBe(false);
  });

  it('does not match an empty text', () => {
    expect(findInSeed(hay, '')).toBe(false);
    expect(findInSeed(hay, ' \n ')).toBe(false);
  });

  it('joins a text split by another column, in order', () => {
    const split =
      'Alto porcentaje de alumnos egresados de\n1. Otra cosa del cuadro\nsecundaria no prosiguen estudios.';
    const text = 'Alto porcentaje de alumnos egresados de secundaria no prosiguen estudios.';
    expect(matchInSeed(split, text)).toHaveLength(2);
    expect(
      findInSeed(split, 'secundaria no prosiguen estudios. Alto porcentaje de alumnos egresados de'),
    ).toBe(false);
  });

  it('cannot tell a dropped word from a layout gap (known limit of chunked matching)', () => {
    expect(findInSeed(hay, 'Reducción sustantiva de anemia infantil.')).toBe(true);
  });

  it('needs every chunk but the last remainder to be at least 12 characters', () => {
    // "abcdefghij" (10) then "KLMNOPQRSTUV" elsewhere: the first chunk is too short.
    expect(findInSeed('abcdefghij xx KLMNOPQRSTUV', 'abcdefghijKLMNOPQRSTUV')).toBe(false);
    // a short tail is fine when it is the whole remainder
    expect(findInSeed('abcdefghijkl xx MNO', 'abcdefghijklMNO')).toBe(true);
  });

  it('allows at most 4 chunks', () => {
    const pieces = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc', 'dddddddddddd', 'eeeeeeeeeeee'];
    const hay5 = pieces.join(' | ');
    expect(findInSeed(hay5, pieces.slice(0, 4).join(''))).toBe(true);
    expect(findInSeed(hay5, pieces.join(''))).toBe(false);
  });

  it('allows gaps of at most MAX_GAP characters (whitespace not counted)', () => {
    const a = 'primera parte del texto ';
    const b = 'segunda parte del texto';
    expect(findInSeed(a + 'x'.repeat(MAX_GAP) + b, a + b)).toBe(true);
    expect(findInSeed(a + 'x'.repeat(MAX_GAP + 1) + b, a + b)).toBe(false);
    expect(findInSeed(a + ' \n'.repeat(MAX_GAP) + 'y' + b, a + b)).toBe(true);
  });
});

describe('findInSeed on the plan', () => {
  it('finds texts that the page layout split', () => {
    expect(
      findInSeed(
        seed,
        'Alto porcentaje de alumnos egresados de secundaria no prosiguen estudios técnicos o profesionales.',
      ),
    ).toBe(true);
    expect(
      findInSeed(
        seed,
        'Implementar un eficiente sistema de referencia y contra-referencia, mediante la compra de ambulancias ' +
          'para 7 redes de salud (Contumazá, Cajamarca, Celendín, San Marcos, Cajabamba, San Miguel y San ' +
          'Pablo) por un monto mayor a 8 millones.',
      ),
    ).toBe(true);
    expect(findInSeed(seed, 'Fortalecimiento de la capacidad resolutiva de establecimientos FONB.')).toBe(
      true,
    );
  });

  it.each([
    'Reducir la Desnutrición Crónica Infantil a 13.5% al 2022.',
    'Reducir la tasa de mortalidad neonatal a 5 por mil nacidos vivos.',
    'Reducción sustantiva de la anemia, desnutrición aguda infantil y mortalidad materna y neonatal.',
    'Implementación de la Asamblea Popular Regional como mecanismo de democracia representativa con ' +
      'decisiones de orientación política vinculantes para las instituciones regionales.',
    'Alto porcentaje de alumnos egresados de primaria no prosiguen estudios técnicos o profesionales.',
  ])('does not find an altered text: %s', (text) => {
    expect(findInSeed(seed, text)).toBe(false);
  });
});
