import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Status } from '../components/Layout';
import { SessionPicker } from '../components/LiveSessions';
import { RequireRole, useAuth } from '../components/auth';
import { useLiveSession } from '../live';
import type { CountingRule } from '../types';

const RULES: CountingRule[] = [
  'simple',
  'absolute_present',
  'absolute_members',
  'two_thirds_cast',
  'two_thirds_members',
];

interface MotionRow {
  id: string;
  number: string;
  title: string;
  status: string;
  parentId: string | null;
}

/** The presiding board runs the session from here: motions, agenda, floor, votes. */
export default function ModeratorConsole() {
  const { t } = useTranslation();
  const user = useAuth().user;
  const [sessionId, setSessionId] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const [motions, setMotions] = useState<MotionRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { snapshot } = useLiveSession(user ? sessionId : undefined);
  const loadMotions = () =>
    void api<{ items: MotionRow[] }>('GET', '/api/motions?limit=100').then(
      (page) => setMotions(page.items),
      () => setMotions([]),
    );
  useEffect(() => {
    if (user) loadMotions();
  }, [user, refresh]);
  if (!user?.roles.includes('moderator'))
    return (
      <RequireRole role="moderator" heading={t('moderator.heading')}>
        {() => null}
      </RequireRole>
    );
  /** Runs an action; its outcome shows as an error line or a refreshed console. */
  const act = (work: Promise<unknown>): void => {
    void work.then(
      () => {
        setError(null);
        setRefresh((n) => n + 1);
      },
      (e: Error) => setError(e.message),
    );
  };
  const base = `/api/sessions/${sessionId}`;
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    act(
      api<{ session: { id: string } }>('POST', '/api/sessions', {
        kind: 'ordinary',
        title: String(form.get('title')),
        place: String(form.get('place')),
        scheduledAt: new Date().toISOString(),
      }).then((created) => setSessionId(created.session.id)),
    );
  };
  const openVote = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const duration = Number(form.get('duration'));
    act(
      api('POST', `${base}/votes`, {
        rule: String(form.get('rule')),
        ...(duration ? { durationSeconds: duration } : {}),
      }),
    );
  };
  const agenda = snapshot?.agenda ?? [];
  const move = (index: number, by: number) => {
    const ids = agenda.map((item) => item.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    act(api('PATCH', `${base}/agenda`, { itemIds: ids }));
  };
  const status = snapshot?.session.status;
  const vote = snapshot?.vote?.status === 'open' ? snapshot.vote : null;
  return (
    <>
      <h1>{t('moderator.heading')}</h1>
      <Status error={error} />
      <form onSubmit={create} className="panel" aria-labelledby="new-h">
        <h2 id="new-h">{t('moderator.newSession')}</h2>
        <label>
          {t('moderator.title')}
          <input name="title" required minLength={3} />
        </label>
        <label>
          {t('moderator.place')}
          <input name="place" required minLength={3} />
        </label>
        <button type="submit">{t('moderator.create')}</button>
      </form>
      <SessionPicker value={sessionId} onChange={setSessionId} refresh={refresh} />
      {snapshot ? (
        <>
          <section className="panel" aria-labelledby="ses-h">
            <h2 id="ses-h">
              {snapshot.session.title} · {t(`status.${snapshot.session.status}`)}
            </h2>
            <p>{t('board.present', { ...snapshot.attendance.quorum })}</p>
            {status === 'scheduled' ? (
              <button onClick={() => act(api('POST', `${base}/open`))}>{t('moderator.open')}</button>
            ) : null}
            {status === 'open' ? (
              <button onClick={() => act(api('POST', `${base}/suspend`))}>{t('moderator.suspend')}</button>
            ) : null}
            {status === 'suspended' ? (
              <button onClick={() => act(api('POST', `${base}/resume`))}>{t('moderator.resume')}</button>
            ) : null}{' '}
            {status !== 'closed' ? (
              <button onClick={() => act(api('POST', `${base}/close`))}>{t('moderator.close')}</button>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="mot-h">
            <h2 id="mot-h">{t('moderator.filed')}</h2>
            <ul>
              {motions
                .filter((m) => m.status === 'filed' || m.status === 'admitted')
                .map((m) => (
                  <li key={m.id}>
                    {m.number} · {m.title}{' '}
                    {m.status === 'filed' ? (
                      <button onClick={() => act(api('POST', `/api/motions/${m.id}/admit`))}>
                        {t('moderator.admit')}
                      </button>
                    ) : (
                      <button
                        onClick={() =>
                          act(
                            api('POST', `${base}/agenda`, {
                              kind: m.parentId ? 'amendment' : 'motion',
                              motionId: m.id,
                            }),
                          )
                        }
                      >
                        {t('moderator.addToAgenda')}
                      </button>
                    )}
                  </li>
                ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="ag-h">
            <h2 id="ag-h">{t('board.agenda')}</h2>
            <ol>
              {agenda.map((item, index) => (
                <li key={item.id}>
                  {item.title} <span className="muted">({t(`agendaStatus.${item.status}`)})</span>{' '}
                  {item.status === 'pending' ? (
                    <button onClick={() => act(api('POST', `${base}/agenda/${item.id}/start`))}>
                      {t('moderator.start')}
                    </button>
                  ) : null}
                  <button
                    disabled={index === 0}
                    aria-label={`${t('moderator.moveUp')}: ${item.title}`}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </button>
                  <button
                    disabled={index === agenda.length - 1}
                    aria-label={`${t('moderator.moveDown')}: ${item.title}`}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </button>
                </li>
              ))}
            </ol>
          </section>
          <section className="panel" aria-labelledby="floor-h">
            <h2 id="floor-h">{t('board.queue')}</h2>
            <p>{snapshot.speakers.length}</p>
            <button
              disabled={snapshot.speakers.length === 0}
              onClick={() => act(api('POST', `${base}/floor/give`, {}))}
            >
              {t('moderator.giveFloor')}
            </button>{' '}
            <button
              disabled={!snapshot.currentSpeech}
              onClick={() => act(api('POST', `${base}/floor/extend`, { seconds: 60 }))}
            >
              {t('moderator.extend')}
            </button>{' '}
            <button disabled={!snapshot.currentSpeech} onClick={() => act(api('POST', `${base}/floor/end`))}>
              {t('moderator.endSpeech')}
            </button>
          </section>
          <section className="panel" aria-labelledby="mvote-h">
            <h2 id="mvote-h">{t('board.vote')}</h2>
            {vote ? (
              <>
                <p>
                  {vote.question} · {t('board.voted', { cast: vote.castCount, entitled: vote.entitledCount })}
                </p>
                <button onClick={() => act(api('POST', `/api/votes/${vote.id}/close`))}>
                  {t('moderator.closeVote')}
                </button>
              </>
            ) : (
              <form onSubmit={openVote}>
                <label>
                  {t('moderator.rule')}
                  <select name="rule" defaultValue="simple">
                    {RULES.map((rule) => (
                      <option key={rule} value={rule}>
                        {t(`rule.${rule}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('moderator.duration')}
                  <input name="duration" type="number" min={10} max={604800} />
                </label>
                <button type="submit">{t('moderator.openVote')}</button>
              </form>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
