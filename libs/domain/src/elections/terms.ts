import type { Role } from '../accounts/roles.js';

/** The Mesa Directiva's positions and a commission's. */
export const MESA_RANKS = ['president', 'vice_president', 'secretary'] as const;
export const COMMISSION_RANKS = ['chair', 'member'] as const;
export type PositionRank = (typeof MESA_RANKS)[number] | (typeof COMMISSION_RANKS)[number];

export type Body = { kind: 'mesa' } | { kind: 'commission'; commissionId: string };

export interface Position {
  id: string;
  body: Body;
  rank: PositionRank;
  title: { es: string; en: string };
  /** How many hold it at once (e.g. two vice-presidencies, five members). */
  seats: number;
}

/** A term of office: from `startsAt` (included) to `endsAt` (excluded), ISO 8601 instants. */
export interface Term {
  startsAt: string;
  endsAt: string;
}

/** An elected candidate's office: the account that holds it, for the position's term. */
export interface Office {
  positionId: string;
  holderId: string;
  term: Term;
  /** A resignation or removal before the term's end: the office, and what it grants, end then. */
  endedAt?: string | null;
}

/** What holding a position grants on the platform: the Mesa runs sessions; commissions grant nothing yet. */
export function rolesOfPosition(position: Position): Role[] {
  return position.body.kind === 'mesa' ? ['moderator'] : [];
}

type Problem = { code: 'POSITIONS_INVALID'; params: { reason: { es: string; en: string } } };
const problem = (es: string, en: string): Problem => ({
  code: 'POSITIONS_INVALID',
  params: { reason: { es, en } },
});

/**
 * Problems with an assembly's positions, or null: unique ids, whole seats, Mesa ranks on the Mesa and
 * commission ranks on commissions, one presidency of one seat, at most one chair of one seat each.
 */
export function checkPositions(positions: readonly Position[]): Problem | null {
  if (new Set(positions.map((p) => p.id)).size !== positions.length)
    return problem('un puesto está repetido', 'a position is repeated');
  const chairs = new Map<string, number>();
  let presidencies = 0;
  for (const position of positions) {
    if (!Number.isInteger(position.seats) || position.seats < 1 || position.seats > 100)
      return problem('cada puesto tiene de 1 a 100 plazas', 'each position has 1 to 100 seats');
    if (!position.title.es.trim() || !position.title.en.trim())
      return problem(
        'cada puesto tiene nombre en castellano e inglés',
        'each position is named in Spanish and English',
      );
    const onMesa = position.body.kind === 'mesa';
    const ranks: readonly string[] = onMesa ? MESA_RANKS : COMMISSION_RANKS;
    if (!ranks.includes(position.rank))
      return onMesa
        ? problem(
            'la Mesa tiene presidencia, vicepresidencias y secretaría',
            'the Mesa has presidency, vice-presidencies and secretariat',
          )
        : problem('una comisión tiene presidencia y miembros', 'a commission has a chair and members');
    if (position.rank === 'president') {
      presidencies += 1;
      if (position.seats !== 1)
        return problem('la presidencia tiene una plaza', 'the presidency has one seat');
    }
    if (position.body.kind === 'commission' && position.rank === 'chair') {
      const id = position.body.commissionId;
      chairs.set(id, (chairs.get(id) ?? 0) + 1);
      if (position.seats !== 1 || chairs.get(id)! > 1)
        return problem('una comisión tiene una sola presidencia', 'a commission has one chair');
    }
  }
  if (positions.some((p) => p.body.kind === 'mesa') && presidencies !== 1)
    return problem('la Mesa tiene exactamente una presidencia', 'the Mesa has exactly one presidency');
  return null;
}

const instant = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  return ms;
};

/** `TERM_INVALID` when the term does not end after it starts (or an end is not a date), else null. */
export function checkTerm(term: Term): 'TERM_INVALID' | null {
  const start = Date.parse(term.startsAt);
  const end = Date.parse(term.endsAt);
  return Number.isNaN(start) || Number.isNaN(end) || end <= start ? 'TERM_INVALID' : null;
}

/** When the office stops: the term's end, or an earlier `endedAt`. */
export function officeEndsAt(office: Office): number {
  const end = instant(office.term.endsAt);
  return office.endedAt ? Math.min(end, instant(office.endedAt)) : end;
}

export function inOffice(office: Office, at: string | Date): boolean {
  const t = typeof at === 'string' ? instant(at) : at.getTime();
  return instant(office.term.startsAt) <= t && t < officeEndsAt(office);
}

export interface OfficeGrant {
  role: Role;
  positionId: string;
  /** ISO instant at which the grant lapses. */
  until: string;
}

/**
 * The roles a holder has at `at` from the offices they hold: a Mesa position grants `moderator` from the
 * term's start until its end (or an earlier end of the office), never outside it. Roles the account
 * holds otherwise (an administrator's grant) are not this function's business.
 */
export function rolesFromOffices(
  positions: readonly Position[],
  offices: readonly Office[],
  holderId: string,
  at: string | Date,
): { roles: Role[]; grants: OfficeGrant[] } {
  const byId = new Map(positions.map((p) => [p.id, p]));
  const grants: OfficeGrant[] = [];
  for (const office of offices) {
    if (office.holderId !== holderId || !inOffice(office, at)) continue;
    const position = byId.get(office.positionId);
    if (!position) throw new RangeError(`office for unknown position ${office.positionId}`);
    const until = new Date(officeEndsAt(office)).toISOString();
    for (const role of rolesOfPosition(position)) grants.push({ role, positionId: position.id, until });
  }
  return { roles: [...new Set(grants.map((g) => g.role))].sort(), grants };
}

/**
 * Whether one more office fits: the holder does not already hold the position in an overlapping term,
 * and the position's seats are not all taken at any instant of the new term.
 */
export function checkNewOffice(
  position: Position,
  offices: readonly Office[],
  candidate: Office,
): 'TERM_INVALID' | 'OFFICE_ALREADY_HELD' | 'POSITION_SEATS_FULL' | null {
  const termProblem = checkTerm(candidate.term);
  if (termProblem) return termProblem;
  const start = instant(candidate.term.startsAt);
  const end = officeEndsAt(candidate);
  const overlapping = offices.filter(
    (o) => o.positionId === position.id && instant(o.term.startsAt) < end && start < officeEndsAt(o),
  );
  if (overlapping.some((o) => o.holderId === candidate.holderId)) return 'OFFICE_ALREADY_HELD';
  // The most offices held at once within the new term: check at each instant one of them starts.
  const instants = [start, ...overlapping.map((o) => instant(o.term.startsAt)).filter((t) => t > start)];
  for (const t of instants) {
    const held = overlapping.filter((o) => instant(o.term.startsAt) <= t && t < officeEndsAt(o)).length;
    if (held + 1 > position.seats) return 'POSITION_SEATS_FULL';
  }
  return null;
}

export interface OfficeChange {
  at: string;
  kind: 'took_office' | 'left_office';
  positionId: string;
  holderId: string;
  /** Roles granted (took_office) or withdrawn (left_office) by this change. */
  roles: Role[];
}

/**
 * The starts and ends of offices in (`after`, `until`], in time order (ends before starts at the same
 * instant): what the scheduled job turns into public-record events and role changes.
 */
export function officeChanges(
  positions: readonly Position[],
  offices: readonly Office[],
  after: string,
  until: string,
): OfficeChange[] {
  const byId = new Map(positions.map((p) => [p.id, p]));
  const [from, to] = [instant(after), instant(until)];
  const changes: (OfficeChange & { ms: number })[] = [];
  for (const office of offices) {
    const position = byId.get(office.positionId);
    if (!position) throw new RangeError(`office for unknown position ${office.positionId}`);
    const roles = rolesOfPosition(position);
    const base = { positionId: office.positionId, holderId: office.holderId, roles };
    const start = instant(office.term.startsAt);
    const end = officeEndsAt(office);
    if (from < start && start <= to && start < end)
      changes.push({ ...base, kind: 'took_office', at: new Date(start).toISOString(), ms: start });
    if (from < end && end <= to && start < end)
      changes.push({ ...base, kind: 'left_office', at: new Date(end).toISOString(), ms: end });
  }
  return changes
    .sort(
      (a, b) =>
        a.ms - b.ms ||
        (a.kind === b.kind ? 0 : a.kind === 'left_office' ? -1 : 1) ||
        (a.holderId < b.holderId ? -1 : a.holderId > b.holderId ? 1 : 0),
    )
    .map(({ ms: _ms, ...change }) => change);
}

/** The next instant after `after` at which some office starts or ends (when to wake the job), or null. */
export function nextOfficeChange(offices: readonly Office[], after: string): string | null {
  const from = instant(after);
  let next = Infinity;
  for (const office of offices) {
    const start = instant(office.term.startsAt);
    const end = officeEndsAt(office);
    if (start >= end) continue;
    for (const t of [start, end]) if (t > from && t < next) next = t;
  }
  return next === Infinity ? null : new Date(next).toISOString();
}
