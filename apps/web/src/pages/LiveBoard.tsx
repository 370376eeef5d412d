import { lazy, Suspense, useEffect, useState } from 'react';
import { clock, useNow } from '../clock';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { VoteView } from '#contracts';
import { api } from '../api';
import { Status, usePageTitle } from '../components/Layout';
import { NotFound } from './NotFound';
import { VoteResult } from '../components/VoteResult';
import { useLiveSession } from '../live';
import { useDelegateNames } from '../names';
import { useRecordFormat } from './Motion';

// The hemicycle of a closed vote is a chunk of its own: a phone following a debate never downloads it.
const VoteHemicycle = lazy(() => import('../components/charts/VoteHemicycle'));
const ElectionLive = lazy(() => import('../components/elections/ElectionLive'));

/**
 * What the board and the projector follow of a session, from the live socket: the snapshot kept up to
 * date, the time now (speech timers), delegates' names, the current agenda item, and the resolution a
 * closed vote issued (carried by the vote once reread, by `resolution.issued` as it happens).
 */
export function useBoard(id: string | undefined) {
  const live = useLiveSession(id);
  const now = useNow();
  const names = useDelegateNames();
  const who = (delegateId: string) => names.get(delegateId) ?? '…';
  const snapshot = live.snapshot;
  const current = snapshot?.agenda.find((item) => item.id === snapshot.session.currentItemId) ?? null;
  const resolutionOf = (vote: VoteView): string | null =>
    vote.resolutionNumber ?? (live.lastResolution?.voteId === vote.id ? live.lastResolution.number : null);
  return { ...live, now, who, current, resolutionOf };
}

/** The live board of a session: updates by itself and recovers after a dropped connection. */
export function LiveBoard() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { snapshot, connected, lastResolution, lastEvent, error, now, who, current } = useBoard(id);
  const format = useRecordFormat();
  usePageTitle(snapshot?.session.title);
  const closed = snapshot?.session.status === 'closed';
  const [resolutions, setResolutions] = useState<string[] | null>(null);
  useEffect(() => {
    if (!closed || !id) return;
    api<VoteView[]>('GET', `/api/sessions/${id}/votes`).then(
      (votes) => setResolutions(votes.flatMap((v) => (v.resolutionNumber ? [v.resolutionNumber] : []))),
      () => setResolutions([]),
    );
  }, [closed, id, lastResolution]);
  if (!snapshot && error?.code === 'SESSION_NOT_FOUND') return <NotFound message={error.message} />;
  if (!snapshot && error) return <Status error={error.message} />;
  if (!snapshot) return <p role="status">{t('board.connecting')}</p>;
  const { session, attendance, agenda, speakers, currentSpeech, vote } = snapshot;
  const q = attendance.quorum;
  return (
    <>
      <h1 lang="es">{session.title}</h1>
      <p className="muted">{session.number}</p>
      {closed ? (
        <section className="panel" aria-labelledby="closed-h">
          <h2 id="closed-h">
            <span className={`badge ${session.status}`}>{t(`status.${session.status}`)}</span>
          </h2>
          {session.closedAt ? (
            <p>{t('publicPages.board.closedIntro', { date: format.dateTime(session.closedAt) })}</p>
          ) : null}
          <p>
            <a href={`/api/sessions/${session.id}/minutes.pdf`}>{t('publicPages.board.minutes')}</a>
          </p>
          <h3>{t('publicPages.board.resolutions')}</h3>
          {resolutions === null ? (
            <p>{t('common.loading')}</p>
          ) : resolutions.length === 0 ? (
            <p>{t('publicPages.board.noResolutions')}</p>
          ) : (
            <ul>
              {resolutions.map((number) => (
                <li key={number}>
                  <Link to={`/resoluciones/${number}`}>{number}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <p role="status" className={connected ? 'live-dot' : 'warning'}>
          {connected ? t('board.live') : t('board.reconnecting')} ·{' '}
          <span className={`badge ${session.status}`}>{t(`status.${session.status}`)}</span>
        </p>
      )}
      {session.status !== 'closed' ? (
        <p className="board-projector">
          <Link to={`/sesiones/${session.id}/proyector`}>{t('publicPages.board.projector')}</Link>
        </p>
      ) : null}
      {session.status === 'scheduled' ? (
        <p>
          {t('publicPages.board.scheduledFor', { date: format.dateTime(session.scheduledAt) })}
          {session.place ? ` · ${t('publicPages.board.place', { place: session.place })}` : null}
          {session.virtualUrl ? (
            <>
              {' · '}
              <a href={session.virtualUrl} rel="noopener noreferrer">
                {t('publicPages.board.virtual')}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      {lastResolution ? (
        <p className="banner" role="status" data-testid="new-resolution">
          {t('board.newResolution')}:{' '}
          <Link to={`/resoluciones/${lastResolution.number}`}>{lastResolution.number}</Link> ·{' '}
          {lastResolution.title}
        </p>
      ) : null}
      <div className="board">
        <section aria-labelledby="quorum-h" className="panel">
          <h2 id="quorum-h">{t('board.quorum')}</h2>
          <p className={q.hasQuorum ? 'ok' : 'warning'}>
            {q.hasQuorum ? t('board.hasQuorum') : t('board.noQuorum')}
          </p>
          <p>{t('board.present', { ...q })}</p>
        </section>
        <section aria-labelledby="item-h" className="panel">
          <h2 id="item-h">{t('board.currentItem')}</h2>
          <p>{current ? <span lang="es">{current.title}</span> : t('board.noCurrentItem')}</p>
          {current?.motionId ? (
            <p>
              <Link to={`/mociones/${current.motionId}`}>{t('publicPages.board.motion')}</Link>
            </p>
          ) : null}
          <h3>{t('board.speaker')}</h3>
          {currentSpeech ? (
            <p>
              {who(currentSpeech.delegateId)} ({t(`stance.${currentSpeech.stance}`)}) ·{' '}
              <span aria-label={t('board.remaining')}>{clock(Date.parse(currentSpeech.endsAt) - now)}</span>
            </p>
          ) : (
            <p>{t('board.noSpeaker')}</p>
          )}
          <h3>{t('board.queue')}</h3>
          {speakers.length === 0 ? (
            <p>{t('board.emptyQueue')}</p>
          ) : (
            <ol>
              {speakers.map((s) => (
                <li key={s.requestId}>
                  {who(s.delegateId)} · {t(`stance.${s.stance}`)}
                </li>
              ))}
            </ol>
          )}
        </section>
        {vote ? <VoteResult vote={vote} /> : null}
        <Suspense fallback={null}>
          <ElectionLive sessionId={session.id} lastEvent={lastEvent} />
        </Suspense>
        {vote?.status === 'closed' ? (
          <Suspense fallback={null}>
            <VoteHemicycle key={vote.id} voteId={vote.id} />
          </Suspense>
        ) : null}
        <section aria-labelledby="agenda-h" className="panel">
          <h2 id="agenda-h">{t('board.agenda')}</h2>
          <ol>
            {agenda.map((item) => (
              <li key={item.id} aria-current={item.id === session.currentItemId ? 'step' : undefined}>
                <span lang="es">{item.title}</span>{' '}
                <span className="muted">({t(`agendaStatus.${item.status}`)})</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
