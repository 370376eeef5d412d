/**
 * Turns a measure phrase, as the plan writes it, into a number and a unit.
 *
 *   "13.3%"                         → { value: 13.3,      unit: "%" }
 *   "5% anual"                      → { value: 5,         unit: "% anual" }
 *   "60 por 100 mil nacidos vivos"  → { value: 60,        unit: "por 100 mil nacidos vivos" }
 *   "4 por mil nacidos vivos"       → { value: 4,         unit: "por mil nacidos vivos" }
 *   "600 millones de soles"         → { value: 600000000, unit: "soles" }
 *   "8 millones"                    → { value: 8000000,   unit: "soles" }   (see below)
 *   "25 mil hectáreas"              → { value: 25000,     unit: "hectáreas" }
 *   "350 localidades", "9 represas", "dos parques industriales" → counts with their noun as unit
 *
 * Rules:
 * - The number is written with digits and an optional decimal point ("13.3"; "13,3" is accepted too), or
 *   as a Spanish number word from "dos" to "diez". A dotted group of three digits ("1.000") is refused as
 *   ambiguous (thousands separator or decimal?), and so is "1,000".
 * - A scale word right after the number multiplies it: "mil" ×1 000, "millón"/"millones" ×1 000 000,
 *   "mil millones" ×1 000 000 000; a following "de" is dropped ("600 millones de soles" → unit "soles").
 *   A "mil" that is part of the unit ("4 por mil …") is not a scale word: only the word right after the
 *   number is.
 * - A scaled amount with no unit ("8 millones") is money: the plan only writes bare millions for amounts
 *   ("por un monto mayor a 8 millones"), so the unit is "soles". This is an inference, not the plan's word.
 * - Anything else with no unit ("350") throws, as does a phrase that does not start with a number.
 */
export interface Quantity {
  value: number;
  unit: string;
}

const NUMBER_WORDS: Record<string, number> = {
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
};

const SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^mil\s+millones(?=\s|$)/i, 1_000_000_000],
  [/^(millones|millón|millon)(?=\s|$)/i, 1_000_000],
  [/^mil(?=\s|$)/i, 1_000],
];

/** The unit assumed for a scaled amount the plan writes without one ("8 millones"). */
export const IMPLIED_MONEY_UNIT = 'soles';

export function parseQuantity(raw: string): Quantity {
  const fail = (why: string): never => {
    throw new Error(`Cannot parse quantity "${raw}": ${why}`);
  };
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') fail('empty text');

  let value: number;
  let rest: string;
  const digits = /^\d+(?:[.,]\d+)?/.exec(text);
  if (digits) {
    if (/^\d{1,3}[.,]\d{3}$/.test(digits[0]))
      fail(`"${digits[0]}" is ambiguous (thousands separator or decimal?)`);
    value = Number(digits[0].replace(',', '.'));
    rest = text.slice(digits[0].length).trim();
  } else {
    const word = /^(\p{L}+)(?=\s|$)/u.exec(text);
    const n = word ? NUMBER_WORDS[word[1].toLowerCase()] : undefined;
    if (n === undefined) return fail('it does not start with a number');
    value = n;
    rest = text.slice(word![1].length).trim();
  }

  let scaled = false;
  for (const [pattern, factor] of SCALES) {
    const m = pattern.exec(rest);
    if (m) {
      value = Number((value * factor).toPrecision(15));
      rest = rest
        .slice(m[0].length)
        .trim()
        .replace(/^de\s+/i, '');
      scaled = true;
      break;
    }
  }

  if (rest === '') {
    if (scaled) return { value, unit: IMPLIED_MONEY_UNIT };
    fail('no unit after the number');
  }
  if (!/^(%|\p{L})/u.test(rest)) fail(`unexpected text after the number: "${rest}"`);
  return { value, unit: rest };
}
