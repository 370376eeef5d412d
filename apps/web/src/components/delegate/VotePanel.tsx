import type {
  BallotCastRequest,
  BallotReceipt,
  LiveEnvelope,
  MyBallotView,
  SessionSnapshot,
  VoteView,
} from '#contracts';
import { useEffect, useId, useRef, useState, type Ref, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { useRecordFormat } from '../../pages/Motion';
import type { BallotChoice } from '../../types';
import { ActionError, Confirm, useAction } from '../feedback';
import { DelegateSecretBallot } from '../secret-votes/DelegateSecretBallot';
import type { MotionDetail } from './hooks';

const CHOICES: BallotChoice[] = ['yes', 'no', 'abstain'];

/** A key per intended ballot: a retry of the same confirmation is recorded once. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** The motion being voted (or debated), its current text one tap away. */
export function MotionText({ motionId }: { motionId: string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<MotionDetail | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setDetail(null);
    setFailed(false);
  }, [motionId]);
  const load = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (!event.currentTarget.open || detail) return;
    setFailed(false);
    api<MotionDetail>('GET', `/api/motions/${motionId}`).then(setDetail, () => setFailed(true));
  };
  const version = detail?.versions.find((v) => v.version === detail.currentVersion);
  return (
    <details className="dc-motion" onToggle={load}>
      <summary>{t('delegate.readMotion')}</summary>
      {failed ? (
        <p role="alert" className="error">
          {t('errors.generic')}
        </p>
      ) : !detail ? (
        <p>{t('delegate.loading')}</p>
      ) : (
        <div className="dc-motion-text">
          <p>
            <strong>{detail.number}</strong> · {version?.title ?? detail.title}
          </p>
          <p className="muted">{t('delegate.motionVersion', { version: detail.currentVersion })}</p>
          <div className="body">{version?.body ?? detail.body}</div>
          <p>
            <Link to={`/mociones/${motionId}`}>
              {t('delegate.openMotion', { number: detail.number ?? '' })}
            </Link>
          </p>
        </div>
      )}
    </details>
  );
}

/** The delegate's ballot as the server keeps it: choice, receipt, when. */
function Receipt({
  ballot,
  final,
  focusRef,
}: {
  ballot: NonNullable<MyBallotView['ballot']>;
  final: boolean;
  focusRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const choice = t(`choice.${ballot.choice}`);
  const recorded = ballot.recordedBy
    ? { choice, method: t(`delegate.recordedMethods.${ballot.recordedBy.method}`) }
    : null;
  return (
    <div className="receipt" data-testid="receipt" role="status" tabIndex={-1} ref={focusRef}>
      <p className="dc-current">
        {final ? t('delegate.final', { choice }) : t('delegate.current', { choice })}
      </p>
      {recorded ? (
        <p className="dc-recorded" data-testid="recorded-by-mesa">
          {final ? t('delegate.recordedByMesaFinal', recorded) : t('delegate.recordedByMesa', recorded)}
        </p>
      ) : null}
      <p>
        {t('delegate.receipt')} <code className="digest">{ballot.receipt}</code>
      </p>
      <p className="muted">
        {t('delegate.castAt', { time: format.dateTime(ballot.castAt) })}
        {ballot.revision > 1 ? ` · ${t('delegate.revision', { number: ballot.revision - 1 })}` : ''}
      </p>
      <p className="muted">{final ? t('delegate.receiptHelp') : t('delegate.change')}</p>
    </div>
  );
}

function ClosedResult({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const tally = vote.tally;
  return (
    <div className="dc-result">
      {tally ? (
        <>
          <p className={`outcome ${tally.outcome}`} data-testid="vote-outcome">
            {t('delegate.outcome', { outcome: t(`delegate.${tally.outcome}`) })}
          </p>
          <p>{t('delegate.counts', { ...tally.counts })}</p>
        </>
      ) : null}
      {vote.resolutionNumber ? (
        <p>
          {t('delegate.resolution')}:{' '}
          <Link to={`/resoluciones/${vote.resolutionNumber}`}>{vote.resolutionNumber}</Link>
        </p>
      ) : null}
    </div>
  );
}

/**
 * "Su voto": the open vote (or the latest closed one) with the delegate's standing ballot from the
 * server — after a reload or on another device too. Ballot buttons only for the entitled, each choice
 * confirmed; the receipt after. Refetched when the vote opens or closes and after casting.
 */
export function VotePanel({
  snapshot,
  lastEvent,
  castBallot,
}: {
  snapshot: SessionSnapshot;
  lastEvent: LiveEnvelope | null;
  /** Over the live socket when it is up, else HTTP (see live.ts). */
  castBallot: (request: BallotCastRequest) => Promise<BallotReceipt>;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const headingId = useId();
  const questionId = useId();
  const vote = snapshot.vote;
  const [standing, setStanding] = useState<MyBallotView | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [reload, setReload] = useState(0);
  const [intent, setIntent] = useState<{ choice: BallotChoice; key: string } | null>(null);
  const cast = useAction();
  const choiceButtons = useRef(new Map<BallotChoice, HTMLButtonElement>());
  const receiptRef = useRef<HTMLDivElement>(null);
  const [focusReceipt, setFocusReceipt] = useState(0);
  useEffect(() => {
    if (focusReceipt) receiptRef.current?.focus();
  }, [focusReceipt]);
  const voteEvent =
    lastEvent && (lastEvent.type === 'vote.opened' || lastEvent.type === 'vote.closed')
      ? lastEvent.sequence
      : 0;
  // While an entitled delegate has no ballot, the Mesa may record one for them (voice, hands, paper):
  // each progress of the vote asks again, until one stands (then only opening and closing do). Never in a
  // secret vote: nobody records a ballot for anyone there.
  const awaitingBallot =
    !!standing && !standing.secret && standing.entitled && !standing.ballot && standing.status === 'open';
  const progressEvent = awaitingBallot && lastEvent?.type === 'vote.progress' ? lastEvent.sequence : 0;
  const voteId = vote?.id;
  const voteStatus = vote?.status;
  useEffect(() => {
    setLoadFailed(false);
    if (!voteId) {
      setStanding(null);
      return;
    }
    let live = true;
    api<MyBallotView>('GET', `/api/votes/${voteId}/my-ballot`).then(
      (view) => live && setStanding(view),
      () => live && setLoadFailed(true),
    );
    return () => {
      live = false;
    };
  }, [voteId, voteStatus, voteEvent, progressEvent, reload]);
  // A new vote starts without a pending confirmation.
  useEffect(() => {
    setIntent(null);
    cast.clear();
  }, [voteId, voteStatus]);

  const item = snapshot.agenda.find((i) => i.id === snapshot.session.currentItemId) ?? null;
  const motionId = vote?.motionId ?? item?.motionId ?? null;
  const mine = standing && standing.voteId === voteId ? standing : null;
  const ballot = mine?.ballot ?? null;
  const open = vote?.status === 'open';

  const confirm = () => {
    if (!vote || !intent) return;
    void cast.run(
      () => castBallot({ voteId: vote.id, choice: intent.choice, idempotencyKey: intent.key }),
      (r) => {
        setStanding((s) => ({
          voteId: vote.id,
          status: s?.status ?? 'open',
          secret: false,
          participated: true,
          entitled: true,
          reason: null,
          ballot: {
            choice: r.choice,
            revision: r.revision,
            receipt: r.receipt,
            castAt: r.castAt,
            recordedBy: null,
          },
        }));
        setIntent(null);
        setReload((n) => n + 1);
        setFocusReceipt((n) => n + 1);
      },
    );
  };

  return (
    <section className="panel dc-vote" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('delegate.voteHeading')}</h2>
      {!vote ? (
        <p>{t('delegate.noVote')}</p>
      ) : (
        <>
          <p className="dc-vote-state">{open ? t('delegate.voteOpen') : t('delegate.voteClosed')}</p>
          <p className="question" id={questionId}>
            {vote.question}
          </p>
          {open ? (
            <p className="muted" aria-live="polite">
              {t('delegate.progress', { cast: vote.castCount, entitled: vote.entitledCount })}
              {vote.deadline ? ` · ${t('delegate.deadline', { time: format.dateTime(vote.deadline) })}` : ''}
            </p>
          ) : (
            <ClosedResult vote={vote} />
          )}
        </>
      )}
      {motionId ? <MotionText motionId={motionId} /> : null}
      {vote ? (
        loadFailed ? (
          <div>
            <p role="alert" className="error">
              {t('delegate.ballotFailed')}
            </p>
            <button type="button" onClick={() => setReload((n) => n + 1)}>
              {t('delegate.retry')}
            </button>
          </div>
        ) : !mine ? (
          <p role="status">{t('delegate.loadingBallot')}</p>
        ) : !mine.entitled ? (
          <div className="dc-not-entitled" role="status">
            <p>
              <strong>{t('delegate.notEntitled')}</strong>
            </p>
            {mine.reason ? <p>{t(`delegate.reason.${mine.reason}`)}</p> : null}
          </div>
        ) : vote.secret ? (
          <DelegateSecretBallot
            vote={vote}
            mine={mine}
            questionId={questionId}
            onCast={() => setReload((n) => n + 1)}
          />
        ) : (
          <>
            {open ? (
              <div className="ballot dc-ballot" role="group" aria-labelledby={questionId}>
                {CHOICES.map((choice) => (
                  <button
                    key={choice}
                    type="button"
                    className={`big ${choice}`}
                    ref={(el) => {
                      if (el) choiceButtons.current.set(choice, el);
                      else choiceButtons.current.delete(choice);
                    }}
                    aria-pressed={ballot?.choice === choice}
                    disabled={cast.pending}
                    onClick={() => {
                      cast.clear();
                      setIntent({ choice, key: newKey() });
                    }}
                  >
                    {t(`choice.${choice}`)}
                  </button>
                ))}
              </div>
            ) : null}
            {open && intent ? (
              <Confirm
                question={
                  ballot && ballot.choice !== intent.choice
                    ? t('delegate.confirmChange', {
                        current: t(`choice.${ballot.choice}`),
                        choice: t(`choice.${intent.choice}`),
                      })
                    : t('delegate.confirm', { choice: t(`choice.${intent.choice}`) })
                }
                confirmLabel={t('delegate.confirmYes')}
                pending={cast.pending}
                onConfirm={confirm}
                onCancel={() => {
                  cast.clear();
                  choiceButtons.current.get(intent.choice)?.focus();
                  setIntent(null);
                }}
              >
                <ActionError error={cast.error} />
              </Confirm>
            ) : null}
            {ballot ? (
              <Receipt ballot={ballot} final={!open} focusRef={receiptRef} />
            ) : !open ? (
              <p>{t('delegate.didNotVote')}</p>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
