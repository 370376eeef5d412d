import { DomainError } from '#domain';
import { assertJsonTextDepth, assertValueDepth, MAX_JSON_DEPTH } from './json-depth.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const code = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? `${error.code}:${String(error.params.max)}` : 'other';
  }
  return 'passed';
};
const arrays = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('JSON nesting limit', () => {
  it('counts arrays and objects outside strings, up to the limit', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(code(() => assertJsonTextDepth(bytes(arrays(64))))).toBe('passed');
    expect(code(() => assertJsonTextDepth(bytes(arrays(65))))).toBe('JSON_TOO_DEEP:64');
    expect(code(() => assertJsonTextDepth(bytes(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`)))).toBe(
      'JSON_TOO_DEEP:64',
    );
    // Siblings do not add up; strings (with escaped quotes and non-ASCII text) do not nest.
    expect(code(() => assertJsonTextDepth(bytes(`[${Array(100).fill(arrays(60)).join(',')}]`)))).toBe(
      'passed',
    );
    const text = JSON.stringify({ s: `Ñuqanchik "${'['.repeat(500)}\\`, t: ['{{{'] });
    expect(code(() => assertJsonTextDepth(bytes(text)))).toBe('passed');
    expect(code(() => assertJsonTextDepth(bytes(`["\\"${'['.repeat(100)}"]`)))).toBe('passed');
    expect(code(() => assertJsonTextDepth(bytes('[1,2] {"x": ')))).toBe('passed');
    expect(code(() => assertJsonTextDepth(bytes('['.repeat(15_000))))).toBe('JSON_TOO_DEEP:64');
  });

  it('checks a parsed value the same way, without recursion', () => {
    const nest = (levels: number) => JSON.parse(arrays(levels)) as unknown;
    expect(code(() => assertValueDepth(nest(64)))).toBe('passed');
    expect(code(() => assertValueDepth(nest(65)))).toBe('JSON_TOO_DEEP:64');
    expect(code(() => assertValueDepth(JSON.parse(arrays(15_000))))).toBe('JSON_TOO_DEEP:64');
    expect(code(() => assertValueDepth({ a: { b: [1, { c: 'x' }] }, d: null }))).toBe('passed');
    expect(code(() => assertValueDepth('text'))).toBe('passed');
    expect(code(() => assertValueDepth(undefined))).toBe('passed');
  });
});
