import type { MotionSummary, VoteView } from '#contracts';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api';
import { clock } from '../clock';
import { Status, usePageTitle } from '../components/Layout';
import { addCatalogue } from '../i18n';
import { projectorEn } from '../locales/projector.en';
import { projectorEs } from '../locales/projector.es';
import { useBoard } from './LiveBoard';
import { NotFound } from './NotFound';
import { SecretVoteNote } from '../components/secret-votes/SecretVotePublic';

addCatalogue(projectorEs, projectorEn);

const VoteHemicycle = lazy(() => import('../components/charts/VoteHemicycle'));
const ElectionLive = lazy(() => import('../components/elections/ElectionLive'));

/** The motion of the current item (its number and title), read once per item. */
function useMotion(motionId: string | null | undefined): MotionSummary | null {
  const [motion, setMotion] = useState<MotionSummary | null>(null);
  useEffect(() => {
    setMotion(null);
    if (!motionId) return;
    let live = true;
    api<MotionSummary>('GET', `/api/motions/${motionId}`).then(
      (m) => live && setMotion(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [motionId]);
  return motion;
}

function useFullScreen(): [boolean, () => void] {
  const [full, setFull] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const changed = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return [full, toggle];
}

/**
 * The session on the hall's screen, outside the site's layout: large type, high contrast, nothing to
 * operate but full screen. It follows the session by itself over the live socket (as the board does):
 * the item and its motion, the speaker with the timer and the queue, the quorum, a vote's progress
 * while open, and after the close its result as a hemicycle with the resolution it issued.
 */
export default function Projector() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { snapshot, connected, error, now, who, current, resolutionOf, lastEvent } = useBoard(id);
  const motion = useMotion(current?.motionId);
  const [full, toggleFull] = useFullScreen();
  const [electionShown, setElectionShown] = useState(false);
  // The item on the floor when an election first showed here: once the hall moves on, its result goes.
  const [electionItem, setElectionItem] = useState<string | null | undefined>(undefined);
  const currentId = current?.id ?? null;
  const onElectionShown = useCallback(
    (shown: 'open' | 'closed' | null) => {
      setElectionShown(shown !== null);
      if (shown === 'open') setElectionItem(currentId);
      else if (shown === 'closed') setElectionItem((item) => (item === undefined ? currentId : item));
    },
    [currentId],
  );
  useEffect(() => {
    setElectionItem((item) => (item === undefined || item === currentId ? item : null));
  }, [currentId]);
  usePageTitle(snapshot ? t('projector.title', { title: snapshot.session.title }) : null);
  if (!snapshot && error?.code === 'SESSION_NOT_FOUND')
    return (
      <main id="main" className="projector pj-plain">
        <NotFound message={error.message} />
      </main>
    );
  if (!snapshot)
    return (
      <main id="main" className="projector pj-plain">
        {error ? <Status error={error.message} /> : <p role="status">{t('board.connecting')}</p>}
      </main>
    );
  const { session, attendance, speakers, currentSpeech, vote } = snapshot;
  const q = attendance.quorum;
  // A closed vote's result stays on screen while its item is on the floor, or until another item starts.
  const stage =
    session.status === 'closed'
      ? 'closed'
      : vote?.status === 'open'
        ? 'vote'
        : currentSpeech
          ? 'speech'
          : vote?.status === 'closed' && (!current || vote.itemId === current.id)
            ? 'result'
            : 'idle';
  return (
    <main id="main" className={`projector pj-on-${stage}`} data-stage={stage}>
      <header className="pj-top">
        <div className="pj-session">
          <h1 lang="es">{session.title}</h1>
          <p>
            {session.number} · {t(`status.${session.status}`)} ·{' '}
            <span role="status" className={connected ? 'pj-live' : 'pj-warn'}>
              {connected ? t('board.live') : t('board.reconnecting')}
            </span>
          </p>
        </div>
        <section className="pj-quorum" aria-labelledby="pj-quorum-h" data-testid="projector-quorum">
          <h2 id="pj-quorum-h">{t('projector.quorum')}</h2>
          <p className="pj-quorum-count">
            <span className="pj-big">{q.present}</span>{' '}
            <span>{t('projector.seated', { seated: q.seated })}</span>
          </p>
          <p className={q.hasQuorum ? 'pj-ok' : 'pj-warn'}>
            {q.hasQuorum ? t('board.hasQuorum') : t('board.noQuorum')} ·{' '}
            {t('projector.presentOfRequired', { present: q.present, required: q.required })}
          </p>
        </section>
        <button type="button" className="pj-full" onClick={toggleFull}>
          {full ? t('projector.exitFullScreen') : t('projector.fullScreen')}
        </button>
      </header>
      {current || stage !== 'result' ? (
        <section className="pj-item" aria-labelledby="pj-item-h">
          <h2 id="pj-item-h">{t('projector.item')}</h2>
          {current ? (
            <p className="pj-headline" lang="es" data-testid="projector-item">
              {current.title}
            </p>
          ) : (
            <p className="pj-headline">{t('board.noCurrentItem')}</p>
          )}
          {/* The item's title names its motion as a rule; an amendment or a renamed item shows it too. */}
          {motion && current?.motionId === motion.id && !current.title.includes(motion.title) ? (
            <p className="pj-motion" data-testid="projector-motion">
              {motion.number ? `${t('projector.motion', { number: motion.number })} · ` : null}
              <span lang="es">{motion.title}</span>
            </p>
          ) : null}
        </section>
      ) : null}
      <div className="pj-stage">
        {stage === 'vote' && vote ? <OpenVote vote={vote} /> : null}
        {stage === 'speech' && currentSpeech ? (
          <section className="pj-speech" aria-labelledby="pj-speech-h" data-testid="projector-speech">
            <h2 id="pj-speech-h">{t('projector.speaker')}</h2>
            <p className="pj-headline">{who(currentSpeech.delegateId)}</p>
            <p className="pj-stance">{t(`stance.${currentSpeech.stance}`)}</p>
            <p className="pj-timer">
              <span className="sr-only">{t('projector.timer')}: </span>
              <span className="pj-huge" data-testid="projector-timer">
                {clock(Date.parse(currentSpeech.endsAt) - now)}
              </span>
            </p>
          </section>
        ) : null}
        {stage === 'result' && vote ? <ClosedVote vote={vote} resolution={resolutionOf(vote)} /> : null}
        {stage !== 'vote' && stage !== 'speech' ? (
          <Suspense fallback={null}>
            <ElectionLive
              sessionId={session.id}
              lastEvent={lastEvent}
              large
              onShown={onElectionShown}
              closedAfter={vote?.openedAt ?? null}
              showClosed={electionItem === undefined || electionItem === currentId}
            />
          </Suspense>
        ) : null}
        {stage === 'idle' && !electionShown ? (
          <p className="pj-headline pj-muted">{t('projector.waiting')}</p>
        ) : null}
        {stage === 'closed' ? <p className="pj-headline">{t('projector.closed')}</p> : null}
        {stage !== 'result' && !electionShown ? (
          <section className="pj-queue" aria-labelledby="pj-queue-h" data-testid="projector-queue">
            <h2 id="pj-queue-h">{t('projector.queue')}</h2>
            {speakers.length === 0 ? (
              <p className="pj-muted">{t('board.emptyQueue')}</p>
            ) : (
              <ol>
                {speakers.slice(0, 8).map((s) => (
                  <li key={s.requestId}>
                    {who(s.delegateId)} <span className="pj-muted">· {t(`stance.${s.stance}`)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        ) : null}
      </div>
    </main>
  );
}

function OpenVote({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  return (
    <section className="pj-vote" aria-labelledby="pj-vote-h">
      <h2 id="pj-vote-h">{t('projector.voteOpen')}</h2>
      <p className="pj-question" lang="es">
        {vote.question}
      </p>
      <p className="pj-progress" data-testid="projector-progress" aria-live="polite">
        <span className="pj-huge">{vote.castCount}</span>{' '}
        <span>{t('projector.votedOf', { entitled: vote.entitledCount })}</span>
      </p>
      <progress max={vote.entitledCount} value={vote.castCount} aria-label={t('board.vote')} />
      <p className="pj-muted">{t(`rule.${vote.rule}`)}</p>
      {vote.secret ? <SecretVoteNote closed={false} className="pj-muted" /> : null}
    </section>
  );
}

function ClosedVote({ vote, resolution }: { vote: VoteView; resolution: string | null }) {
  const { t } = useTranslation();
  const tally = vote.tally;
  return (
    <section className="pj-result" aria-labelledby="pj-result-h">
      <div className="pj-result-facts">
        <h2 id="pj-result-h">{t('projector.result')}</h2>
        <p className="pj-question" lang="es">
          {vote.question}
        </p>
        {tally ? (
          <>
            <p className={`pj-outcome ${tally.outcome}`} data-testid="projector-outcome">
              {t(`board.${tally.outcome}`)}
            </p>
            <p className="pj-counts">{t('board.counts', { ...tally.counts })}</p>
            {vote.secret ? <SecretVoteNote closed className="pj-muted" /> : null}
          </>
        ) : null}
        {resolution ? (
          <p className="pj-resolution" data-testid="projector-resolution">
            {t('projector.resolution', { number: resolution })}
          </p>
        ) : tally?.outcome === 'adopted' && vote.motionId ? (
          <p className="pj-muted">{t('projector.resolutionPending')}</p>
        ) : null}
      </div>
      <Suspense fallback={null}>
        <VoteHemicycle key={vote.id} voteId={vote.id} heading={null} className="pj-hemi" />
      </Suspense>
    </section>
  );
}
