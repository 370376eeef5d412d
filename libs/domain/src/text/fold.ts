/** Lower-case, strip diacritics (á→a, ñ→n, ü→u) and collapse whitespace: the form Spanish search compares. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
