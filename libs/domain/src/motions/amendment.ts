import { DomainError } from '../errors/domain-error.js';

/**
 * What an amendment does to its parent's body, in the terms an assembly uses: replace a passage,
 * delete a passage, insert after a passage, or add at the end. A passage must appear exactly once,
 * so an amendment means one thing.
 */
export type AmendmentChange =
  | { op: 'replace'; find: string; text: string }
  | { op: 'delete'; find: string }
  | { op: 'insert_after'; find: string; text: string }
  | { op: 'append'; text: string };

function locate(body: string, find: string, index: number): number {
  const at = body.indexOf(find);
  if (at < 0)
    throw new DomainError('AMENDMENT_CONFLICT', {
      change: index + 1,
      reason: { es: 'el pasaje no aparece en el texto', en: 'the passage is not in the text' },
    });
  if (body.indexOf(find, at + 1) >= 0) {
    throw new DomainError('AMENDMENT_CONFLICT', {
      change: index + 1,
      reason: { es: 'el pasaje aparece más de una vez', en: 'the passage appears more than once' },
    });
  }
  return at;
}

/** The parent's next body once an adopted amendment is applied; changes apply in order. */
export function applyAmendment(body: string, changes: readonly AmendmentChange[]): string {
  const result = applyChanges(body, changes);
  // The motions table holds 1 to 100 000 characters: a result outside that can never be written.
  const length = [...result].length;
  if (length < 1 || length > MOTION_BODY_MAX_CHARS)
    throw new DomainError('AMENDMENT_CONFLICT', {
      change: changes.length,
      reason: {
        es: `el texto resultante tendría ${length} caracteres (se admiten de 1 a 100 000)`,
        en: `the resulting text would have ${length} characters (1 to 100,000 allowed)`,
      },
    });
  return result;
}

export const MOTION_BODY_MAX_CHARS = 100_000;

function applyChanges(body: string, changes: readonly AmendmentChange[]): string {
  if (changes.length === 0)
    throw new DomainError('AMENDMENT_CONFLICT', {
      change: 0,
      reason: { es: 'la enmienda no propone cambios', en: 'the amendment proposes no change' },
    });
  return changes.reduce((text, change, index) => {
    switch (change.op) {
      case 'append':
        // A new paragraph: exactly one blank line after the existing text, whatever it ended with.
        return text.trim() === '' ? change.text : `${text.trimEnd()}\n\n${change.text}`;
      case 'replace': {
        const at = locate(text, change.find, index);
        return text.slice(0, at) + change.text + text.slice(at + change.find.length);
      }
      case 'delete': {
        const at = locate(text, change.find, index);
        return text.slice(0, at) + text.slice(at + change.find.length);
      }
      case 'insert_after': {
        const at = locate(text, change.find, index) + change.find.length;
        return text.slice(0, at) + change.text + text.slice(at);
      }
    }
  }, body);
}

/** Checks an amendment against the parent's current body without applying it (at filing time). */
export function checkAmendment(body: string, changes: readonly AmendmentChange[]): void {
  applyAmendment(body, changes);
}
