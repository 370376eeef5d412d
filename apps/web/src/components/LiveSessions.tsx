import type { SessionView } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

type Listed = Pick<SessionView, 'id' | 'title' | 'status'>;

/** Picks the session a console works on (the live one first). */
export function SessionPicker({
  value,
  onChange,
  refresh = 0,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
  refresh?: number;
}) {
  const { t } = useTranslation();
  const [sessions, setSessions] = useState<Listed[]>([]);
  useEffect(() => {
    void api<Listed[]>('GET', '/api/sessions').then((list) => {
      const ordered = [...list].sort((a, b) => rank(a.status) - rank(b.status));
      setSessions(ordered);
      if (!value && ordered[0]) onChange(ordered[0].id);
    });
  }, [refresh]);
  return (
    <label>
      {t('delegate.pickSession')}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title} ({t(`status.${s.status}`)})
          </option>
        ))}
      </select>
    </label>
  );
}

const rank = (status: string) => ({ open: 0, suspended: 1, scheduled: 2, closed: 3 })[status] ?? 4;
