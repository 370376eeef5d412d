import type { SessionUser } from '../api';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { Cosponsor, FileMotion } from '../components/MotionForms';
import { RequireRole } from '../components/auth';
import { AccountActivity } from '../components/account/AccountActivity';
import { AmendmentForm } from '../components/delegate/AmendmentForm';
import { AttendancePanel } from '../components/delegate/AttendancePanel';
import { FloorPanel } from '../components/delegate/FloorPanel';
import { MyMotions } from '../components/delegate/MyMotions';
import { SessionSelect, useChosenSession } from '../components/SessionSelect';
import { VotePanel } from '../components/delegate/VotePanel';
import '../components/delegate/delegate.css';
import { useRules } from '../rules';
import { addCatalogue } from '../i18n';
import { useLiveSession } from '../live';
import { delegateEn } from '../locales/delegate.en';
import { delegateEs } from '../locales/delegate.es';

addCatalogue(delegateEs, delegateEn);

// Elections are few: their code loads when the console does, in a chunk of its own.
const DelegateElections = lazy(() => import('../components/elections/DelegateElections'));

/** The delegate's seat (null: the account holds none), from GET /api/auth/me. */
function useDelegateSeat(user: SessionUser): { delegateId: string | null; loaded: boolean } {
  const [seat, setSeat] = useState<{ delegateId: string | null; loaded: boolean }>({
    delegateId: null,
    loaded: false,
  });
  useEffect(() => {
    let live = true;
    api<{ delegateId: string | null }>('GET', '/api/auth/me').then(
      (me) => live && setSeat({ delegateId: me.delegateId, loaded: true }),
      () => live && setSeat({ delegateId: null, loaded: true }),
    );
    return () => {
      live = false;
    };
  }, [user.id]);
  return seat;
}

/** Everything of a plenary for one delegate: the live session first (attendance, floor, vote), then motions. */
function Console({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { delegateId, loaded } = useDelegateSeat(user);
  const rules = useRules();
  const [sessionId, setSessionId] = useChosenSession();
  const [motionsRevision, setMotionsRevision] = useState(0);
  const [activityOpened, setActivityOpened] = useState(0);
  const { snapshot, connected, lastEvent, castBallot } = useLiveSession(sessionId);
  const changed = () => setMotionsRevision((n) => n + 1);
  return (
    <div className="dc">
      <h1>{t('delegate.heading')}</h1>
      {loaded && !delegateId ? (
        <p role="status" className="warning">
          {t('delegate.noSeat')}
        </p>
      ) : null}
      <div className="dc-session-bar">
        <SessionSelect
          value={sessionId}
          onChange={setSessionId}
          refresh={snapshot?.session.status}
          empty={t('delegate.noSessions')}
        />
        {sessionId ? (
          <p className="dc-connection" role="status">
            <span className="dc-dot" data-on={connected && !!snapshot} aria-hidden="true" />
            {snapshot && connected
              ? `${t('delegate.live')} · ${t('delegate.sessionStatus', { status: t(`status.${snapshot.session.status}`) })}`
              : snapshot
                ? t('delegate.reconnecting')
                : t('delegate.connecting')}
          </p>
        ) : null}
      </div>
      <div className="dc-grid">
        <div className="dc-live">
          {snapshot ? (
            <>
              <AttendancePanel snapshot={snapshot} delegateId={delegateId} />
              <FloorPanel snapshot={snapshot} delegateId={delegateId} />
              <VotePanel snapshot={snapshot} lastEvent={lastEvent} castBallot={castBallot} />
            </>
          ) : sessionId ? (
            <p>{t('delegate.loadingSession')}</p>
          ) : null}
          {delegateId ? (
            <Suspense fallback={null}>
              <DelegateElections sessionId={sessionId} delegateId={delegateId} lastEvent={lastEvent} />
            </Suspense>
          ) : null}
        </div>
        <div className="dc-motions">
          <Cosponsor
            delegateId={delegateId}
            threshold={rules?.cosponsorThreshold ?? null}
            refresh={motionsRevision}
          />
          <AmendmentForm onFiled={changed} refresh={motionsRevision} />
          <FileMotion onFiled={changed} />
          {delegateId ? (
            <MyMotions delegateId={delegateId} refresh={motionsRevision} onChanged={changed} />
          ) : null}
        </div>
      </div>
      {/* Read each time it is opened: a ballot cast a moment ago is there. */}
      <details
        className="panel dc-activity"
        onToggle={(e) => e.currentTarget.open && setActivityOpened((n) => n + 1)}
      >
        <summary>{t('account.activity.summary')}</summary>
        {activityOpened > 0 ? (
          <AccountActivity userId={user.id} refresh={activityOpened} withHeading={false} />
        ) : null}
      </details>
    </div>
  );
}

/** The delegate console at /delegado: one page for a whole plenary, phone first, keyboard-operable. */
export default function DelegateConsole() {
  const { t } = useTranslation();
  usePageTitle(t('delegate.heading'));
  return (
    <RequireRole role="delegate" heading={t('delegate.heading')}>
      {(user) => <Console user={user} />}
    </RequireRole>
  );
}
