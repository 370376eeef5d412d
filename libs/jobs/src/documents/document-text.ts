// The words the printed documents (acta, resolución) use: Lima time, Spanish dates and labels. Pure
// functions of their input, shared by the minutes and the resolution templates.
import { ASSEMBLY_TIME_ZONE } from '#domain';

const LIMA_PARTS = new Intl.DateTimeFormat('es-PE', {
  timeZone: ASSEMBLY_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const MONTHS_ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
] as const;

interface LimaParts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

function limaParts(iso: string): LimaParts {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a date: ${iso}`);
  const parts = Object.fromEntries(LIMA_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: parts.hour!.padStart(2, '0'),
    minute: parts.minute!.padStart(2, '0'),
  };
}

const spanishDate = (year: number, month: number, day: number) =>
  `${day} de ${MONTHS_ES[month - 1]} de ${year}`;

/** «2 de diciembre de 2026, 10:15» in Lima time (the assembly's clock); «—» when there is none. */
export function limaDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = limaParts(iso);
  return `${spanishDate(p.year, p.month, p.day)}, ${p.hour}:${p.minute}`;
}

/** «2 de diciembre de 2026»: the Lima calendar day of an instant. */
export function limaDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = limaParts(iso);
  return spanishDate(p.year, p.month, p.day);
}

/** «10:15»: the Lima clock time of an instant. */
export function limaTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = limaParts(iso);
  return `${p.hour}:${p.minute}`;
}

/** A calendar date as stored (YYYY-MM-DD, no time zone): «31 de marzo de 2027». */
export function calendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.slice(0, 10));
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return spanishDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A start and an end on the same Lima day print the day once: «2 de diciembre de 2026, 10:15 a 10:20». */
export function limaSpan(startIso: string, endIso: string | null): string {
  if (!endIso) return `${limaDateTime(startIso)} (sin cierre registrado)`;
  return limaDate(startIso) === limaDate(endIso)
    ? `${limaDateTime(startIso)} a ${limaTime(endIso)}`
    : `${limaDateTime(startIso)} a ${limaDateTime(endIso)}`;
}

/** «1 abstención», «3 abstenciones», «0 votos a favor». */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const label =
  <K extends string>(labels: Record<K, string>, fallback: string) =>
  (value: string): string =>
    (labels as Record<string, string>)[value] ?? fallback;

export const SESSION_KIND_ES = { ordinary: 'ordinaria', extraordinary: 'extraordinaria' } as const;
export const sessionKindEs = label(SESSION_KIND_ES, 'sin tipo');

export const AGENDA_STATUS_ES = {
  pending: 'pendiente',
  in_debate: 'en debate',
  voting: 'en votación',
  done: 'tratado',
  deferred: 'aplazado',
} as const;
export const agendaStatusEs = label(AGENDA_STATUS_ES, 'en estado no previsto');

export const MOTION_STATUS_ES = {
  draft: 'borrador',
  filed: 'presentada',
  admitted: 'admitida',
  scheduled: 'en agenda',
  debating: 'en debate',
  voting: 'en votación',
  adopted: 'aprobada',
  rejected: 'rechazada',
  inadmissible: 'inadmisible',
  withdrawn: 'retirada',
} as const;
export const motionStatusEs = label(MOTION_STATUS_ES, 'en estado no previsto');

export const STANCE_ES = {
  pro: 'a favor',
  contra: 'en contra',
  point_of_order: 'cuestión de orden',
} as const;
export const stanceEs = label(STANCE_ES, 'sin postura registrada');

export const VOTE_KIND_ES = {
  motion: 'Votación de moción',
  amendment: 'Votación de enmienda',
  procedural: 'Votación de procedimiento',
} as const;
export const voteKindEs = label(VOTE_KIND_ES, 'Votación');

export const CLOSED_BY_ES = { moderator: 'por la Mesa Directiva', deadline: 'al vencer su plazo' } as const;

export const CHOICE_ES = { yes: 'A favor', no: 'En contra', abstain: 'Abstención' } as const;

export type CountingRuleName =
  'simple' | 'absolute_present' | 'absolute_members' | 'two_thirds_cast' | 'two_thirds_members';

export const RULE_ES: Record<CountingRuleName, string> = {
  simple: 'mayoría simple',
  absolute_present: 'mayoría absoluta de presentes',
  absolute_members: 'mayoría absoluta de miembros',
  two_thirds_cast: 'dos tercios de los votos emitidos',
  two_thirds_members: 'dos tercios de los miembros',
};

/** What each counting rule asks, in words (DESIGN.md's table). */
export const RULE_MEANING_ES: Record<CountingRuleName, string> = {
  simple:
    'se aprueba si los votos a favor superan a los votos en contra; las abstenciones no se cuentan y el empate rechaza',
  absolute_present:
    'se aprueba con los votos a favor de más de la mitad de los delegados presentes al abrir la votación',
  absolute_members: 'se aprueba con los votos a favor de más de la mitad de los miembros de la Asamblea',
  two_thirds_cast: 'se aprueba con al menos dos tercios de los votos a favor y en contra',
  two_thirds_members:
    'se aprueba con los votos a favor de al menos dos tercios de los miembros de la Asamblea',
};

/** «Mayoría simple (versión 1): se aprueba si …». */
export function ruleInWords(rule: CountingRuleName, ruleVersion: number): string {
  const name = RULE_ES[rule] ?? 'regla no prevista';
  const meaning = RULE_MEANING_ES[rule];
  return `${name[0]!.toUpperCase()}${name.slice(1)} (versión ${ruleVersion} de las reglas de cómputo)${meaning ? `: ${meaning}` : ''}.`;
}

/** The part of a tally the documents print (the stored tally, or a resolution's frozen copy). */
export interface PrintedTally {
  counts: { yes: number; no: number; abstain: number; notVoted: number };
  base: { kind: 'yes_plus_no' | 'present' | 'members'; size: number };
  required: number;
  outcome: 'adopted' | 'rejected';
  turnout?: { cast: number; required: number };
  reason?: string;
}

/** «2 a favor, 1 en contra, 0 abstenciones, 1 sin votar». */
export function countsInWords(counts: PrintedTally['counts']): string {
  return [
    `${counts.yes} a favor`,
    `${counts.no} en contra`,
    plural(counts.abstain, 'abstención', 'abstenciones'),
    `${counts.notVoted} sin votar`,
  ].join(', ');
}

const BASE_ES: Record<PrintedTally['base']['kind'], (n: number) => string> = {
  yes_plus_no: (n) => `de ${plural(n, 'voto', 'votos')} a favor y en contra`,
  present: (n) => `de ${plural(n, 'delegado presente', 'delegados presentes')} al abrir la votación`,
  members: (n) => `de ${plural(n, 'miembro', 'miembros')} de la Asamblea`,
};

/** «2 votos a favor (de 3 votos a favor y en contra)». */
export function requiredInWords(tally: PrintedTally): string {
  const base = BASE_ES[tally.base.kind]?.(tally.base.size);
  return `${plural(tally.required, 'voto', 'votos')} a favor${base ? ` (${base})` : ''}`;
}

/** «4 votos emitidos (abstenciones incluidas); mínimo requerido: 5». */
export function turnoutInWords(turnout: { cast: number; required: number }): string {
  return `${plural(turnout.cast, 'voto emitido', 'votos emitidos')} (abstenciones incluidas); mínimo requerido: ${turnout.required}`;
}

/** «APROBADA» / «RECHAZADA», with the reason when enough yes votes were not enough. */
export function outcomeInWords(tally: PrintedTally): string {
  const word = tally.outcome === 'adopted' ? 'APROBADA' : 'RECHAZADA';
  if (tally.reason === 'turnout_below_minimum' && tally.turnout)
    return `${word}: no alcanzó la participación mínima (${tally.turnout.cast} votos emitidos de ${tally.turnout.required} requeridos)`;
  return word;
}

/** A delegate as the documents name them: name, and whose alternate they are. */
export interface NamedDelegate {
  name: string;
  constituency: string;
  /** The titular this delegate stands in for, when they are an alternate. */
  alternateOf?: string | null;
}

/** Groups delegates by province (alphabetical, Spanish order), names sorted within each. */
export function byProvince<T extends { name: string; constituency: string }>(
  delegates: readonly T[],
): { province: string; delegates: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const d of delegates) {
    const group = groups.get(d.constituency) ?? [];
    group.push(d);
    groups.set(d.constituency, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'es'))
    .map(([province, list]) => ({
      province,
      delegates: [...list].sort((a, b) => a.name.localeCompare(b.name, 'es', { numeric: true })),
    }));
}

export const delegateInWords = (d: NamedDelegate): string =>
  d.alternateOf ? `${d.name} (suplente de ${d.alternateOf})` : d.name;

/** A seat on the session's day: the titular and their alternate, with names. */
export interface SeatOnRecord {
  titular: { id: string; name: string; constituency: string };
  alternate: { id: string; name: string; constituency: string } | null;
}

/**
 * Who was present and who was absent, from the attendance record: present are those checked in
 * (an alternate standing in for their titular says so); absent is every seat that no one occupied.
 */
export function attendanceRoll(
  seats: readonly SeatOnRecord[],
  checkedIn: readonly { id: string; name: string; constituency: string }[],
): { present: NamedDelegate[]; absent: NamedDelegate[]; seated: number; presentSeats: number } {
  const inRoom = new Set(checkedIn.map((d) => d.id));
  const seatOfAlternate = new Map(seats.filter((s) => s.alternate).map((s) => [s.alternate!.id, s] as const));
  const present = checkedIn.map((d) => {
    const seat = seatOfAlternate.get(d.id);
    // An alternate stands in only while their titular is away.
    const standsIn = seat !== undefined && !inRoom.has(seat.titular.id);
    return { name: d.name, constituency: d.constituency, alternateOf: standsIn ? seat.titular.name : null };
  });
  const absent = seats
    .filter((s) => !inRoom.has(s.titular.id) && !(s.alternate && inRoom.has(s.alternate.id)))
    .map((s) => ({ name: s.titular.name, constituency: s.titular.constituency }));
  const presentSeats = seats.length - absent.length;
  return { present, absent, seated: seats.length, presentSeats };
}

/** How a delegate voted when the Mesa recorded the ballot for them, as the documents say it. */
export const RECORDED_METHOD_ES = { voice: 'a viva voz', hands: 'a mano alzada', paper: 'en papel' } as const;

/** «Ana Pérez (registrado por la Mesa, a viva voz)» for a ballot the Mesa recorded; the name alone otherwise. */
export function ballotNameInWords(ballot: {
  name: string;
  recordedBy?: { method: keyof typeof RECORDED_METHOD_ES } | null;
}): string {
  return ballot.recordedBy
    ? `${ballot.name} (registrado por la Mesa, ${RECORDED_METHOD_ES[ballot.recordedBy.method]})`
    : ballot.name;
}

/**
 * A vote's roll call by province: who voted what (a ballot the Mesa recorded marked as such), and who
 * was entitled and did not vote.
 */
export function rollCallByProvince(
  ballots: readonly {
    name: string;
    constituency: string;
    choice: 'yes' | 'no' | 'abstain';
    recordedBy?: { method: keyof typeof RECORDED_METHOD_ES } | null;
  }[],
  notVoted: readonly { name: string; constituency: string }[],
): {
  province: string;
  yes: string[];
  no: string[];
  abstain: string[];
  notVoted: string[];
}[] {
  const all = [
    ...ballots.map((b) => ({
      name: ballotNameInWords(b),
      constituency: b.constituency,
      choice: b.choice as string,
    })),
    ...notVoted.map((d) => ({ name: d.name, constituency: d.constituency, choice: 'notVoted' })),
  ];
  return byProvince(all).map(({ province, delegates }) => ({
    province,
    yes: delegates.filter((d) => d.choice === 'yes').map((d) => d.name),
    no: delegates.filter((d) => d.choice === 'no').map((d) => d.name),
    abstain: delegates.filter((d) => d.choice === 'abstain').map((d) => d.name),
    notVoted: delegates.filter((d) => d.choice === 'notVoted').map((d) => d.name),
  }));
}
