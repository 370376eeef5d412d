import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A word-level difference between two texts, as the public reads it: kept, removed, added. */
export function diffText(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}
