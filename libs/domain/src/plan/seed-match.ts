/**
 * Checks that a catalogue text really is in the seed plan.
 *
 * Both sides are compared with ALL whitespace removed, so line breaks, the plan's double spaces and words
 * the PDF broke across lines ("Fortalecimient\no") do not matter. The PDF-to-text dump also interleaves
 * table columns and cuts cells at page breaks, so one text may sit in the seed in a few pieces with other
 * text in between. The match is therefore greedy and chunked:
 *
 *   take the longest prefix of what is left of the text that occurs in the seed (after the previous chunk,
 *   at most MAX_GAP characters after it); repeat with the rest.
 *
 * Each chunk must be at least MIN_CHUNK characters long unless it is the whole remainder, and there are at
 * most MAX_CHUNKS chunks. Positions are offsets in the whitespace-free seed.
 */
export const MIN_CHUNK = 12;
export const MAX_CHUNKS = 4;
export const MAX_GAP = 2000;

export interface SeedChunk {
  start: number;
  end: number;
}

const compact = (s: string): string => s.replace(/\s+/g, '');

/** Where `text` lies in `seed` (chunks in the whitespace-free seed), or null when it does not. */
export function matchInSeed(seed: string, text: string): SeedChunk[] | null {
  const hay = compact(seed);
  let rest = compact(text);
  if (rest === '') return null;
  const chunks: SeedChunk[] = [];
  let from = 0;
  while (rest !== '') {
    if (chunks.length === MAX_CHUNKS) return null;
    const first = chunks.length === 0;
    const limit = first ? hay.length : from + MAX_GAP; // latest start allowed for this chunk
    const at = (len: number): number => {
      const i = hay.indexOf(rest.slice(0, len), from);
      return i >= 0 && i <= limit ? i : -1;
    };
    // Longest prefix found: if a prefix occurs at i, every shorter prefix occurs at i too, so bisect.
    let lo = 0;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (at(mid) >= 0) lo = mid;
      else hi = mid - 1;
    }
    if (lo === 0 || (lo < MIN_CHUNK && lo < rest.length)) return null;
    const start = at(lo);
    chunks.push({ start, end: start + lo });
    from = start + lo;
    rest = rest.slice(lo);
  }
  return chunks;
}

/** True when `text` is in `seed` (see {@link matchInSeed}). */
export function findInSeed(seed: string, text: string): boolean {
  return matchInSeed(seed, text) !== null;
}
