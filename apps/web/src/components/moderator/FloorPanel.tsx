import type { SessionSnapshot, SpeakerView } from '#contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';
import { clock, useNow } from '../../clock';
import { isOneOClockInLima, limaTime } from './time';

/** One waiting request: who, stance, how long they have waited, and a button to give them the floor. */
function Waiting({
  speaker,
  name,
  now,
  sessionId,
  canGive,
}: {
  speaker: SpeakerView;
  name: string;
  now: number;
  sessionId: string;
  canGive: boolean;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const minutes = Math.floor(Math.max(0, now - Date.parse(speaker.requestedAt)) / 60_000);
  return (
    <li className="mod-item">
      <p className="mod-motion-title">
        <strong>{name}</strong>{' '}
        <span className={`badge mod-stance-${speaker.stance}`}>{t(`stance.${speaker.stance}`)}</span>{' '}
        <span className="muted">
          {minutes < 1 ? t('moderator.floor.waitedLess') : t('moderator.floor.waited', { minutes })}
        </span>
      </p>
      <button
        type="button"
        disabled={!canGive || action.pending}
        onClick={() =>
          void action.run(() =>
            api('POST', `/api/sessions/${sessionId}/floor/give`, { requestId: speaker.requestId }),
          )
        }
      >
        {t('moderator.floor.giveTo', { name })}
      </button>
      <ActionError error={action.error} />
    </li>
  );
}

/** The speakers list of the current item, the running speech with its timer, and the floor controls. */
export function FloorPanel({ snapshot, names }: { snapshot: SessionSnapshot; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  // A quarter-second tick: the timer turns over within 250 ms of the true second, not up to a second late.
  const now = useNow(250);
  const next = useAction();
  const extend = useAction();
  const end = useAction();
  const { session, speakers, currentSpeech } = snapshot;
  const base = `/api/sessions/${session.id}/floor`;
  const item = snapshot.agenda.find((i) => i.id === session.currentItemId) ?? null;
  const isOpen = session.status === 'open';
  const canGive = isOpen && !!item;
  const name = (delegateId: string) => names.get(delegateId) ?? t('moderator.floor.unknown');
  const locale = i18n.language === 'en' ? 'en-GB' : 'es-PE';
  const left = currentSpeech ? Date.parse(currentSpeech.endsAt) - now : 0;
  return (
    <section className="panel" id="mesa-floor" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.floor.heading')}</h2>
      {item ? (
        <p>
          {item.motionId ? (
            <Link to={`/mociones/${item.motionId}`}>{t('moderator.floor.item', { title: item.title })}</Link>
          ) : (
            t('moderator.floor.item', { title: item.title })
          )}
        </p>
      ) : (
        <p className="muted">{t('moderator.floor.noItem')}</p>
      )}
      <h3>{t('moderator.floor.running')}</h3>
      {currentSpeech ? (
        <div className="mod-speech">
          <p className="mod-motion-title">
            <strong>{name(currentSpeech.delegateId)}</strong>{' '}
            <span className={`badge mod-stance-${currentSpeech.stance}`}>
              {t(`stance.${currentSpeech.stance}`)}
            </span>{' '}
            <span className="muted">
              {t(
                isOneOClockInLima(currentSpeech.startedAt)
                  ? 'moderator.floor.sinceOne'
                  : 'moderator.floor.since',
                {
                  time: limaTime(currentSpeech.startedAt, locale),
                },
              )}
            </span>
          </p>
          <p className="mod-timer">
            <span className="muted">
              {left > 0 ? t('moderator.floor.remaining') : t('moderator.floor.overtime')}:{' '}
            </span>
            <span role="timer" className={left > 0 ? '' : 'error'}>
              {clock(left)}
            </span>
          </p>
        </div>
      ) : (
        <p className="muted">{t('moderator.floor.nobody')}</p>
      )}
      <div className="row">
        <button
          type="button"
          disabled={!canGive || speakers.length === 0 || next.pending}
          onClick={() => void next.run(() => api('POST', `${base}/give`, {}))}
        >
          {t('moderator.floor.next')}
        </button>
        <button
          type="button"
          className="mod-secondary"
          disabled={!currentSpeech || extend.pending}
          onClick={() => void extend.run(() => api('POST', `${base}/extend`, { seconds: 60 }))}
        >
          {t('moderator.floor.extend')}
        </button>
        <button
          type="button"
          className="mod-secondary"
          disabled={!currentSpeech || end.pending}
          onClick={() => void end.run(() => api('POST', `${base}/end`))}
        >
          {t('moderator.floor.end')}
        </button>
      </div>
      <ActionError error={next.error} />
      <ActionError error={extend.error} />
      <ActionError error={end.error} />
      <h3>{t('moderator.floor.waiting')}</h3>
      {speakers.length === 0 ? (
        <p className="muted">{t('moderator.floor.empty')}</p>
      ) : (
        <ol className="mod-list">
          {speakers.map((speaker) => (
            <Waiting
              key={speaker.requestId}
              speaker={speaker}
              name={name(speaker.delegateId)}
              now={now}
              sessionId={session.id}
              canGive={canGive}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
