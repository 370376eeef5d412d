import type { SessionSnapshot } from '#contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';

/** Check in / check out, with the state in words and the live quorum. */
export function AttendancePanel({
  snapshot,
  delegateId,
}: {
  snapshot: SessionSnapshot;
  delegateId: string | null;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const headingId = useId();
  const errorId = useId();
  const present = !!delegateId && snapshot.attendance.presentDelegateIds.includes(delegateId);
  const { quorum } = snapshot.attendance;
  const sessionLive = snapshot.session.status === 'open' || snapshot.session.status === 'suspended';
  const toggle = () =>
    void action.run(() =>
      api('POST', `/api/sessions/${snapshot.session.id}/attendance`, { present: !present }),
    );
  return (
    <section className="panel dc-attendance" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('delegate.attendanceHeading')}</h2>
      <p role="status" className={present ? 'dc-state ok' : 'dc-state'}>
        <span aria-hidden="true" className="dc-dot" data-on={present} />
        {present ? t('delegate.checkedIn') : t('delegate.notCheckedIn')}
      </p>
      {delegateId ? (
        <>
          {!sessionLive && !present ? <p className="muted">{t('delegate.sessionNotOpen')}</p> : null}
          <button
            type="button"
            className={present ? 'dc-secondary' : undefined}
            disabled={action.pending}
            aria-describedby={action.error ? errorId : undefined}
            onClick={toggle}
          >
            {present ? t('delegate.checkOut') : t('delegate.checkIn')}
          </button>
          <ActionError error={action.error} id={errorId} />
        </>
      ) : null}
      <p className="muted">
        <strong className={quorum.hasQuorum ? 'ok' : 'warning'}>
          {quorum.hasQuorum ? t('delegate.hasQuorum') : t('delegate.noQuorum')}
        </strong>{' '}
        {t('delegate.quorum', { present: quorum.present, seated: quorum.seated, required: quorum.required })}
      </p>
    </section>
  );
}
