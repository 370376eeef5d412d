import type { VoteView } from '#contracts';
import { lazy, Suspense, useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';

type Ballots = NonNullable<VoteView['ballots']>;

// A secret question's published ballots, participation and ballot check: a chunk only such a vote loads.
const SecretVotePublic = lazy(() => import('./secret-votes/SecretVotePublic'));
const secretPart = (vote: VoteView) =>
  vote.secret ? (
    <Suspense fallback={null}>
      <SecretVotePublic vote={vote} />
    </Suspense>
  ) : null;

/**
 * The vote as the public sees it: progress while open; counts, outcome and every ballot by province once
 * closed. Live events carry the result without the ballot list, so a phone downloads the list only
 * when its reader opens it.
 */
export function VoteResult({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const [ballots, setBallots] = useState<Ballots | null>(vote.ballots);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setBallots(vote.ballots);
    setFailed(false);
  }, [vote.id, vote.ballots]);
  const loadBallots = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (!event.currentTarget.open || ballots) return;
    setFailed(false);
    api<VoteView>('GET', `/api/votes/${vote.id}`).then(
      (full) => setBallots(full.ballots ?? []),
      () => setFailed(true),
    );
  };
  if (vote.status === 'open') {
    return (
      <section aria-labelledby="vote-h" className="panel vote">
        <h2 id="vote-h">{t('board.voteOpen')}</h2>
        <p className="question" lang="es">
          {vote.question}
        </p>
        <p aria-live="polite" data-testid="vote-progress">
          {t('board.voted', { cast: vote.castCount, entitled: vote.entitledCount })}
        </p>
        <progress max={vote.entitledCount} value={vote.castCount} aria-label={t('board.vote')} />
        <p className="muted">{t(`rule.${vote.rule}`)}</p>
        {secretPart(vote)}
      </section>
    );
  }
  const tally = vote.tally!;
  const provinces = new Map<string, Ballots>();
  for (const ballot of ballots ?? [])
    provinces.set(ballot.constituency, [...(provinces.get(ballot.constituency) ?? []), ballot]);
  return (
    <section aria-labelledby="vote-h" className="panel vote">
      <h2 id="vote-h">{t('board.voteClosed')}</h2>
      <p className="question" lang="es">
        {vote.question}
      </p>
      <p className={`outcome ${tally.outcome}`} data-testid="vote-outcome" aria-live="polite">
        {t(`board.${tally.outcome}`)}
      </p>
      <p>{t('board.counts', { ...tally.counts })}</p>
      {vote.resolutionNumber ? (
        <p>
          {t('board.resolution')}:{' '}
          <Link to={`/resoluciones/${vote.resolutionNumber}`}>{vote.resolutionNumber}</Link>
        </p>
      ) : null}
      {tally.reason === 'turnout_below_minimum' && tally.turnout ? (
        <p>{t('reglamento.turnoutReason', tally.turnout)}</p>
      ) : null}
      <p className="muted">
        {t('board.required', { count: tally.required, rule: t(`rule.${vote.rule}`) })}
        {vote.rulesVersion ? ` · ${t('reglamento.underVersion', { version: vote.rulesVersion })}` : ''}
      </p>
      {vote.secret ? (
        secretPart(vote)
      ) : (
        <details onToggle={loadBallots}>
          <summary>{t('board.byProvince')}</summary>
          {failed ? (
            <p role="alert">{t('errors.generic')}</p>
          ) : ballots ? null : (
            <p>{t('records.loading')}</p>
          )}
          {[...provinces].map(([province, ballots]) => (
            <table key={province}>
              <caption>{province}</caption>
              <tbody>
                {ballots.map((b) => (
                  <tr key={b.delegateId}>
                    <th scope="row">{b.name}</th>
                    <td className={`choice ${b.choice}`}>
                      {t(`choice.${b.choice}`)}
                      {b.recordedBy ? (
                        <span className="muted" data-testid="ballot-recorded-by-mesa">
                          {' '}
                          · {t(`board.recordedByMesa.${b.recordedBy.method}`)}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </details>
      )}
    </section>
  );
}
