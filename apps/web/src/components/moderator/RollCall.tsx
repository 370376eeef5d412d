import { foldForSearch } from '#domain/text/fold';
import type { SessionSnapshot } from '#contracts';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';

export interface DelegateRow {
  id: string;
  fullName: string;
  constituency: { code: string; name: string };
  status: 'active' | 'suspended' | 'ceased';
  alternateOfId: string | null;
  alternateId: string | null;
  seated: boolean;
}

/**
 * Who is checked in, as recorded: the snapshot names only who occupies each seat, so an alternate
 * ticked while their titular is present (or someone without a seat) is read from the session record,
 * refetched after every attendance change.
 */
function useCheckedIn(attendance: SessionSnapshot['attendance']): Set<string> {
  return useMemo(
    () => new Set([...attendance.presentDelegateIds, ...(attendance.uncountedDelegateIds ?? [])]),
    [attendance],
  );
}

/** One delegate's checkbox: checked = present; the click is recorded at once, its error beside it. */
function Presence({
  delegate,
  present,
  sessionId,
  enabled,
  note,
  noteClass,
  searchRef,
  match,
}: {
  delegate: DelegateRow;
  present: boolean;
  sessionId: string;
  enabled: boolean;
  note: string;
  noteClass?: string;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Whether the name matches the search (Enter in the search box goes to the first that does). */
  match: boolean;
}) {
  const action = useAction();
  const errorId = useId();
  const noteId = useId();
  // What was asked, shown until the recorded attendance says the same (or the request fails).
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => {
    if (asked !== null && asked === present) setAsked(null);
  }, [asked, present]);
  const change = (next: boolean) => {
    if (action.pending) return; // one request at a time; the box stays focusable for the keyboard
    setAsked(next);
    void action
      .run(() => api('POST', `/api/sessions/${sessionId}/attendance/${delegate.id}`, { present: next }))
      .then((result) => {
        if (result === undefined) setAsked(null);
      });
  };
  // Escape goes back to the search box, its text selected: type the next name straight away.
  const back = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape' || !searchRef.current) return;
    event.preventDefault();
    searchRef.current.focus();
    searchRef.current.select();
  };
  const describedBy = [note ? noteId : '', action.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="mod-seat-person">
      <label className="check">
        <input
          type="checkbox"
          checked={asked ?? present}
          disabled={!enabled}
          aria-busy={action.pending || undefined}
          data-match={match || undefined}
          onChange={(e) => change(e.target.checked)}
          onKeyDown={back}
          aria-describedby={describedBy || undefined}
        />
        {delegate.fullName}
      </label>
      {note ? (
        <span className={`mod-small mod-note ${noteClass ?? 'muted'}`} id={noteId}>
          {note}
        </span>
      ) : null}
      <ActionError error={action.error} id={errorId} />
    </div>
  );
}

interface SeatRow {
  titular: DelegateRow;
  alternate: DelegateRow | null;
}

/** Every seat by province: the titular with the alternate beside, a checkbox each; quorum from the snapshot. */
export function RollCall({
  snapshot,
  delegates,
}: {
  snapshot: SessionSnapshot;
  delegates: DelegateRow[] | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const occupying = useMemo(() => new Set(snapshot.attendance.presentDelegateIds), [snapshot.attendance]);
  const checkedIn = useCheckedIn(snapshot.attendance);
  const enabled = snapshot.session.status === 'open' || snapshot.session.status === 'suspended';
  const provinces = useMemo(() => {
    const byId = new Map((delegates ?? []).map((d) => [d.id, d]));
    const groups = new Map<string, SeatRow[]>();
    const seats = (delegates ?? []).filter(
      (d) => !d.alternateOfId || !byId.has(d.alternateOfId), // an alternate without a listed titular stands alone
    );
    for (const titular of seats) {
      const alternate = titular.alternateId ? (byId.get(titular.alternateId) ?? null) : null;
      const name = titular.constituency.name;
      groups.set(name, [...(groups.get(name) ?? []), { titular, alternate }]);
    }
    return [...groups]
      .sort(([a], [b]) => a.localeCompare(b, 'es'))
      .map(
        ([name, list]) =>
          [name, list.sort((a, b) => a.titular.fullName.localeCompare(b.titular.fullName, 'es'))] as const,
      );
  }, [delegates]);

  // Present as recorded. A seat's titular and a standing-in alternate are in the snapshot; an alternate
  // ticked beside a present titular, or anyone without a seat, only in the record.
  const isSeat = (seat: SeatRow) => seat.titular.seated && !seat.titular.alternateOfId;
  /** An alternate stands in only while active (a suspended or ceased one is no longer the seat's). */
  const standsIn = (seat: SeatRow) => isSeat(seat) && seat.alternate?.status === 'active';
  const presentOf = (person: DelegateRow, seat: SeatRow): boolean => {
    if (occupying.has(person.id)) return true;
    if (isSeat(seat) && person === seat.titular) return false;
    if (standsIn(seat) && person === seat.alternate)
      return occupying.has(seat.titular.id) && checkedIn.has(person.id);
    return checkedIn.has(person.id);
  };
  /** What a ticked box means for the quorum, beside the name (also its accessible description). */
  const noteOf = (person: DelegateRow, seat: SeatRow): { note: string; className?: string } => {
    if (person === seat.alternate) {
      const name = seat.titular.fullName;
      if (!isSeat(seat)) return { note: t('moderator.roll.alternateNoSeat', { name }) };
      if (!standsIn(seat)) return { note: t('moderator.roll.alternateInactive', { name }) };
      const titularHere = occupying.has(seat.titular.id);
      if (titularHere && presentOf(person, seat))
        return { note: t('moderator.roll.alternateBoth', { name }), className: 'mod-note-both' };
      if (occupying.has(person.id)) return { note: t('moderator.roll.alternateStandsIn', { name }) };
      return { note: t('moderator.roll.alternateIdle', { name }) };
    }
    if (person.alternateOfId) return { note: t('moderator.roll.alternate') };
    if (!person.seated) return { note: t('moderator.roll.notSeated') };
    return { note: '' };
  };

  const words = foldForSearch(query).split(' ').filter(Boolean);
  const matches = (person: DelegateRow | null) => {
    if (!person) return false;
    const name = foldForSearch(person.fullName);
    return words.every((word) => name.includes(word));
  };
  const shown = provinces
    .map(([name, seats]) => {
      const visible = words.length ? seats.filter((s) => matches(s.titular) || matches(s.alternate)) : seats;
      return { name, seats, visible };
    })
    .filter((province) => province.visible.length > 0);
  let found = 0;
  for (const { visible } of shown)
    for (const seat of visible) found += Number(matches(seat.titular)) + Number(matches(seat.alternate));

  // Why the ticks and the present seats may differ: a seat counts once; someone without a seat not at all.
  let ticked = 0;
  let doubled = 0;
  let unseated = 0;
  for (const [, seats] of provinces)
    for (const seat of seats) {
      const titularTicked = presentOf(seat.titular, seat);
      const alternateTicked = !!seat.alternate && presentOf(seat.alternate, seat);
      ticked += Number(titularTicked) + Number(alternateTicked);
      if (!isSeat(seat)) unseated += Number(titularTicked) + Number(alternateTicked);
      else if (!standsIn(seat)) unseated += Number(alternateTicked);
      else if (titularTicked && alternateTicked) doubled += 1;
    }

  const focusFirst = () => {
    const first = listRef.current?.querySelector<HTMLInputElement>(
      'input[type="checkbox"][data-match]:not(:disabled)',
    );
    first?.focus();
  };
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      focusFirst();
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const quorum = snapshot.attendance.quorum;
  return (
    <section className="panel" id="mesa-roll" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.roll.heading')}</h2>
      <p aria-live="polite">
        {t('board.present', { ...quorum })} ·{' '}
        <span className={quorum.hasQuorum ? 'ok' : 'error'}>
          {quorum.hasQuorum ? t('board.hasQuorum') : t('board.noQuorum')}
        </span>
      </p>
      {ticked !== quorum.present && delegates !== null ? (
        <p className="mod-small" data-testid="roll-why">
          {[
            t('moderator.roll.ticked', { count: ticked }),
            doubled ? t('moderator.roll.doubled', { count: doubled }) : '',
            unseated ? t('moderator.roll.unseated', { count: unseated }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
      <p className="muted">
        {enabled ? t('moderator.roll.intro') : t('moderator.roll.notOpen')} {t('moderator.roll.seatsRule')}
      </p>
      {delegates === null ? <p role="status">{t('moderator.roll.loading')}</p> : null}
      {delegates !== null && delegates.length > 0 ? (
        <div className="mod-field mod-roll-search">
          <label>
            {t('moderator.roll.search')}
            <input
              ref={searchRef}
              type="search"
              value={query}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onSearchKey}
              aria-describedby={`${id}-sh ${id}-found`}
            />
          </label>
          <span className="muted mod-hint" id={`${id}-sh`}>
            {t('moderator.roll.searchHint')}
          </span>
          <span className="mod-hint" id={`${id}-found`} role="status">
            {words.length
              ? found
                ? t('moderator.roll.found', { count: found })
                : t('moderator.roll.noneFound', { query: query.trim() })
              : ''}
          </span>
        </div>
      ) : null}
      <div className="mod-provinces" ref={listRef}>
        {shown.map(({ name, seats, visible }) => {
          const total = seats.filter(isSeat).length;
          const here = seats.filter(
            (s) =>
              isSeat(s) && (occupying.has(s.titular.id) || (!!s.alternate && occupying.has(s.alternate.id))),
          ).length;
          return (
            <fieldset key={name} className="mod-province">
              <legend>{t('moderator.roll.province', { name, present: here, total })}</legend>
              <ul className="mod-seats">
                {visible.map((seat) => (
                  <li key={seat.titular.id} className="mod-seat">
                    {[seat.titular, seat.alternate].map((person) => {
                      if (!person) return null;
                      const { note, className } = noteOf(person, seat);
                      return (
                        <Presence
                          key={person.id}
                          delegate={person}
                          present={presentOf(person, seat)}
                          sessionId={snapshot.session.id}
                          enabled={enabled}
                          searchRef={searchRef}
                          match={matches(person)}
                          note={note}
                          noteClass={className}
                        />
                      );
                    })}
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
