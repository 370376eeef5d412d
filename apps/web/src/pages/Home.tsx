import type { SessionView } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { isLight } from '../light';
import { useRecordFormat } from './Motion';

type Listed = Pick<SessionView, 'id' | 'number' | 'kind' | 'title' | 'status' | 'scheduledAt' | 'place'> & {
  /** An open vote's question or an open election round's title (GET /api/sessions). */
  votingNow: { kind: 'vote' | 'election'; title: string } | null;
};

export function Home() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  usePageTitle(null);
  const [sessions, setSessions] = useState<Listed[] | null>(null);
  const live = sessions?.filter((s) => s.status === 'open' || s.status === 'suspended') ?? [];
  const anyLive = live.length > 0;
  // The list says what each session is voting on now; looked at again now and then while one is live.
  useEffect(() => {
    let stop = false;
    const look = () =>
      api<Listed[]>('GET', '/api/sessions').then(
        (list) => {
          if (!stop) setSessions(list);
        },
        () => !stop && setSessions((known) => known ?? []),
      );
    // Read once at first; once a session is live (the list just read says so) only on the timer.
    if (!anyLive) {
      void look();
      return () => void (stop = true);
    }
    const timer = setInterval(() => void look(), isLight() ? 60_000 : 20_000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [anyLive]);
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
      {live.map((s) => (
        <div key={s.id} className="live-lead">
          <Link className="follow-live" to={`/sesiones/${s.id}`}>
            <strong>{t('offline.followLive')}</strong> <span lang="es">{s.title}</span>
          </Link>
          {s.votingNow ? (
            <p className="vote-open" data-testid="home-vote-open">
              <strong>
                {t(s.votingNow.kind === 'election' ? 'offline.electionOpen' : 'offline.voteOpen')}:
              </strong>{' '}
              <span lang="es">{s.votingNow.title}</span>
            </p>
          ) : (
            <p className="muted">{t('offline.noVoteOpen')}</p>
          )}
        </div>
      ))}
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
