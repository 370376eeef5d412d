import { negotiateLanguage } from './negotiate-language.js';

describe('negotiateLanguage', () => {
  it.each([undefined, null, ''])('falls back to es for %p', (header) => {
    expect(negotiateLanguage(header)).toBe('es');
  });

  it.each([
    // plain and regional tags
    ['es', 'es'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-US', 'en'],
    ['es-PE', 'es'],
    ['es-419', 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['es-PE,es;q=0.9,en;q=0.8', 'es'],
    // unsupported languages are skipped, not fatal
    ['fr, en;q=0.5', 'en'],
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'en'],
    ['de', 'es'],
    ['de, fr;q=0.5', 'es'],
    ['pt-BR', 'es'],
    // q-values decide, not position
    ['en;q=0.2, es;q=0.8', 'es'],
    ['es;q=0.3, en;q=0.7', 'en'],
    ['es;q=0.5, en', 'en'],
    // equal weights: first listed wins
    ['en;q=0.5, es;q=0.5', 'en'],
    ['es, en', 'es'],
    ['en, es', 'en'],
    // q=0 means "not acceptable"
    ['en;q=0', 'es'],
    ['en;q=0.0, es;q=0.1', 'es'],
    ['en;q=0, fr', 'es'],
    ['es;q=0, en;q=0.1', 'en'],
    // malformed q values count as not acceptable
    ['en;q=abc', 'es'],
    ['en;q=', 'es'],
    ['en;q=-1', 'es'],
    ['en;q=Infinity', 'es'],
    ['en;q=abc, es;q=0.1', 'es'],
    ['es;q=oops, en;q=0.1', 'en'],
    // wildcard is not a language we can pick by itself
    ['*', 'es'],
    ['*, en;q=0.5', 'en'],
    ['fr, *;q=0.5', 'es'],
    // whitespace and odd formatting
    ['  en  ;  q=0.9  ', 'en'],
    ['fr ; q=0.9 , en ; q=0.8', 'en'],
    ['en;level=1;q=0.4, es;q=0.3', 'en'],
    [',,,', 'es'],
    [';q=1', 'es'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
