import { IMPLIED_MONEY_UNIT, parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['13.3%', 13.3, '%'],
    ['12.3%', 12.3, '%'],
    ['50%', 50, '%'],
    ['5% anual', 5, '% anual'],
    ['60 por 100 mil nacidos vivos', 60, 'por 100 mil nacidos vivos'],
    ['4 por mil nacidos vivos', 4, 'por mil nacidos vivos'],
    ['600 millones de soles', 600_000_000, 'soles'],
    ['6 millones de soles', 6_000_000, 'soles'],
    ['1 millón de soles', 1_000_000, 'soles'],
    ['2 mil millones de soles', 2_000_000_000, 'soles'],
    ['4.35 millones de soles', 4_350_000, 'soles'],
    ['25 mil hectáreas', 25_000, 'hectáreas'],
    ['12 mil hectáreas', 12_000, 'hectáreas'],
    ['470 mil predios', 470_000, 'predios'],
    ['350 localidades', 350, 'localidades'],
    ['9 represas', 9, 'represas'],
    ['7 redes de salud', 7, 'redes de salud'],
    ['dos parques industriales', 2, 'parques industriales'],
    ['13,3%', 13.3, '%'],
    ['  25   mil\nhectáreas ', 25_000, 'hectáreas'],
  ])('%j → %p %j', (raw, value, unit) => {
    expect(parseQuantity(raw)).toEqual({ value, unit });
  });

  it('reads a bare scaled amount ("8 millones", as in the plan) as soles', () => {
    expect(IMPLIED_MONEY_UNIT).toBe('soles');
    expect(parseQuantity('8 millones')).toEqual({ value: 8_000_000, unit: 'soles' });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['350', /no unit/],
    ['hectáreas', /does not start with a number/],
    ['uno', /does not start with a number/],
    ['S/ 600 millones', /does not start with a number/],
    ['aproximadamente 6 millones de soles', /does not start with a number/],
    ['1.000 predios', /ambiguous/],
    ['1,000 predios', /ambiguous/],
    ['12-30 meses', /unexpected text/],
  ])('refuses %j with a clear error', (raw, why) => {
    expect(() => parseQuantity(raw)).toThrow(why);
    expect(() => parseQuantity(raw)).toThrow(`Cannot parse quantity "${raw}"`);
  });
});
