import type { SessionView } from '#contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useRecordFormat } from '../pages/Motion';

type Listed = Pick<SessionView, 'id' | 'number' | 'title' | 'status' | 'scheduledAt'>;

const rank = (status: string) => ({ open: 0, suspended: 1, scheduled: 2, closed: 3 })[status] ?? 4;
const time = (s: Listed) => Date.parse(s.scheduledAt);
/** Live sessions first, then the next ones soonest first, then the past ones latest first. */
function ordered(list: Listed[]): Listed[] {
  return [...list].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) || (a.status === 'scheduled' ? time(a) - time(b) : time(b) - time(a)),
  );
}
/** The list follows new and changed sessions without a reload (a GET every half minute, and on focus). */
const RELOAD_MS = 30_000;

/**
 * The session a console works on, kept in the address (`?sesion=<id>`): a reload or a shared link
 * opens the same session.
 */
export function useChosenSession(): [string | undefined, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('sesion') ?? undefined;
  const choose = useCallback(
    (id: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('sesion', id);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [chosen, choose];
}

/**
 * The session a console works on: live sessions first, then the scheduled, then the closed; the first
 * is chosen when none is. The label stands apart from the select (`for`): a wrapping label would take
 * the options' text into the control's name. `refresh` reloads the list (a new session, a new status).
 */
export function SessionSelect({
  value,
  onChange,
  refresh = 0,
  empty,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
  refresh?: unknown;
  /** What to say when there is no session at all. */
  empty: string;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const [sessions, setSessions] = useState<Listed[] | null>(null);
  const [tick, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    const timer = setInterval(again, RELOAD_MS);
    window.addEventListener('focus', again);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', again);
    };
  }, []);
  useEffect(() => {
    let live = true;
    api<Listed[]>('GET', '/api/sessions').then(
      (list) => {
        if (!live) return;
        const sorted = ordered(list);
        setFailed(false);
        setSessions(sorted);
        if (!value && sorted[0]) onChange(sorted[0].id);
      },
      () => {
        // Keep what is known; say so only when there is nothing to show (tried again on the next tick).
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [refresh, tick]);
  if (!sessions && failed)
    return (
      <p role="alert" className="error">
        {t('errors.network')}
      </p>
    );
  if (sessions && sessions.length === 0) return <p>{empty}</p>;
  return (
    <div className="field session-select">
      <label htmlFor={id}>{t('common.session')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={!sessions}>
        {value && sessions && !sessions.some((s) => s.id === value) ? <option value={value}>…</option> : null}
        {(sessions ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} · {t(`status.${s.status}`)} · {format.dateTime(s.scheduledAt)}
            {` · ${s.number}`}
          </option>
        ))}
      </select>
    </div>
  );
}
