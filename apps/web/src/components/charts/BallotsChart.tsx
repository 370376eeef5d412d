import type { DelegateRecord } from '#contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addCatalogue } from '../../i18n';
import { chartsEn } from '../../locales/charts.en';
import { chartsEs } from '../../locales/charts.es';
import './hemicycle.css';

addCatalogue(chartsEs, chartsEn);

const CHOICES = ['yes', 'no', 'abstain', 'notVoted'] as const;

/**
 * A delegate's ballots by choice over the closed votes they were entitled to: one bar per choice, its
 * length the share of those votes, the count written beside it (the bar is the picture, the text the fact).
 */
export default function BallotsChart({
  name,
  summary,
  formatPercent,
}: {
  name: string;
  summary: DelegateRecord['votingSummary'];
  formatPercent: (ratio: number) => string;
}) {
  const { t } = useTranslation();
  const uid = useId().replace(/:/g, '');
  if (summary.entitled === 0) return null;
  const label = (choice: (typeof CHOICES)[number]) =>
    choice === 'notVoted' ? t('charts.hemicycle.none') : t(`choice.${choice}`);
  return (
    <figure className="ballots-chart" aria-labelledby={`${uid}-t`}>
      <figcaption id={`${uid}-t`}>{t('charts.ballots.title', { name, count: summary.entitled })}</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('charts.ballots.choice')}</th>
            <th scope="col">{t('charts.ballots.count')}</th>
            <th scope="col">{t('charts.ballots.share')}</th>
          </tr>
        </thead>
        <tbody>
          {CHOICES.map((choice) => {
            const share = summary[choice] / summary.entitled;
            return (
              <tr key={choice} data-choice={choice}>
                <th scope="row">{label(choice)}</th>
                <td className="bal-count">{summary[choice]}</td>
                <td className="bal-share">
                  <div>
                    <svg
                      className="bal-bar"
                      viewBox="0 0 100 6"
                      preserveAspectRatio="none"
                      aria-hidden="true"
                    >
                      <rect className={`bal-${choice}`} x={0} y={0} width={share * 100} height={6} />
                    </svg>
                    <span>{formatPercent(share)}</span>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </figure>
  );
}
