import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, auth, type SessionUser } from '../api';
import { AccountActivity } from '../components/account/AccountActivity';
import { passwordProblem, PasswordFields } from '../components/account/PasswordFields';
import { SecondFactorSection } from '../components/account/SecondFactorSection';
import '../components/account/account.css';
import { LoginForm, useAuth, useRoleName } from '../components/auth';
import { ActionError, errorText, useAction } from '../components/feedback';
import { usePageTitle } from '../components/Layout';
import { addCatalogue } from '../i18n';
import { accountEn } from '../locales/account.en';
import { accountEs } from '../locales/account.es';

addCatalogue(accountEs, accountEn);

/**
 * Changing the password ends every session, this one too: the page signs in again at once with the
 * password just typed, so the person stays where they were.
 */
function ChangePassword({
  user,
  onChanged,
  onSignedOut,
}: {
  user: SessionUser;
  onChanged: () => void;
  onSignedOut: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const action = useAction();
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [newError, setNewError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const problem = passwordProblem(newPassword, String(form.get('repeatPassword') ?? ''), t);
    setCurrentError(currentPassword ? null : t('account.password.currentMissing'));
    setNewError(problem);
    setDone(null);
    if (problem || !currentPassword) return;
    void action.run(async () => {
      try {
        await api<null>('POST', '/api/auth/password', { currentPassword, newPassword });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CURRENT_PASSWORD_WRONG')
          setCurrentError(errorText(error, t));
        else if (error instanceof ApiError && ['PASSWORD_TOO_WEAK', 'VALIDATION_FAILED'].includes(error.code))
          setNewError(errorText(error, t));
        else throw error;
        return;
      }
      element.reset();
      try {
        await auth.login(user.email, newPassword);
        setDone(t('account.page.changed'));
        onChanged();
      } catch {
        // A second factor, say: the inline sign-in of the page takes over.
        onSignedOut(t('account.page.changedSignInAgain'));
        await auth.logout();
      }
    });
  };
  return (
    <section className="panel narrow" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('account.page.changeHeading')}</h2>
      <p className="muted">{t('account.page.changeIntro')}</p>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <PasswordFields withCurrent currentError={currentError} error={newError} disabled={action.pending} />
        <button type="submit" disabled={action.pending}>
          {t('account.page.changeSubmit')}
        </button>
        <ActionError error={action.error} />
        {done ? (
          <p role="status" className="ok">
            {done}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function AccountView({ user, onSignedOut }: { user: SessionUser; onSignedOut: (notice: string) => void }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const id = useId();
  const [revision, setRevision] = useState(0);
  return (
    <>
      <h1>{t('account.page.title')}</h1>
      <section className="panel narrow" aria-labelledby={`${id}-details`}>
        <h2 id={`${id}-details`}>{t('account.page.details')}</h2>
        <dl className="facts">
          <dt>{t('account.page.name')}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t('account.page.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('account.page.roles')}</dt>
          <dd>{user.roles.map(roleName).join(', ') || t('account.page.noRoles')}</dd>
        </dl>
      </section>
      <ChangePassword user={user} onChanged={() => setRevision((n) => n + 1)} onSignedOut={onSignedOut} />
      <SecondFactorSection user={user} onChanged={() => setRevision((n) => n + 1)} />
      <AccountActivity userId={user.id} refresh={revision} />
    </>
  );
}

/** /cuenta: one's own account, for anyone signed in; others get the sign-in form in place. */
export default function Account() {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(t('account.page.title'));
  return (
    <div className="account-page">
      {status === 'signedIn' && user ? (
        <AccountView user={user} onSignedOut={setNotice} />
      ) : (
        <>
          <h1>{t('account.page.title')}</h1>
          {status === 'restoring' ? (
            <p role="status">{t('login.restoring')}</p>
          ) : (
            <section className="panel narrow" aria-labelledby="account-login-h">
              <h2 id="account-login-h">{t('login.heading')}</h2>
              {notice ? (
                <p role="status" className="ok">
                  {notice}
                </p>
              ) : (
                <p>{t('account.page.signInIntro')}</p>
              )}
              <LoginForm headingId="account-login-h" />
            </section>
          )}
        </>
      )}
    </div>
  );
}
