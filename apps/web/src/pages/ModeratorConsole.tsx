import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { RequireRole } from '../components/auth';
import { AgendaPanel } from '../components/moderator/AgendaPanel';
import { FloorPanel } from '../components/moderator/FloorPanel';
import { MotionsPanel } from '../components/moderator/MotionsPanel';
import { RollCall, type DelegateRow } from '../components/moderator/RollCall';
import { ScheduleSession } from '../components/moderator/ScheduleSession';
import { SessionControls } from '../components/moderator/SessionBar';
import { SessionSelect, useChosenSession } from '../components/SessionSelect';
import { VotePanel } from '../components/moderator/VotePanel';
import '../components/moderator/moderator.css';
import { addCatalogue } from '../i18n';
import { useLiveSession } from '../live';
import { useRules } from '../rules';
import { moderatorEn } from '../locales/moderator.en';
import { moderatorEs } from '../locales/moderator.es';

addCatalogue(moderatorEs, moderatorEn);

const MesaElections = lazy(() => import('../components/elections/MesaElections'));

/** Events after which the motion lists change (an item added, removed, deferred; a vote closed). */
const MOTION_EVENTS = new Set([
  'agenda.changed',
  'agenda.current_changed',
  'vote.closed',
  'resolution.issued',
]);

/** The console proper, for a signed-in moderator. */
function Console() {
  const { t } = useTranslation();
  const [sessionId, setSessionId] = useChosenSession();
  const [listKey, setListKey] = useState(0);
  const rules = useRules();
  const [delegates, setDelegates] = useState<DelegateRow[] | null>(null);
  const { snapshot, connected, lastEvent, lastResolution } = useLiveSession(sessionId);
  useEffect(() => {
    api<DelegateRow[]>('GET', '/api/delegates').then(setDelegates, () => setDelegates([]));
  }, []);
  const names = useMemo(() => new Map((delegates ?? []).map((d) => [d.id, d.fullName])), [delegates]);
  // The selector shows each session's status: reload it when the selected one changes status.
  const status = snapshot?.session.status;
  useEffect(() => {
    if (status) setListKey((n) => n + 1);
  }, [status]);
  const [motionKey, setMotionKey] = useState(0);
  useEffect(() => {
    if (lastEvent && MOTION_EVENTS.has(lastEvent.type)) setMotionKey((n) => n + 1);
  }, [lastEvent]);
  const current = snapshot && snapshot.session.id === sessionId ? snapshot : null;
  return (
    <div className="mod-console">
      <h1>{t('moderator.heading')}</h1>
      <p className="muted">{t('moderator.intro')}</p>
      <ScheduleSession
        onCreated={(id) => {
          setSessionId(id);
          setListKey((n) => n + 1);
        }}
      />
      <SessionSelect
        value={sessionId}
        onChange={setSessionId}
        refresh={listKey}
        empty={t('moderator.session.none')}
      />
      {sessionId && !current ? <p role="status">{t('moderator.session.loading')}</p> : null}
      {current ? (
        <>
          <SessionControls snapshot={current} connected={connected} />
          <nav aria-label={t('moderator.jump')} className="mod-jump">
            <span aria-hidden="true">{t('moderator.jump')}:</span>
            <a href="#mesa-agenda">{t('moderator.agenda.heading')}</a>
            <a href="#mesa-floor">{t('moderator.floor.heading')}</a>
            <a href="#mesa-vote">{t('moderator.vote.heading')}</a>
            <a href="#mesa-motions">{t('moderator.motions.heading')}</a>
            <a href="#mesa-elections">{t('moderator.elections')}</a>
            <a href="#mesa-roll">{t('moderator.roll.heading')}</a>
          </nav>
          <div className="mod-grid">
            <AgendaPanel snapshot={current} />
            <FloorPanel snapshot={current} names={names} />
            <VotePanel snapshot={current} lastEvent={lastEvent} lastResolution={lastResolution} />
            <MotionsPanel
              sessionId={current.session.status === 'closed' ? null : current.session.id}
              threshold={rules?.cosponsorThreshold ?? null}
              reloadKey={motionKey}
            />
            <Suspense fallback={null}>
              <MesaElections
                sessionId={current.session.id}
                sessionOpen={current.session.status === 'open'}
                lastEvent={lastEvent}
              />
            </Suspense>
          </div>
          <RollCall snapshot={current} delegates={delegates} />
        </>
      ) : (
        <MotionsPanel sessionId={null} threshold={rules?.cosponsorThreshold ?? null} reloadKey={motionKey} />
      )}
    </div>
  );
}

/** The presiding board runs the plenary from here: session, roll call, motions, agenda, floor, votes. */
export default function ModeratorConsole() {
  const { t } = useTranslation();
  usePageTitle(t('moderator.heading'));
  return (
    <RequireRole role="moderator" heading={t('moderator.heading')}>
      {() => <Console />}
    </RequireRole>
  );
}
