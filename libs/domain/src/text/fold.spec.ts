import { foldForSearch } from './fold.js';

describe('foldForSearch', () => {
  it.each([
    ['Educación', 'educacion'],
    ['  DESNUTRICIÓN   crónica ', 'desnutricion cronica'],
    ['áéíóú ÁÉÍÓÚ', 'aeiou aeiou'],
    ['àèìòù âêîôû', 'aeiou aeiou'],
    ['Año', 'ano'],
    ['NIÑEZ', 'ninez'],
    ['Pingüino', 'pinguino'],
    ['AGÜERO', 'aguero'],
    ['Jaén', 'jaen'],
    ['San Ignacio', 'san ignacio'],
    ['ya sin acentos', 'ya sin acentos'],
    ['línea\tcon\ntabuladores\r\ny saltos', 'linea con tabuladores y saltos'],
    ['a\u00a0b', 'a b'],
    ['Ç ç', 'c c'],
    ['', ''],
    ['   ', ''],
    ['Meta 2026: 13,3%', 'meta 2026: 13,3%'],
    ['correo@Ejemplo.PE', 'correo@ejemplo.pe'],
  ])('%j → %j', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });

  it('treats precomposed and decomposed accents alike', () => {
    const precomposed = 'Cajamarca Educaci\u00f3n Ni\u00f1o';
    const decomposed = 'Cajamarca Educacio\u0301n Nin\u0303o';
    expect(precomposed).not.toBe(decomposed);
    expect(foldForSearch(precomposed)).toBe(foldForSearch(decomposed));
    expect(foldForSearch(decomposed)).toBe('cajamarca educacion nino');
  });

  it('is idempotent', () => {
    const once = foldForSearch('  Señor  ÁLVAREZ   Güemes ');
    expect(foldForSearch(once)).toBe(once);
  });

  it('makes accent- and case-insensitive search work by substring', () => {
    const haystack = foldForSearch('Reducir la DESNUTRICIÓN crónica infantil');
    expect(haystack.includes(foldForSearch('desnutricion Cronica'))).toBe(true);
  });
});
