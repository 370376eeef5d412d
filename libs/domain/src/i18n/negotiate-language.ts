import type { Language } from '../errors/error-catalogue.js';

const SUPPORTED: readonly Language[] = ['es', 'en'];

/** Picks es or en from an Accept-Language header by q-value; Spanish when nothing matches. */
export function negotiateLanguage(header: string | undefined | null): Language {
  if (!header) return 'es';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return {
        base: tag.trim().toLowerCase().split('-')[0],
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const match = ranked.find((entry) => (SUPPORTED as readonly string[]).includes(entry.base ?? ''));
  return (match?.base as Language | undefined) ?? 'es';
}
