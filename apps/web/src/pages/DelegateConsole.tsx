import type { BallotChoice } from '../types';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Status } from '../components/Layout';
import { SessionPicker } from '../components/LiveSessions';
import { RequireRole, useAuth } from '../components/auth';
import { Cosponsor, FileMotion } from '../components/MotionForms';
import { useLiveSession } from '../live';

const CHOICES: BallotChoice[] = ['yes', 'no', 'abstain'];

interface Receipt {
  voteId: string;
  choice: BallotChoice;
  receipt: string;
  revision: number;
}

/** Check in, ask for the floor, vote (with confirmation and receipt) — all operable from the keyboard. */
export default function DelegateConsole() {
  const { t } = useTranslation();
  const user = useAuth().user;
  const [delegateId, setDelegateId] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string>();
  const [pending, setPending] = useState<BallotChoice | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { snapshot } = useLiveSession(user ? sessionId : undefined);
  useEffect(() => {
    if (user)
      void api<{ delegateId: string | null }>('GET', '/api/auth/me').then((me) =>
        setDelegateId(me.delegateId),
      );
  }, [user]);
  if (!user?.roles.includes('delegate'))
    return (
      <RequireRole role="delegate" heading={t('delegate.heading')}>
        {() => null}
      </RequireRole>
    );
  const act = (work: Promise<unknown>): void => {
    void work.then(
      () => setError(null),
      (e: Error) => setError(e.message),
    );
  };
  const present = !!delegateId && !!snapshot?.attendance.presentDelegateIds.includes(delegateId);
  const waiting = !!delegateId && !!snapshot?.speakers.some((s) => s.delegateId === delegateId);
  const vote = snapshot?.vote?.status === 'open' ? snapshot.vote : null;
  const mine = receipt && vote && receipt.voteId === vote.id ? receipt : null;
  const cast = (choice: BallotChoice) =>
    act(
      api<Receipt>('POST', `/api/votes/${vote!.id}/ballots`, {
        choice,
        idempotencyKey: `${vote!.id}-${choice}-${crypto.randomUUID()}`,
      }).then((r) => {
        setReceipt({ ...r, voteId: vote!.id });
        setPending(null);
      }),
    );
  return (
    <>
      <h1>{t('delegate.heading')}</h1>
      <SessionPicker value={sessionId} onChange={setSessionId} />
      <Status error={error} />
      {snapshot ? (
        <>
          <section className="panel" aria-labelledby="att-h">
            <h2 id="att-h">{snapshot.session.title}</h2>
            {present ? <p className="ok">{t('delegate.checkedIn')}</p> : null}
            <button
              type="button"
              onClick={() => act(api('POST', `/api/sessions/${sessionId}/attendance`, { present: !present }))}
            >
              {present ? t('delegate.checkOut') : t('delegate.checkIn')}
            </button>{' '}
            {waiting ? (
              <button type="button" onClick={() => act(api('DELETE', `/api/sessions/${sessionId}/floor`))}>
                {t('delegate.withdrawFloor')}
              </button>
            ) : (
              (['pro', 'contra', 'point_of_order'] as const).map((stance) => (
                <button
                  key={stance}
                  type="button"
                  onClick={() => act(api('POST', `/api/sessions/${sessionId}/floor`, { stance }))}
                >
                  {t('delegate.askFloor')} ({t(`stance.${stance}`)})
                </button>
              ))
            )}
          </section>
          <section className="panel" aria-labelledby="vote-h">
            <h2 id="vote-h">{t('delegate.voteHeading')}</h2>
            {!vote ? (
              <p>{t('delegate.noVote')}</p>
            ) : (
              <>
                <p className="question">{vote.question}</p>
                <div className="ballot" role="group" aria-label={vote.question}>
                  {CHOICES.map((choice) => (
                    <button
                      key={choice}
                      type="button"
                      className={`big ${choice}`}
                      aria-pressed={mine?.choice === choice}
                      onClick={() => setPending(choice)}
                    >
                      {t(`choice.${choice}`)}
                    </button>
                  ))}
                </div>
                {pending ? (
                  <div role="alertdialog" aria-labelledby="confirm-h" className="confirm">
                    <p id="confirm-h">{t('delegate.confirm', { choice: t(`choice.${pending}`) })}</p>
                    <button type="button" autoFocus onClick={() => cast(pending)}>
                      {t('delegate.confirmYes')}
                    </button>{' '}
                    <button type="button" onClick={() => setPending(null)}>
                      {t('delegate.cancel')}
                    </button>
                  </div>
                ) : null}
                {mine ? (
                  <div role="status" className="receipt" data-testid="receipt">
                    <p>{t('delegate.current', { choice: t(`choice.${mine.choice}`) })}</p>
                    <p>
                      {t('delegate.receipt')} <code className="digest">{mine.receipt}</code>
                    </p>
                    <p className="muted">{t('delegate.change')}</p>
                  </div>
                ) : null}
              </>
            )}
          </section>
        </>
      ) : null}
      <FileMotion />
      <Cosponsor />
    </>
  );
}
