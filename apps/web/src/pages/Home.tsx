import type { SessionView } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { useRecordFormat } from './Motion';

type Listed = Pick<SessionView, 'id' | 'number' | 'kind' | 'title' | 'status' | 'scheduledAt' | 'place'>;

export function Home() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  usePageTitle(null);
  const [sessions, setSessions] = useState<Listed[] | null>(null);
  useEffect(() => {
    void api<Listed[]>('GET', '/api/sessions').then(setSessions, () => setSessions([]));
  }, []);
  const live = sessions?.filter((s) => s.status === 'open' || s.status === 'suspended') ?? [];
  const next = sessions?.filter((s) => s.status === 'scheduled') ?? [];
  const past = sessions?.filter((s) => s.status === 'closed').slice(0, 10) ?? [];
  const list = (items: Listed[]) =>
    items.length === 0 ? (
      <p>{t('home.none')}</p>
    ) : (
      <ul className="cards">
        {items.map((s) => (
          <li key={s.id} className="card">
            <Link to={`/sesiones/${s.id}`} lang="es">
              {s.title}
            </Link>
            <span className={`badge ${s.status}`}>{t(`status.${s.status}`)}</span>
            <span className="muted">{s.number}</span>
            <span>
              <time dateTime={s.scheduledAt}>{format.dateTime(s.scheduledAt)}</time>
            </span>
            {s.place ? <span lang="es">{s.place}</span> : null}
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <h1>{t('home.heading')}</h1>
      <section aria-labelledby="live">
        <h2 id="live">{t('home.live')}</h2>
        {sessions === null ? <p>…</p> : list(live)}
      </section>
      <section aria-labelledby="next">
        <h2 id="next">{t('home.next')}</h2>
        {list(next)}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{t('home.past')}</h2>
        {list(past)}
      </section>
    </>
  );
}
