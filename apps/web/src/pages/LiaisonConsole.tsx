import type { ComplianceTrack, EvidenceLimitsView, InstitutionAccountability } from '#contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionUser } from '../api';
import { RequireRole, useAuth } from '../components/auth';
import { Status, usePageTitle } from '../components/Layout';
import { errorText } from '../components/feedback';
import { History, historyOf, type HistoryEntry } from '../components/liaison/History';
import { byUrgency, ObligationList } from '../components/liaison/ObligationList';
import { ReportForm } from '../components/liaison/ReportForm';
import '../components/liaison/evidence.css';
import '../components/liaison/liaison.css';
import { addCatalogue } from '../i18n';
import { liaisonEn } from '../locales/liaison.en';
import { liaisonEs } from '../locales/liaison.es';
import { useRecordFormat } from './Motion';

addCatalogue(liaisonEs, liaisonEn);

interface InstitutionOption {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** What binds one institution, its report form and its history; reloaded after every report. */
function InstitutionDesk({
  institution,
  onBehalfOf,
  limits,
}: {
  institution: InstitutionOption;
  onBehalfOf: boolean;
  limits: EvidenceLimitsView;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const [data, setData] = useState<InstitutionAccountability | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const headings = { list: useId(), history: useId() };

  useEffect(() => {
    let live = true;
    setError(null);
    api<InstitutionAccountability>('GET', `/api/institutions/${institution.code}/accountability`)
      .then(async (answer) => {
        if (!live) return;
        setData(answer);
        const reported = answer.resolutions.filter((r) => r.reports > 0);
        const tracks = await Promise.all(
          reported.map(async (r) => ({
            number: r.number,
            tracks: await api<ComplianceTrack[]>('GET', `/api/resolutions/${r.number}/compliance`),
          })),
        );
        if (live) setHistory(historyOf(institution.code, tracks));
      })
      .catch((e: unknown) => live && setError(errorText(e, t)));
    return () => {
      live = false;
    };
  }, [institution.code, revision, t]);

  useEffect(() => setChosen(null), [institution.code]);

  if (error) return <Status error={error} />;
  if (!data) return <p role="status">{t('liaison.loading')}</p>;
  const open = [...data.resolutions].sort(byUrgency);
  const obligation = open.find((o) => o.number === chosen) ?? null;
  const { summary } = data;
  return (
    <>
      <div className="lc-grid">
        <section aria-labelledby={headings.list}>
          <h2 id={headings.list}>{t('liaison.obligationsHeading', { institution: institution.name })}</h2>
          <p className="muted">
            {t('liaison.summary', {
              count: summary.resolutions,
              overdue: summary.obligationsByStatus.overdue,
              fulfilled: summary.obligationsByStatus.fulfilled,
            })}
          </p>
          <ObligationList
            obligations={open}
            chosen={chosen}
            onChoose={(number) => {
              setChosen(number);
              requestAnimationFrame(() => document.getElementById('lc-form')?.focus());
            }}
            formatDate={format.date}
          />
        </section>
        <div id="lc-form" tabIndex={-1}>
          {obligation ? (
            <ReportForm
              key={`${institution.code}:${obligation.number}`}
              obligation={obligation}
              institution={institution}
              onBehalfOf={onBehalfOf}
              limits={limits}
              onPublished={() => setRevision((n) => n + 1)}
            />
          ) : (
            <p className="panel muted">{t('liaison.chooseResolution')}</p>
          )}
        </div>
      </div>
      <section aria-labelledby={headings.history}>
        <h2 id={headings.history}>{t('liaison.historyHeading', { institution: institution.name })}</h2>
        {history ? (
          <History entries={history} institution={institution.name} formatDate={format.dateTime} />
        ) : (
          <p role="status">{t('liaison.loading')}</p>
        )}
      </section>
    </>
  );
}

function Console({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const isAdmin = user.roles.includes('admin');
  const [institutions, setInstitutions] = useState<InstitutionOption[] | null>(null);
  const [limits, setLimits] = useState<EvidenceLimitsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState('');
  const selectId = useId();
  useEffect(() => {
    Promise.all([
      api<InstitutionOption[]>('GET', '/api/institutions'),
      api<EvidenceLimitsView>('GET', '/api/evidence/limits'),
    ]).then(
      ([list, answer]) => {
        setInstitutions(list);
        setLimits(answer);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [t]);
  const choose = useCallback((code: string) => setPicked(code), []);

  if (error) return <Status error={error} />;
  if (!institutions || !limits) return <p role="status">{t('liaison.loading')}</p>;
  // A liaison reports for their own institution; the secretariat reports for the one it names.
  const own = institutions.find((i) => i.id === user.institutionId) ?? null;
  const institution = isAdmin ? (institutions.find((i) => i.code === picked) ?? null) : own;
  return (
    <>
      {isAdmin ? (
        <div className="field lc-institution">
          <label htmlFor={selectId}>{t('liaison.chooseInstitution')}</label>
          <select id={selectId} value={picked} onChange={(e) => choose(e.target.value)}>
            <option value="">{t('liaison.choosePlaceholder')}</option>
            {institutions.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name} ({i.code})
              </option>
            ))}
          </select>
        </div>
      ) : own ? (
        <p>
          <strong>{t('liaison.reportsFor', { institution: own.name })}</strong>
        </p>
      ) : (
        <p role="alert" className="warning">
          {t('liaison.noInstitution')}
        </p>
      )}
      {institution ? (
        <InstitutionDesk institution={institution} onBehalfOf={isAdmin} limits={limits} />
      ) : null}
    </>
  );
}

/** The institutions' console: a liaison for their institution, the secretariat for the one it chooses. */
export default function LiaisonConsole() {
  const { t } = useTranslation();
  usePageTitle(t('liaison.heading'));
  const { status, user } = useAuth();
  const heading = t('liaison.heading');
  if (status === 'signedIn' && user?.roles.includes('admin'))
    return (
      <div className="lc">
        <h1>{heading}</h1>
        <p className="muted">{t('liaison.introSecretariat')}</p>
        <Console user={user} />
      </div>
    );
  return (
    <RequireRole role="liaison" heading={heading}>
      {(signedIn) => (
        <div className="lc">
          <h1>{heading}</h1>
          <p className="muted">{t('liaison.intro')}</p>
          <Console user={signedIn} />
        </div>
      )}
    </RequireRole>
  );
}
