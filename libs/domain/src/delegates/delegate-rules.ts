export const DELEGATE_STATUSES = ['active', 'suspended', 'ceased'] as const;
export type DelegateStatus = (typeof DELEGATE_STATUSES)[number];

export interface DelegateSeat {
  id: string;
  constituencyCode: string;
  status: DelegateStatus;
  alternateOfId: string | null;
  termStart: string; // ISO date, YYYY-MM-DD
  termEnd: string;
}

/** ISO dates compare correctly as strings. */
export function isTermValid(termStart: string, termEnd: string): boolean {
  return termEnd > termStart;
}

/** A seated delegate is a titular (not an alternate), active, whose term covers the day. */
export function isSeated(seat: DelegateSeat, day: string): boolean {
  return (
    seat.alternateOfId === null && seat.status === 'active' && seat.termStart <= day && day <= seat.termEnd
  );
}

export type AlternateProblem =
  | 'titular_missing'
  | 'self_reference'
  | 'titular_is_alternate'
  | 'titular_has_alternate'
  | 'other_constituency'
  | 'has_own_alternate';

/**
 * An alternate (suplente) stands in for exactly one titular of the same province; chains are not
 * allowed (a titular is never itself an alternate) and a titular has at most one alternate.
 */
export function alternateProblem(
  candidate: { id?: string; constituencyCode: string; hasOwnAlternate?: boolean },
  titular: (DelegateSeat & { currentAlternateId: string | null }) | undefined,
): AlternateProblem | null {
  if (!titular) return 'titular_missing';
  if (candidate.id !== undefined && candidate.id === titular.id) return 'self_reference';
  if (titular.alternateOfId !== null) return 'titular_is_alternate';
  if (titular.currentAlternateId !== null && titular.currentAlternateId !== candidate.id)
    return 'titular_has_alternate';
  if (titular.constituencyCode !== candidate.constituencyCode) return 'other_constituency';
  if (candidate.hasOwnAlternate) return 'has_own_alternate';
  return null;
}

export const ALTERNATE_PROBLEM_TEXT: Record<AlternateProblem, { es: string; en: string }> = {
  titular_missing: { es: 'el titular no existe', en: 'the titular does not exist' },
  self_reference: {
    es: 'un delegado no puede ser su propio suplente',
    en: 'a delegate cannot be their own alternate',
  },
  titular_is_alternate: {
    es: 'el titular indicado es a su vez suplente',
    en: 'the named titular is itself an alternate',
  },
  titular_has_alternate: { es: 'el titular ya tiene suplente', en: 'the titular already has an alternate' },
  other_constituency: {
    es: 'el suplente debe ser de la misma provincia que su titular',
    en: 'the alternate must belong to the same province as the titular',
  },
  has_own_alternate: {
    es: 'un delegado con suplente propio no puede ser suplente',
    en: 'a delegate who has an alternate cannot be an alternate',
  },
};

/**
 * The day a suspension, cessation or reinstatement takes effect: not later than today (the status
 * changes now, so a future date would misstate the record) and not before the term starts (today is
 * always accepted, for a delegate seated ahead of their term).
 */
export function isStatusDateValid(effectiveOn: string, termStart: string, today: string): boolean {
  return effectiveOn <= today && (effectiveOn >= termStart || effectiveOn === today);
}
