import type { SessionSnapshot } from '#contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { useRecordFormat } from '../../pages/Motion';
import { ActionError, Confirm, useAction } from '../feedback';

/** Status, quorum and the session's lifecycle: open, suspend, resume, adjourn (confirmed). */
export function SessionControls({ snapshot, connected }: { snapshot: SessionSnapshot; connected: boolean }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const step = useAction();
  const close = useAction();
  const [confirming, setConfirming] = useState(false);
  const { session, attendance } = snapshot;
  const base = `/api/sessions/${session.id}`;
  useEffect(() => setConfirming(false), [session.id]);
  const move = (action: 'open' | 'suspend' | 'resume') =>
    void step.run(() => api('POST', `${base}/${action}`));
  const quorum = attendance.quorum;
  const closed = session.status === 'closed';
  // What adjourning leaves behind, said in the confirmation: an item in debate is deferred (its motion
  // goes back to admitted); an open vote must be closed first (the server refuses otherwise).
  const openVote = snapshot.vote?.status === 'open' ? snapshot.vote : null;
  const warnings = [
    ...(openVote ? [t('moderator.session.closeVoteOpen', { question: openVote.question })] : []),
    ...snapshot.agenda
      .filter((item) => item.status === 'in_debate')
      .map((item) =>
        t(item.motionId ? 'moderator.session.closeInDebateMotion' : 'moderator.session.closeInDebate', {
          title: item.title,
        }),
      ),
  ];
  return (
    <section className="panel mod-session" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{session.title}</h2>
      <p>
        <span className={`badge ${session.status}`}>{t(`status.${session.status}`)}</span>{' '}
        <span className="muted">
          {session.number} · {t(`moderator.schedule.kinds.${session.kind}`)} ·{' '}
          {t('moderator.session.scheduledFor', { when: format.dateTime(session.scheduledAt) })}
        </span>{' '}
        {closed ? null : (
          <span className={connected ? 'ok' : 'warning'}>
            · {connected ? t('moderator.live.connected') : t('moderator.live.connecting')}
          </span>
        )}
      </p>
      {session.place || session.virtualUrl ? (
        <p className="mod-wrap">
          {session.place ? t('moderator.session.place', { place: session.place }) : null}
          {session.place && session.virtualUrl ? ' · ' : null}
          {session.virtualUrl ? (
            <a href={session.virtualUrl} target="_blank" rel="noreferrer">
              {t('moderator.session.virtual')}
            </a>
          ) : null}
        </p>
      ) : null}
      <p aria-live="polite" className="mod-quorum">
        <strong>{t('moderator.session.quorum')}:</strong> {t('board.present', { ...quorum })} ·{' '}
        <span className={quorum.hasQuorum ? 'ok' : 'error'}>
          {quorum.hasQuorum ? t('board.hasQuorum') : t('board.noQuorum')}
        </span>
      </p>
      {closed ? (
        <div className="mod-closed">
          <p>
            <strong>
              {session.closedAt
                ? t('moderator.session.closedOn', { when: format.dateTime(session.closedAt) })
                : t('moderator.session.closed')}
            </strong>
          </p>
          <p className="row mod-links">
            <a href={`/api/sessions/${session.id}/minutes.pdf`} aria-describedby={`${id}-minutes`}>
              {t('moderator.session.minutes')}
            </a>
            <Link to={`/sesiones/${session.id}`}>{t('moderator.session.board')}</Link>
          </p>
          <p className="muted mod-small" id={`${id}-minutes`}>
            {t('moderator.session.minutesHint')}
          </p>
        </div>
      ) : null}
      <div className="row">
        {session.status === 'scheduled' ? (
          <button type="button" disabled={step.pending} onClick={() => move('open')}>
            {t('moderator.session.open')}
          </button>
        ) : null}
        {session.status === 'open' ? (
          <button type="button" disabled={step.pending} onClick={() => move('suspend')}>
            {t('moderator.session.suspend')}
          </button>
        ) : null}
        {session.status === 'suspended' ? (
          <button type="button" disabled={step.pending} onClick={() => move('resume')}>
            {t('moderator.session.resume')}
          </button>
        ) : null}
        {(session.status === 'open' || session.status === 'suspended') && !confirming ? (
          <button
            type="button"
            className="mod-danger"
            disabled={close.pending}
            onClick={() => {
              close.clear();
              setConfirming(true);
            }}
          >
            {t('moderator.session.close')}
          </button>
        ) : null}
      </div>
      <ActionError error={step.error} />
      {confirming && !closed ? (
        <Confirm
          question={[...warnings, t('moderator.session.closeQuestion', { title: session.title })].join('\n')}
          confirmLabel={t('moderator.session.closeConfirm')}
          pending={close.pending}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void close.run(
              () => api('POST', `${base}/close`),
              () => setConfirming(false),
            )
          }
        />
      ) : null}
      <ActionError error={close.error} />
    </section>
  );
}
