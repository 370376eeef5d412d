import type { SessionSnapshot, SpeechView } from '#contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useDelegateNames } from '../../names';
import { ActionError, useAction } from '../feedback';
import { clock, useNow } from '../../clock';

const STANCES = [
  { stance: 'pro', label: 'delegate.askPro' },
  { stance: 'contra', label: 'delegate.askContra' },
  { stance: 'point_of_order', label: 'delegate.pointOfOrder' },
] as const;

/** The running timer of the delegate's own speech: m:ss, every second; past the end it says so. */
function SpeechTimer({ speech }: { speech: SpeechView }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = (Date.parse(speech.endsAt) - now) / 1000;
  const labelId = useId();
  return (
    <div className="dc-timer-wrap">
      <span id={labelId} className="dc-timer-label">
        {t('delegate.remaining')}
      </span>
      <span role="timer" aria-labelledby={labelId} className={left <= 30 ? 'dc-timer dc-low' : 'dc-timer'}>
        {clock(left * 1000)}
      </span>
      {left <= 0 ? (
        <p role="status" className="dc-timeup">
          {t('delegate.timeUp')}
        </p>
      ) : null}
    </div>
  );
}

/** The current item, asking for / withdrawing from the floor, one's place in the list, one's speech. */
export function FloorPanel({
  snapshot,
  delegateId,
}: {
  snapshot: SessionSnapshot;
  delegateId: string | null;
}) {
  const { t } = useTranslation();
  const names = useDelegateNames();
  const action = useAction();
  const headingId = useId();
  const errorId = useId();
  const sessionId = snapshot.session.id;
  const item = snapshot.agenda.find((i) => i.id === snapshot.session.currentItemId) ?? null;
  const present = !!delegateId && snapshot.attendance.presentDelegateIds.includes(delegateId);
  const speech = snapshot.currentSpeech;
  const speaking = !!delegateId && speech?.delegateId === delegateId && !speech.endedAt;
  const place = delegateId ? snapshot.speakers.findIndex((s) => s.delegateId === delegateId) : -1;
  const request = place >= 0 ? snapshot.speakers[place] : null;
  const describedBy = action.error ? errorId : undefined;
  return (
    <section className="panel dc-floor" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('delegate.floorHeading')}</h2>
      <p className="dc-item">
        {item ? (
          <>
            <span className="muted">{t('delegate.currentItem')}:</span> <strong>{item.title}</strong>
          </>
        ) : (
          <span className="muted">{t('delegate.noCurrentItem')}</span>
        )}
      </p>
      {speaking && speech ? (
        <div className="dc-speaking">
          <p role="status" className="dc-speaking-title">
            {t('delegate.youHaveFloor')}
          </p>
          <p>{t('delegate.speakingStance', { stance: t(`stanceAs.${speech.stance}`) })}</p>
          <SpeechTimer speech={speech} />
        </div>
      ) : speech && !speech.endedAt ? (
        <p className="muted">
          {t('delegate.otherSpeaking', { name: names.get(speech.delegateId) ?? t('delegate.someone') })}
        </p>
      ) : null}
      {request ? (
        <div className="dc-queue">
          <p role="status" className="dc-place">
            {t('delegate.queuePlace', { place: place + 1 })}
          </p>
          <p className="muted">{t('delegate.queueStance', { stance: t(`stanceAs.${request.stance}`) })}</p>
          <button
            type="button"
            className="dc-secondary"
            disabled={action.pending}
            aria-describedby={describedBy}
            onClick={() => void action.run(() => api('DELETE', `/api/sessions/${sessionId}/floor`))}
          >
            {t('delegate.withdrawFloor')}
          </button>
        </div>
      ) : !speaking && delegateId ? (
        !present ? (
          <p className="muted">{t('delegate.floorNeedsAttendance')}</p>
        ) : !item ? (
          <p className="muted">{t('delegate.floorNeedsItem')}</p>
        ) : (
          <div className="dc-actions">
            {STANCES.map(({ stance, label }) => (
              <button
                key={stance}
                type="button"
                className={stance === 'point_of_order' ? 'dc-secondary' : undefined}
                disabled={action.pending}
                aria-describedby={describedBy}
                onClick={() =>
                  void action.run(() => api('POST', `/api/sessions/${sessionId}/floor`, { stance }))
                }
              >
                {t(label)}
              </button>
            ))}
          </div>
        )
      ) : null}
      <ActionError error={action.error} id={errorId} />
      <p className="muted">
        {snapshot.speakers.length
          ? t('delegate.queueLength', { count: snapshot.speakers.length })
          : t('delegate.queueEmpty')}
      </p>
    </section>
  );
}
