import { assemblyToday, DomainError, formatSessionNumber, type SessionKind } from '#domain';
import { insertSession, takeSessionNumber } from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import { inTransaction, type Outcome } from '../unit-of-work.js';
import type { DataSource } from 'typeorm';

export interface ScheduleSessionInput {
  kind: SessionKind;
  title: string;
  scheduledAt: string;
  place?: string;
  virtualUrl?: string;
}

/** Calls a session, in a place or online (or both), numbered within the year of its date; returns its id. */
export async function scheduleSession(
  dataSource: DataSource,
  caller: Pick<Caller, 'id'>,
  input: ScheduleSessionInput,
): Promise<Outcome<string>> {
  if (!input.place && !input.virtualUrl) {
    throw new DomainError('VALIDATION_FAILED', {}, [
      { field: 'place', problems: ['place or virtualUrl is required'] },
    ]);
  }
  return inTransaction(dataSource, async (uow) => {
    const title = input.title.trim();
    const place = input.place ?? null;
    const virtualUrl = input.virtualUrl ?? null;
    const year = Number(assemblyToday(new Date(input.scheduledAt)).slice(0, 4));
    const number = formatSessionNumber(year, await takeSessionNumber(uow.m, year));
    const sessionId = await insertSession(uow.m, {
      number,
      kind: input.kind,
      title,
      scheduledAt: input.scheduledAt,
      place,
      virtualUrl,
    });
    await uow.record({
      type: 'session.scheduled',
      actor: actorOf(caller),
      payload: {
        sessionId,
        number,
        kind: input.kind,
        title,
        scheduledAt: new Date(input.scheduledAt).toISOString(),
        place,
        virtualUrl,
      },
    });
    return sessionId;
  });
}
