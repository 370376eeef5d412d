import type { SecretQuestionBallotsView, SecretQuestionParticipationView, VoteView } from '#contracts';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { FindQuestionBallot } from './FindQuestionBallot';
import './catalogue';
import './secret-votes.css';

/** What a secret question publishes, said once wherever it is shown (board, projector, console). */
export function SecretVoteNote({ closed, className = 'muted' }: { closed: boolean; className?: string }) {
  const { t } = useTranslation();
  return (
    <p className={`sq-note ${className}`} data-testid="secret-vote-note">
      <strong className="sq-badge">{t('secretVote.badge')}</strong>{' '}
      {t(closed ? 'secretVote.publicNoteClosed' : 'secretVote.publicNote')}
    </p>
  );
}

/** Read once its reader opens it: a phone following the vote never downloads the lists. */
function useOnOpen<T>(url: string) {
  const [data, setData] = useState<T | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    setData(null);
    setWanted(false);
  }, [url]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    setFailed(false);
    api<T>('GET', url).then(
      (answer) => live && setData(answer),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [url, wanted, attempt]);
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) setWanted(true);
  };
  return { data, failed, onToggle, retry: () => setAttempt((n) => n + 1) };
}

/** The published (tracker, choice) list of a closed secret question, in tracker order, with its digest. */
function PublishedBallots({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const id = useId();
  const { data, failed, onToggle, retry } = useOnOpen<SecretQuestionBallotsView>(
    `/api/votes/${vote.id}/secret-ballots`,
  );
  const count = vote.tally
    ? vote.tally.counts.yes + vote.tally.counts.no + vote.tally.counts.abstain
    : vote.castCount;
  return (
    <details className="sq-ballots" onToggle={onToggle}>
      <summary>{t('secretVote.ballots.summary', { count: data?.ballots.length ?? count })}</summary>
      {failed ? (
        <p role="alert">
          {t('secretVote.ballots.failed')}{' '}
          <button type="button" onClick={retry}>
            {t('secretVote.ballots.retry')}
          </button>
        </p>
      ) : !data ? (
        <p role="status">{t('secretVote.ballots.loading')}</p>
      ) : (
        <>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-c`} tabIndex={0}>
            <table data-testid="secret-ballots">
              <caption id={`${id}-c`}>{t('secretVote.ballots.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('secretVote.ballots.tracker')}</th>
                  <th scope="col">{t('secretVote.ballots.choice')}</th>
                </tr>
              </thead>
              <tbody>
                {data.ballots.map((b) => (
                  <tr key={b.tracker}>
                    <th scope="row">
                      <code className="sq-tracker">{b.tracker}</code>
                    </th>
                    <td className={`choice ${b.choice}`}>{t(`choice.${b.choice}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted sq-hash">{t('secretVote.ballots.hash', { hash: data.secretBallotsHash })}</p>
        </>
      )}
    </details>
  );
}

/** Who of the entitled took part (never how), by province then name, as the API serves it. */
function Participation({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const id = useId();
  const { data, onToggle, failed, retry } = useOnOpen<SecretQuestionParticipationView>(
    `/api/votes/${vote.id}/secret-participation`,
  );
  return (
    <details className="sq-participation" onToggle={onToggle}>
      <summary>
        {t('secretVote.participation.summary', {
          count: data?.participationCount ?? vote.castCount,
          entitled: data?.entitledCount ?? vote.entitledCount,
        })}
      </summary>
      {failed ? (
        <p role="alert">
          {t('secretVote.ballots.failed')}{' '}
          <button type="button" onClick={retry}>
            {t('secretVote.ballots.retry')}
          </button>
        </p>
      ) : !data ? (
        <p role="status">{t('secretVote.participation.loading')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-c`} tabIndex={0}>
          <table data-testid="secret-participation">
            <caption id={`${id}-c`}>{t('secretVote.participation.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('secretVote.participation.delegate')}</th>
                <th scope="col">{t('secretVote.participation.province')}</th>
                <th scope="col">{t('secretVote.participation.took')}</th>
              </tr>
            </thead>
            <tbody>
              {data.entitled.map((e) => (
                <tr key={e.delegateId}>
                  <th scope="row" lang="es">
                    {e.fullName}
                  </th>
                  <td>{e.constituency.name}</td>
                  <td>
                    {e.hasVoted
                      ? t('secretVote.participation.voted')
                      : t('secretVote.participation.notVoted')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/**
 * The public part of a secret question on the board and the vote's pages (a lazy chunk: only a secret
 * vote loads it): while open, what is published and what is not; once closed, the published ballots
 * by tracker, who took part, and the voter's own check with their tracker.
 */
export default function SecretVotePublic({ vote }: { vote: VoteView }) {
  return (
    <div className="sq-public" data-testid="secret-vote-public">
      <SecretVoteNote closed={vote.status === 'closed'} />
      {vote.status === 'closed' ? (
        <>
          <PublishedBallots vote={vote} />
          <Participation vote={vote} />
          <FindQuestionBallot voteId={vote.id} />
        </>
      ) : null}
    </div>
  );
}
