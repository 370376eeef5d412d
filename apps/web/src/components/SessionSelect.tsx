import type { SessionView } from '#contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useRecordFormat } from '../pages/Motion';

type Listed = Pick<SessionView, 'id' | 'title' | 'status' | 'scheduledAt'>;

const rank = (status: string) => ({ open: 0, suspended: 1, scheduled: 2, closed: 3 })[status] ?? 4;

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
  refresh?: number;
  /** What to say when there is no session at all. */
  empty: string;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const [sessions, setSessions] = useState<Listed[] | null>(null);
  useEffect(() => {
    let live = true;
    api<Listed[]>('GET', '/api/sessions').then(
      (list) => {
        if (!live) return;
        const ordered = [...list].sort((a, b) => rank(a.status) - rank(b.status));
        setSessions(ordered);
        if (!value && ordered[0]) onChange(ordered[0].id);
      },
      () => live && setSessions([]),
    );
    return () => {
      live = false;
    };
  }, [refresh]);
  if (sessions && sessions.length === 0) return <p>{empty}</p>;
  return (
    <div className="field session-select">
      <label htmlFor={id}>{t('common.session')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={!sessions}>
        {value && sessions && !sessions.some((s) => s.id === value) ? <option value={value}>…</option> : null}
        {(sessions ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} · {t(`status.${s.status}`)} · {format.dateTime(s.scheduledAt)}
          </option>
        ))}
      </select>
    </div>
  );
}
