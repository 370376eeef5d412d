/** A seat of the assembly: a seated titular and, optionally, their alternate. */
export interface Seat {
  titularId: string;
  alternateId: string | null;
}

export interface QuorumRule {
  /** Present seats must exceed numerator/denominator of the seated delegates (default: more than 1/2). */
  numerator: number;
  denominator: number;
}

export const DEFAULT_QUORUM: QuorumRule = { numerator: 1, denominator: 2 };

export interface QuorumState {
  seated: number;
  present: number;
  /** Who occupies each present seat: the titular, or their alternate standing in. */
  presentDelegateIds: string[];
  required: number;
  hasQuorum: boolean;
}

/**
 * Counts present seats, never delegates: a titular who checked in occupies the seat; otherwise their
 * checked-in alternate stands in. A seat is counted once even if both are in the room.
 */
export function computeQuorum(
  seats: readonly Seat[],
  checkedIn: ReadonlySet<string>,
  rule: QuorumRule = DEFAULT_QUORUM,
): QuorumState {
  const presentDelegateIds: string[] = [];
  for (const seat of seats) {
    if (checkedIn.has(seat.titularId)) presentDelegateIds.push(seat.titularId);
    else if (seat.alternateId && checkedIn.has(seat.alternateId)) presentDelegateIds.push(seat.alternateId);
  }
  const seated = seats.length;
  // Strictly more than the fraction: the smallest whole number above seated × n / d.
  const required = Math.floor((seated * rule.numerator) / rule.denominator) + 1;
  return {
    seated,
    present: presentDelegateIds.length,
    presentDelegateIds,
    required,
    hasQuorum: seated > 0 && presentDelegateIds.length >= required,
  };
}
