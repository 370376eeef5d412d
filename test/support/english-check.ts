import type { Page } from 'playwright-core';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else leaves(value, path, out);
  }
  return out;
}

/** The web client's two catalogues, flattened to `key → text`, read from its own locale files. */
export async function webCatalogues(): Promise<{ es: Map<string, string>; en: Map<string, string> }> {
  const dir = '../../apps/web/src/locales/';
  // Loaded at run time: the client's files use bundler-style imports the API's compiler refuses.
  const load = async (file: string) => (await import(dir + file)) as Record<string, Tree>;
  const parts = ['', 'records.', 'delegate.', 'moderator.', 'public.'];
  const es: Tree = {};
  const en: Tree = {};
  for (const part of parts) {
    for (const [lang, target] of [
      ['es', es],
      ['en', en],
    ] as const) {
      const module = await load(`${part}${lang}.ts`);
      for (const exported of Object.values(module))
        if (typeof exported === 'object') Object.assign(target, exported);
    }
  }
  return { es: leaves(es), en: leaves(en) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Patterns for every string of one language's catalogue that differs from its counterpart in the other:
 * the literal text with `{{…}}` as a wildcard, matched as whole words. Strings too short to tell the
 * languages apart ("OK", a code) and strings that are also text of the other language are left out.
 * `englishPatterns()` finds English on a Spanish page; `spanishPatterns()` the reverse.
 */
async function leakPatterns(from: 'es' | 'en'): Promise<{ key: string; pattern: RegExp }[]> {
  const catalogues = await webCatalogues();
  const source = catalogues[from];
  const other = catalogues[from === 'en' ? 'es' : 'en'];
  const otherTexts = new Set(other.values());
  const patterns: { key: string; pattern: RegExp }[] = [];
  for (const [key, text] of source) {
    if (other.get(key) === text || otherTexts.has(text)) continue;
    const literal = text.split(/\{\{\s*[\w.]+\s*\}\}/);
    if (literal.join('').replace(/[^\p{L}]/gu, '').length < 4) continue;
    // Spaces around a placeholder stay: "Version {{n}}" must not match "Versiones".
    const body = literal
      .map((part) => escape(part).replace(/\s+/g, '\\s+'))
      .join('[^\\n]{1,200}?')
      .replace(/^\\s\+|\\s\+$/g, '');
    patterns.push({ key, pattern: new RegExp(`(?<!\\p{L})${body}(?!\\p{L})`, 'u') });
  }
  return patterns;
}

export const englishPatterns = () => leakPatterns('en');
export const spanishPatterns = () => leakPatterns('es');

/**
 * Text of the other language's catalogue found on a page shown in `shown` (with the key it came from).
 * Text marked with another `lang` (a motion's Spanish title on an English page) is not the interface's.
 */
export async function englishOnPage(
  page: Page,
  patterns: { key: string; pattern: RegExp }[],
  shown: 'es' | 'en' = 'es',
): Promise<string[]> {
  // Runs in the page (a string: this package compiles without the DOM's types).
  const text: string = await page.evaluate(`(() => {
    const chunks = [];
    const foreign = '[lang]:not([lang^="${shown}"])';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(foreign) || parent.closest('script,style,[hidden]')) continue;
      chunks.push(node.textContent ?? '');
    }
    for (const element of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
      if (element.closest(foreign)) continue;
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt'])
        if (element.getAttribute(attribute)) chunks.push(element.getAttribute(attribute));
    }
    chunks.push(document.title);
    return chunks.join('\\n');
  })()`);
  return patterns
    .filter(({ pattern }) => pattern.test(text))
    .map(({ key, pattern }) => `${key}: ${pattern.exec(text)![0]}`);
}
