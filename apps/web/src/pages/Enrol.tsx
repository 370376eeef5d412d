import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, auth } from '../api';
import { passwordProblem, PasswordFields } from '../components/account/PasswordFields';
import '../components/account/account.css';
import { ActionError, errorText, useAction } from '../components/feedback';
import { usePageTitle } from '../components/Layout';
import { addCatalogue } from '../i18n';
import { accountEn } from '../locales/account.en';
import { accountEs } from '../locales/account.es';
import { useRecordFormat } from './Motion';
import { homeOf } from './SignIn';

addCatalogue(accountEs, accountEn);

interface EnrolmentView {
  userId: string;
  email: string;
  displayName: string;
  purpose: 'enrolment' | 'reset';
  expiresAt: string;
}

/** The code in `#codigo=…` (a fragment never reaches a server); clearFragment takes it off the address bar. */
function codeInFragment(): string {
  const match = /^#codigo=([^&]+)/.exec(window.location.hash);
  if (!match) return '';
  try {
    return decodeURIComponent(match[1]!).trim();
  } catch {
    return match[1]!.trim();
  }
}

function clearFragment(): void {
  if (window.location.hash)
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

const isCodeError = (error: unknown) => error instanceof ApiError && error.code.startsWith('ENROLMENT_CODE');
const isPasswordError = (error: unknown) =>
  error instanceof ApiError && (error.code === 'PASSWORD_TOO_WEAK' || error.code === 'VALIDATION_FAILED');

/**
 * /alta: the person whose account it is sets their own password with the one-time code the secretariat
 * handed over, then is signed in and taken to their console. Nobody else ever knows the password.
 */
export default function Enrol() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useRecordFormat();
  const id = useId();
  usePageTitle(t('account.enrol.title'));
  const [initialCode] = useState(codeInFragment);
  const [code, setCode] = useState(initialCode);
  const [view, setView] = useState<EnrolmentView | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const lookUp = useAction();
  const enrol = useAction();
  const codeInput = useRef<HTMLInputElement>(null);
  const accountHeading = useRef<HTMLHeadingElement>(null);

  const runLookUp = (value: string) => {
    setCodeError(null);
    void lookUp.run(
      () => api<EnrolmentView>('POST', '/api/auth/enrolment/lookup', { code: value }),
      (found) => {
        setView(found);
        setPasswordError(null);
      },
    );
  };
  useEffect(() => {
    clearFragment();
    if (initialCode) runLookUp(initialCode);
    // A link opened in this tab while the page is already here changes only the fragment.
    const onHash = () => {
      const next = codeInFragment();
      if (!next) return;
      clearFragment();
      setView(null);
      setCode(next);
      runLookUp(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // The person lands on whose account the code opens (heard first by a screen reader).
  useEffect(() => {
    if (view) accountHeading.current?.focus();
  }, [view]);
  useEffect(() => {
    if (!lookUp.error) return;
    setCodeError(lookUp.error);
    codeInput.current?.focus();
  }, [lookUp.error]);

  const submitCode = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    runLookUp(code.trim());
  };

  const otherCode = (error: string | null = null) => {
    setView(null);
    setCode('');
    setCodeError(error);
    setPasswordError(null);
    requestAnimationFrame(() => codeInput.current?.focus());
  };

  const submitPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!view) return;
    const form = new FormData(event.currentTarget);
    const password = String(form.get('newPassword') ?? '');
    const problem = passwordProblem(password, String(form.get('repeatPassword') ?? ''), t);
    setPasswordError(problem);
    if (problem) return;
    void enrol.run(async () => {
      let email: string;
      try {
        ({ email } = await api<{ email: string }>('POST', '/api/auth/enrolment', {
          code: code.trim(),
          password,
        }));
      } catch (error) {
        if (isCodeError(error)) otherCode(errorText(error, t));
        else if (isPasswordError(error)) setPasswordError(errorText(error, t));
        else throw error;
        return;
      }
      // The person just typed it: sign them in with it, as the sign-in page would.
      try {
        const user = await auth.login(email, password);
        void navigate(homeOf(user));
      } catch {
        setSignInFailed(true);
      }
    });
  };

  return (
    <div className="account-page">
      <h1>{t('account.enrol.title')}</h1>
      <p>{t('account.enrol.intro')}</p>
      {signInFailed ? (
        <section className="panel" role="status">
          <p>{t('account.enrol.signInFailed')}</p>
          <p>
            <Link to="/ingresar">{t('account.enrol.signInLink')}</Link>
          </p>
        </section>
      ) : !view ? (
        <form onSubmit={submitCode} className="panel narrow">
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('account.enrol.code')}</label>
            <input
              id={`${id}-code`}
              ref={codeInput}
              className="code-input"
              name="code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
              aria-invalid={codeError ? true : undefined}
              aria-describedby={`${id}-code-hint${codeError ? ` ${id}-code-error` : ''}`}
            />
            <span id={`${id}-code-hint`} className="muted hint">
              {t('account.enrol.codeHint')}
            </span>
            {codeError ? (
              <p role="alert" className="error" id={`${id}-code-error`}>
                {codeError}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={lookUp.pending}>
            {lookUp.pending ? t('account.enrol.looking') : t('account.enrol.lookUp')}
          </button>
        </form>
      ) : (
        <>
          <section className="panel narrow" aria-labelledby={`${id}-whose`}>
            <h2 id={`${id}-whose`} ref={accountHeading} tabIndex={-1} className="whose">
              {t('account.enrol.accountOf', { name: view.displayName, email: view.email })}
            </h2>
            <p>
              <span className={`badge ${view.purpose === 'reset' ? 'suspended' : 'open'}`}>
                {t(`account.enrol.purpose.${view.purpose}`)}
              </span>{' '}
              {t('account.enrol.expires', { date: format.dateTime(view.expiresAt) })}
            </p>
            <p className="muted">{t('account.enrol.notYou')}</p>
            <button type="button" className="link" onClick={() => otherCode()}>
              {t('account.enrol.otherCode')}
            </button>
          </section>
          <form
            onSubmit={submitPassword}
            className="panel narrow"
            aria-labelledby={`${id}-choose`}
            noValidate
          >
            <h2 id={`${id}-choose`}>{t('account.enrol.choose')}</h2>
            {/* For password managers: the account the new password belongs to. */}
            <input type="email" name="username" autoComplete="username" value={view.email} readOnly hidden />
            <PasswordFields error={passwordError} disabled={enrol.pending} />
            <button type="submit" disabled={enrol.pending}>
              {enrol.pending ? t('account.enrol.signingIn') : t('account.enrol.submit')}
            </button>
            <ActionError error={enrol.error} />
          </form>
        </>
      )}
    </div>
  );
}
