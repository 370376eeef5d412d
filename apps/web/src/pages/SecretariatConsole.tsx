import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../components/Layout';
import { RequireRole } from '../components/auth';
import { AccountsSection } from '../components/secretariat/AccountsSection';
import { DelegatesSection } from '../components/secretariat/DelegatesSection';
import { ImportSection } from '../components/secretariat/ImportSection';
import { InstitutionsSection } from '../components/secretariat/InstitutionsSection';
import { OfficesSection } from '../components/secretariat/OfficesSection';
import { RulesEditor } from '../components/secretariat/RulesEditor';
import { WebhooksSection } from '../components/secretariat/WebhooksSection';
import '../components/secretariat/secretariat.css';
import { addCatalogue } from '../i18n';
import { secretariatEn } from '../locales/secretariat.en';
import { secretariatEs } from '../locales/secretariat.es';

addCatalogue(secretariatEs, secretariatEn);

const TABS = ['delegates', 'import', 'accounts', 'institutions', 'offices', 'webhooks', 'rules'] as const;
type Tab = (typeof TABS)[number];

function Section({ tab, userId }: { tab: Tab; userId: string }) {
  const { t } = useTranslation();
  switch (tab) {
    case 'delegates':
      return <DelegatesSection />;
    case 'import':
      return <ImportSection />;
    case 'accounts':
      return <AccountsSection selfId={userId} />;
    case 'institutions':
      return <InstitutionsSection />;
    case 'offices':
      return <OfficesSection />;
    case 'webhooks':
      return <WebhooksSection />;
    case 'rules':
      return (
        <section aria-labelledby="sec-rules-h">
          <h2 id="sec-rules-h">{t('secretariat.rules.heading')}</h2>
          <RulesEditor />
        </section>
      );
  }
}

/**
 * The sections as tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between them, Tab goes
 * into the panel); the chosen one is in the address (?seccion=), so it can be bookmarked and reloaded.
 */
function Console({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('seccion');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'delegates';
  const buttons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const choose = (next: Tab, focus = false) => {
    setParams(
      (previous) => {
        const copy = new URLSearchParams(previous);
        copy.set('seccion', next);
        return copy;
      },
      { replace: true },
    );
    if (focus) buttons.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(tab);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    choose(TABS[target]!, true);
  };
  return (
    <div className="sec-console">
      <h1>{t('secretariat.heading')}</h1>
      <p className="muted">{t('secretariat.intro')}</p>
      <div role="tablist" aria-label={t('secretariat.sections')} className="sec-tabs" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`sec-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`sec-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            ref={(element) => {
              buttons.current[name] = element;
            }}
            onClick={() => choose(name)}
          >
            {t(`secretariat.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`sec-panel-${tab}`}
        aria-labelledby={`sec-tab-${tab}`}
        tabIndex={0}
        className="sec-panel"
      >
        <Section tab={tab} userId={userId} />
      </div>
    </div>
  );
}

/** The Secretaría Técnica runs the assembly's registers from here. */
export default function SecretariatConsole() {
  const { t } = useTranslation();
  usePageTitle(t('secretariat.heading'));
  return (
    <RequireRole role="admin" heading={t('secretariat.heading')}>
      {(user) => <Console userId={user.id} />}
    </RequireRole>
  );
}
