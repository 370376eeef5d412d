import { useTranslation } from 'react-i18next';
import type { ElectionRound } from './types';

/**
 * A closed round's result by candidate: support (and, per candidate, yes/no/abstain), the threshold, who
 * is elected and by which rule, who goes to the run-off; blank and spoiled ballots apart. A table: the
 * figures are what matter, the bars beside them only help the eye.
 */
export function RoundResult({
  round,
  names,
  large = false,
}: {
  round: ElectionRound;
  names: ReadonlyMap<string, string>;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const outcome = round.outcome;
  if (!outcome) return null;
  const elected = new Map(outcome.elected.map((seat) => [seat.candidate, seat]));
  const runoff = new Set(
    outcome.round === 'first' && outcome.runoff ? outcome.runoff.candidates : ([] as string[]),
  );
  const top = Math.max(1, ...outcome.candidates.map((c) => c.support));
  const perCandidate = outcome.method === 'yes_no_abstain_per_candidate';
  return (
    <div className={`el-result${large ? ' el-result-large' : ''}`} data-testid="election-result">
      <table>
        <caption>
          {t(round.round === 'first' ? 'elections.result.captionFirst' : 'elections.result.captionRunoff')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('elections.result.candidate')}</th>
            <th scope="col">{t('elections.result.support')}</th>
            {perCandidate ? (
              <>
                <th scope="col">{t('choice.no')}</th>
                <th scope="col">{t('choice.abstain')}</th>
              </>
            ) : null}
            <th scope="col">{t('elections.result.standing')}</th>
          </tr>
        </thead>
        <tbody>
          {outcome.candidates.map((c) => {
            const seat = elected.get(c.candidate);
            return (
              <tr key={c.candidate} data-elected={!!seat}>
                <th scope="row">{names.get(c.candidate) ?? c.candidate}</th>
                <td className="el-support">
                  <span className="el-track" aria-hidden="true">
                    <span className="el-bar" style={{ width: `${(c.support / top) * 100}%` }} />
                  </span>
                  <strong>{c.support}</strong>
                </td>
                {perCandidate ? (
                  <>
                    <td>{c.marks?.no ?? 0}</td>
                    <td>{c.marks?.abstain ?? 0}</td>
                  </>
                ) : null}
                <td>
                  {seat
                    ? t('elections.result.elected', { by: t(`elections.result.by.${seat.by}`) })
                    : runoff.has(c.candidate)
                      ? t('elections.result.toRunoff')
                      : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        {t('elections.result.ballots', { ...outcome.ballots })}
        {outcome.threshold.kind === 'absolute_majority_of_valid'
          ? ` · ${t('elections.result.threshold', { required: outcome.threshold.required, base: outcome.threshold.base })}`
          : ` · ${t('elections.result.mostVotes')}`}
      </p>
      {outcome.vacant > 0 ? <p>{t('elections.result.vacant', { count: outcome.vacant })}</p> : null}
      {outcome.round === 'first' && outcome.runoff ? (
        <p className="el-runoff">
          {t(
            // A tie among candidates over the majority, not a lack of majority, sends them to the run-off.
            outcome.ties.some((tie) => tie.at === 'seat')
              ? 'elections.result.runoffTied'
              : 'elections.result.runoffCalled',
            { count: outcome.runoff.seats },
          )}
        </p>
      ) : null}
      {outcome.ties.map((tie, i) => (
        <p key={i} className="muted">
          {t(`elections.result.tie.${tie.decidedBy}`, {
            among: tie.among.map((id) => names.get(id) ?? id).join(', '),
          })}
        </p>
      ))}
    </div>
  );
}
