import type { LedgerEvent } from '../ledger/hash-chain.js';
import type {
  AgendaChangedPayload,
  AgendaItemPayload,
  AttendancePayload,
  SessionScheduledPayload,
  SessionStatusPayload,
  SpeechExtendedPayload,
  SpeechPayload,
} from '../ledger/record-events.js';
import type { VoteClosedPayload, VoteOpenedPayload } from '../votes/vote-record.js';
import type { AuditProblem } from '../votes/vote-audit.js';
import {
  sameInstant,
  sameList,
  servedProblem,
  type FactAuditor,
  type ServedAgendaItem,
  type ServedSession,
  type ServedSessionRecord,
  type ServedSessionSnapshot,
} from './served-facts.js';

interface AgendaItemFact {
  id: string;
  position: number;
  kind: string;
  title: string;
  motionId: string | null;
  status: string;
  /** The agenda.changed that last placed it. */
  sequence: number;
  statusSequence: number;
}

interface AttendanceFact {
  present: boolean;
  recordedBy: string;
  sequence: number;
}

interface SpeechFact {
  id: string;
  itemId: string;
  delegateId: string;
  stance: string;
  startedAt: string;
  endsAt: string;
  endedAt: string | null;
  endedBy: string | null;
  sequence: number;
}

/** A session as its events prove it: how it was called, its status, agenda, attendance and speeches. */
export interface SessionFact {
  id: string;
  sequence: number;
  number: string | undefined;
  kind: string;
  title: string;
  scheduledAt: string;
  place: string | null;
  virtualUrl: string | null;
  status: string;
  statusSequence: number;
  opened: boolean;
  closed: boolean;
  agenda: Map<string, AgendaItemFact>;
  /** The last agenda.changed (null before any item). */
  agendaSequence: number | null;
  attendance: Map<string, AttendanceFact>;
  speeches: Map<string, SpeechFact>;
}

const ITEM_STATUS: Record<string, string> = {
  'agenda.item_started': 'in_debate',
  'agenda.item_finished': 'done',
  'agenda.item_deferred': 'deferred',
};

export class SessionFactsAuditor implements FactAuditor {
  readonly sessions = new Map<string, SessionFact>();
  /** A vote on a motion puts its item into voting, and its close makes the item done. */
  private readonly votingItems = new Map<string, { sessionId: string; itemId: string }>();

  add(event: LedgerEvent): void {
    const payload = event.payload as { sessionId?: string };
    if (event.type === 'session.scheduled') {
      const p = event.payload as SessionScheduledPayload;
      this.sessions.set(p.sessionId, {
        id: p.sessionId,
        sequence: event.sequence,
        number: p.number,
        kind: p.kind,
        title: p.title,
        scheduledAt: p.scheduledAt,
        place: p.place ?? null,
        virtualUrl: p.virtualUrl ?? null,
        status: 'scheduled',
        statusSequence: event.sequence,
        opened: false,
        closed: false,
        agenda: new Map(),
        agendaSequence: null,
        attendance: new Map(),
        speeches: new Map(),
      });
      return;
    }
    if (event.type === 'vote.closed') {
      const item = this.votingItems.get((event.payload as VoteClosedPayload).voteId);
      const fact = item && this.sessions.get(item.sessionId)?.agenda.get(item.itemId);
      if (fact?.status === 'voting') {
        fact.status = 'done';
        fact.statusSequence = event.sequence;
      }
      return;
    }
    const session = payload.sessionId === undefined ? undefined : this.sessions.get(payload.sessionId);
    if (!session) return;
    switch (event.type) {
      case 'session.opened':
      case 'session.suspended':
      case 'session.resumed':
      case 'session.closed':
        session.status = (event.payload as SessionStatusPayload).to;
        session.statusSequence = event.sequence;
        if (event.type === 'session.opened') session.opened = true;
        if (event.type === 'session.closed') session.closed = true;
        return;
      case 'agenda.changed': {
        const previous = session.agenda;
        session.agenda = new Map(
          (event.payload as AgendaChangedPayload).items.map((item) => {
            const before = previous.get(item.id);
            return [
              item.id,
              {
                ...item,
                status: before?.status ?? 'pending',
                sequence: event.sequence,
                statusSequence: before?.statusSequence ?? event.sequence,
              },
            ];
          }),
        );
        session.agendaSequence = event.sequence;
        return;
      }
      case 'agenda.item_started':
      case 'agenda.item_finished':
      case 'agenda.item_deferred': {
        const item = session.agenda.get((event.payload as AgendaItemPayload).itemId);
        if (!item) return;
        item.status = ITEM_STATUS[event.type]!;
        item.statusSequence = event.sequence;
        return;
      }
      case 'vote.opened': {
        const p = event.payload as VoteOpenedPayload;
        const item = session.agenda.get(p.itemId);
        if (!item || p.motionId === null) return;
        item.status = 'voting';
        item.statusSequence = event.sequence;
        this.votingItems.set(p.voteId, { sessionId: session.id, itemId: p.itemId });
        return;
      }
      case 'attendance.checked_in':
      case 'attendance.checked_out': {
        const p = event.payload as AttendancePayload;
        session.attendance.set(p.delegateId, {
          present: event.type === 'attendance.checked_in',
          recordedBy: p.recordedBy,
          sequence: event.sequence,
        });
        return;
      }
      case 'speech.started':
      case 'speech.ended': {
        const p = event.payload as SpeechPayload;
        session.speeches.set(p.id, {
          id: p.id,
          itemId: p.itemId,
          delegateId: p.delegateId,
          stance: p.stance,
          startedAt: p.startedAt,
          endsAt: p.endsAt,
          endedAt: p.endedAt,
          endedBy: p.endedBy,
          sequence: event.sequence,
        });
        return;
      }
      case 'speech.extended': {
        const p = event.payload as SpeechExtendedPayload;
        const speech = session.speeches.get(p.speechId);
        if (!speech) return;
        speech.endsAt = p.endsAt;
        speech.sequence = event.sequence;
        return;
      }
    }
  }

  get agendaItemCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) count += session.agenda.size;
    return count;
  }

  get attendanceCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) count += session.attendance.size;
    return count;
  }

  get speechCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) count += session.speeches.size;
    return count;
  }
}

function nameOf(fact: SessionFact): string {
  return `session ${fact.number ?? fact.id}`;
}

function compareSession(fact: SessionFact, served: ServedSession): AuditProblem | null {
  const at = (sequence: number, what: string) =>
    servedProblem(sequence, `${nameOf(fact)} (event ${sequence}): ${what}`);
  // Sessions called before they were numbered got their number later, outside the record.
  if (fact.number !== undefined && served.number !== fact.number)
    return at(fact.sequence, 'served number differs from the record');
  if (served.kind !== fact.kind) return at(fact.sequence, 'served kind differs from the record');
  if (served.title !== fact.title) return at(fact.sequence, 'served title differs from the record');
  if (!sameInstant(served.scheduledAt, fact.scheduledAt))
    return at(fact.sequence, 'served date and time differ from the record');
  if ((served.place ?? null) !== fact.place || (served.virtualUrl ?? null) !== fact.virtualUrl)
    return at(fact.sequence, 'served place differs from the record');
  if (served.status !== fact.status) return at(fact.statusSequence, 'served status differs from the record');
  if (served.openedAt !== undefined && (served.openedAt !== null) !== fact.opened)
    return at(fact.statusSequence, 'served opening time contradicts the record');
  if (served.closedAt !== undefined && (served.closedAt !== null) !== fact.closed)
    return at(fact.statusSequence, 'served closing time contradicts the record');
  return null;
}

function compareAgenda(fact: SessionFact, served: ServedAgendaItem[]): AuditProblem | null {
  const name = nameOf(fact);
  for (const row of served) {
    const item = fact.agenda.get(row.id);
    if (!item) return servedProblem(null, `${name}: agenda item ${row.id} is served but not in the record`);
    const at = (sequence: number, what: string) =>
      servedProblem(sequence, `${name}, agenda item ${item.position} (event ${sequence}): ${what}`);
    if (row.position !== item.position) return at(item.sequence, 'served order differs from the record');
    if (row.kind !== item.kind || row.title !== item.title || (row.motionId ?? null) !== item.motionId)
      return at(item.sequence, 'served item differs from the record');
    if (row.status !== item.status) return at(item.statusSequence, 'served status differs from the record');
  }
  if (served.length !== fact.agenda.size) {
    const servedIds = new Set(served.map((row) => row.id));
    const missing = [...fact.agenda.values()].find((item) => !servedIds.has(item.id))!;
    return servedProblem(
      missing.sequence,
      `${name}, agenda item ${missing.position} (event ${missing.sequence}): in the record but not served`,
    );
  }
  return null;
}

/** GET /api/sessions/:id/record against the record: the session, attendance, agenda and every speech. */
export function compareSessionRecord(fact: SessionFact, served: ServedSessionRecord): AuditProblem | null {
  const name = nameOf(fact);
  const problem = compareSession(fact, served.session) ?? compareAgenda(fact, served.agenda);
  if (problem) return problem;

  const attendance = served.attendance.delegates;
  for (const row of attendance) {
    const recorded = fact.attendance.get(row.delegateId);
    if (!recorded)
      return servedProblem(
        null,
        `${name}: attendance of delegate ${row.delegateId} is served but not in the record`,
      );
    const at = (what: string) =>
      servedProblem(
        recorded.sequence,
        `${name}, attendance of delegate ${row.delegateId} (event ${recorded.sequence}): ${what}`,
      );
    if (row.present !== recorded.present) return at('served presence differs from the record');
    if (row.recordedBy !== recorded.recordedBy)
      return at('served way it was recorded differs from the record');
  }
  if (attendance.length !== fact.attendance.size) {
    const servedIds = new Set(attendance.map((row) => row.delegateId));
    const [delegateId, missing] = [...fact.attendance].find(([id]) => !servedIds.has(id))!;
    return servedProblem(
      missing.sequence,
      `${name}, attendance of delegate ${delegateId} (event ${missing.sequence}): in the record but not served`,
    );
  }

  for (const row of served.speeches) {
    const speech = fact.speeches.get(row.id);
    if (!speech) return servedProblem(null, `${name}: speech ${row.id} is served but not in the record`);
    const at = (what: string) =>
      servedProblem(speech.sequence, `${name}, speech ${row.id} (event ${speech.sequence}): ${what}`);
    if (row.delegateId !== speech.delegateId) return at('served speaker differs from the record');
    if (row.itemId !== speech.itemId || row.stance !== speech.stance)
      return at('served item or stance differs from the record');
    if (!sameInstant(row.startedAt, speech.startedAt)) return at('served start differs from the record');
    if (!sameInstant(row.endsAt, speech.endsAt))
      return at('served end time (with extensions) differs from the record');
    if (!sameInstant(row.endedAt, speech.endedAt) || (row.endedBy ?? null) !== speech.endedBy)
      return at('served end differs from the record');
  }
  if (served.speeches.length !== fact.speeches.size) {
    const servedIds = new Set(served.speeches.map((row) => row.id));
    const missing = [...fact.speeches.values()].find((speech) => !servedIds.has(speech.id))!;
    return servedProblem(
      missing.sequence,
      `${name}, speech ${missing.id} (event ${missing.sequence}): in the record but not served`,
    );
  }
  return null;
}

/** GET /api/sessions/:id (the live board) against the record: the session, its agenda and who is present. */
export function compareSessionSnapshot(
  fact: SessionFact,
  served: ServedSessionSnapshot,
): AuditProblem | null {
  const problem = compareSession(fact, served.session) ?? compareAgenda(fact, served.agenda);
  if (problem) return problem;
  const present = [...served.attendance.presentDelegateIds, ...served.attendance.uncountedDelegateIds].sort();
  const recorded = [...fact.attendance]
    .filter(([, row]) => row.present)
    .map(([id]) => id)
    .sort();
  if (!sameList(present, recorded)) {
    const stray = present.find((id) => !fact.attendance.get(id)?.present);
    const missing = recorded.find((id) => !present.includes(id));
    const sequence = missing ? fact.attendance.get(missing)!.sequence : null;
    return servedProblem(
      sequence,
      stray
        ? `${nameOf(fact)}: the live board shows delegate ${stray} present, which the record does not`
        : `${nameOf(fact)} (event ${sequence}): the live board does not show delegate ${missing} present`,
    );
  }
  return null;
}
