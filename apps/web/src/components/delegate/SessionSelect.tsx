import type { SessionView } from '#contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';

type Listed = Pick<SessionView, 'id' | 'title' | 'status'>;
const rank = (status: string) => ({ open: 0, suspended: 1, scheduled: 2, closed: 3 })[status] ?? 4;

/**
 * The session the delegate works on (the live one first). The label is a sibling (`for`), so the
 * select's name is exactly "Sesión" however its label is looked up.
 */
export function SessionSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
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
  }, []); // loaded once; the choice stays with the delegate
  if (sessions && sessions.length === 0) return <p>{t('delegate.noSessions')}</p>;
  return (
    <div className="dc-field">
      <label htmlFor={id}>{t('delegate.pickSession')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={!sessions}>
        {(sessions ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({t(`status.${s.status}`)})
          </option>
        ))}
      </select>
    </div>
  );
}
