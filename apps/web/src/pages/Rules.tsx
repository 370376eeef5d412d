import type { AssemblyRulesContent, AssemblyRulesView, RulesVersionView } from '#contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { useRecordFormat } from './Motion';
import '../components/secret-votes/catalogue';

const FIELDS = [
  'quorum',
  'cosponsorThreshold',
  'speechSeconds',
  'decisions',
  'minimumOpenSeconds',
  'minimumTurnout',
  'compliance',
  'secondFactorRoles',
] as const satisfies readonly (keyof AssemblyRulesContent)[];

/** The fields a version changed from the one before it (compared as JSON: both come from the record). */
export function changedFields(before: AssemblyRulesContent, after: AssemblyRulesContent): string[] {
  return FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** Whether a kind of decision is voted by secret ballot (`secret` absent: not). */
const isSecret = (decision: AssemblyRulesContent['decisions'][number]): boolean =>
  (decision as { secret?: boolean }).secret === true;

/** What a reglamento says, in sentences, as the public page and the secretariat's console show it. */
export function RulesContent({ rules, level = 2 }: { rules: AssemblyRulesContent; level?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const language = i18n.language === 'en' ? 'en' : 'es';
  return (
    <div className="rules-content">
      <section aria-labelledby={`${id}-sessions`}>
        <Heading id={`${id}-sessions`}>{t('reglamento.sessions')}</Heading>
        <dl className="facts">
          <dt>{t('reglamento.quorum')}</dt>
          <dd>{t('reglamento.quorumText', rules.quorum)}</dd>
          <dt>{t('reglamento.cosponsors')}</dt>
          <dd>
            {rules.cosponsorThreshold === 0
              ? t('reglamento.cosponsorsNone')
              : t('reglamento.cosponsorsText', { count: rules.cosponsorThreshold })}
          </dd>
          <dt>{t('reglamento.speech')}</dt>
          <dd>
            {t('reglamento.speechText', {
              minutes: Math.floor(rules.speechSeconds / 60),
              seconds: rules.speechSeconds % 60,
            })}
          </dd>
        </dl>
      </section>
      <section aria-labelledby={`${id}-votes`}>
        <Heading id={`${id}-votes`}>{t('reglamento.votes')}</Heading>
        <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table>
            <caption id={`${id}-caption`}>{t('reglamento.decisionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reglamento.decision')}</th>
                <th scope="col">{t('reglamento.rule')}</th>
                <th scope="col">{t('reglamento.choice')}</th>
                <th scope="col">{t('secretVote.rules.column')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.decisions.map((decision) => (
                <tr key={decision.kind}>
                  <th scope="row" lang={language}>
                    {decision.label[language]}
                  </th>
                  <td>{t(`rule.${decision.rule}`)}</td>
                  <td>{t(decision.moderatorMayChoose ? 'reglamento.yes' : 'reglamento.no')}</td>
                  <td data-secret={isSecret(decision) || undefined}>
                    {t(isSecret(decision) ? 'reglamento.yes' : 'reglamento.no')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rules.decisions.some(isSecret) ? (
          <p data-testid="rules-secret-note">{t('secretVote.rules.note')}</p>
        ) : null}
        <dl className="facts">
          <dt>{t('reglamento.minimumOpen')}</dt>
          <dd>
            {rules.minimumOpenSeconds > 0
              ? t('reglamento.minimumOpenText', { seconds: rules.minimumOpenSeconds })
              : t('reglamento.minimumOpenNone')}
          </dd>
          <dt>{t('reglamento.turnout')}</dt>
          <dd>
            {rules.minimumTurnout
              ? t('reglamento.turnoutText', rules.minimumTurnout)
              : t('reglamento.turnoutNone')}
          </dd>
        </dl>
      </section>
      <section aria-labelledby={`${id}-compliance`}>
        <Heading id={`${id}-compliance`}>{t('reglamento.compliance')}</Heading>
        <ul>
          <li>{t('reglamento.deadlineText', { count: rules.compliance.defaultDeadlineDays })}</li>
          <li>{t('reglamento.warningText', { count: rules.compliance.warningDays })}</li>
        </ul>
      </section>
      <section aria-labelledby={`${id}-accounts`}>
        <Heading id={`${id}-accounts`}>{t('reglamento.accounts')}</Heading>
        <dl className="facts">
          <dt>{t('reglamento.secondFactor')}</dt>
          <dd>
            {rules.secondFactorRoles?.length
              ? rules.secondFactorRoles.map((role) => t(`roles.${role}`)).join(', ')
              : t('reglamento.secondFactorNone')}
          </dd>
        </dl>
      </section>
    </div>
  );
}

/** Who adopted a version and why, in one line each. */
function Provenance({ version }: { version: Pick<RulesVersionView, 'adoptedBy' | 'adoptedAt' | 'note'> }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  return (
    <>
      <p className="muted">
        {version.adoptedBy
          ? t('reglamento.adoptedBy', {
              name: version.adoptedBy.name,
              when: format.dateTime(version.adoptedAt),
            })
          : t('reglamento.fromConfiguration')}
      </p>
      {version.note ? <p>{t('reglamento.note', { note: version.note })}</p> : null}
    </>
  );
}

/** /reglamento: the rules in force, what is adopted for later, and every earlier version. */
export function Rules() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  usePageTitle(t('reglamento.heading'));
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'failed' }
    | { status: 'ready'; rules: AssemblyRulesView; versions: RulesVersionView[] }
  >({ status: 'loading' });
  const load = useCallback(() => {
    setState({ status: 'loading' });
    Promise.all([
      api<AssemblyRulesView>('GET', '/api/rules'),
      api<RulesVersionView[]>('GET', '/api/rules/versions'),
    ]).then(
      ([rules, versions]) => setState({ status: 'ready', rules, versions }),
      () => setState({ status: 'failed' }),
    );
  }, []);
  useEffect(load, [load]);

  if (state.status !== 'ready')
    return (
      <main id="main">
        <h1>{t('reglamento.heading')}</h1>
        {state.status === 'loading' ? (
          <p role="status">{t('records.loading')}</p>
        ) : (
          <div role="alert">
            <p>{t('reglamento.loadFailed')}</p>
            <button type="button" onClick={load}>
              {t('reglamento.retry')}
            </button>
          </div>
        )}
      </main>
    );
  const { rules, versions } = state;
  const inForce = versions.find((v) => v.version === rules.version);
  const earlier = versions.filter((v) => v.version < rules.version).reverse();
  return (
    <main id="main">
      <h1>{t('reglamento.heading')}</h1>
      <p>{t('reglamento.intro')}</p>
      <p className="lead">
        <strong>
          {t('reglamento.inForce', { version: rules.version, when: format.dateTime(rules.effectiveAt) })}
        </strong>
      </p>
      {inForce ? <Provenance version={inForce} /> : null}
      {rules.pending.map((pending) => (
        <p key={pending.version} className="notice" role="note">
          {t('reglamento.pending', { version: pending.version, when: format.dateTime(pending.effectiveAt) })}
        </p>
      ))}
      <RulesContent rules={rules} />
      {earlier.length > 0 ? (
        <section aria-labelledby="rules-history">
          <h2 id="rules-history">{t('reglamento.history')}</h2>
          {earlier.map((version) => {
            const previous = versions.find((v) => v.version === version.version - 1);
            const changed = previous ? changedFields(previous.rules, version.rules) : [];
            return (
              <details key={version.version}>
                <summary>
                  {t('reglamento.version', {
                    version: version.version,
                    when: format.dateTime(version.effectiveAt),
                  })}
                </summary>
                <Provenance version={version} />
                {previous ? (
                  <p>
                    {changed.length
                      ? t('reglamento.changes', {
                          fields: changed.map((field) => t(`reglamento.fields.${field}`)).join(', '),
                        })
                      : t('reglamento.noChanges')}
                  </p>
                ) : null}
                <RulesContent rules={version.rules} level={3} />
              </details>
            );
          })}
        </section>
      ) : null}
    </main>
  );
}
