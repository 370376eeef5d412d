import type { SessionView, VoteView } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { isLight } from '../light';
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
  // Whether a vote is open in each session in progress (its question), looked at again now and then.
  const [openVotes, setOpenVotes] = useState<Record<string, string | null>>({});
  const liveIds = live.map((s) => s.id).join(',');
  useEffect(() => {
    if (!liveIds) return;
    let stop = false;
    const look = () => {
      for (const id of liveIds.split(','))
        void api<VoteView[]>('GET', `/api/sessions/${id}/votes`).then(
          (votes) => {
            if (stop) return;
            const open = votes.find((v) => v.status === 'open');
            setOpenVotes((known) => ({ ...known, [id]: open ? open.question : null }));
          },
          () => undefined,
        );
    };
    look();
    const timer = setInterval(look, isLight() ? 60_000 : 20_000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [liveIds]);
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
          {s.id in openVotes ? (
            openVotes[s.id] !== null ? (
              <p className="vote-open" data-testid="home-vote-open">
                <strong>{t('offline.voteOpen')}:</strong> <span lang="es">{openVotes[s.id]}</span>
              </p>
            ) : (
              <p className="muted">{t('offline.noVoteOpen')}</p>
            )
          ) : null}
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
