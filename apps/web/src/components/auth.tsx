import {
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, auth, type AuthState, type Role, type SessionUser } from '../api';
import { ActionError, useAction } from './feedback';

export function useAuth(): AuthState {
  return useSyncExternalStore(auth.subscribe, auth.state, auth.state);
}

/** Role names as people say them, in the page's language. */
export function useRoleName(): (role: Role) => string {
  const { t } = useTranslation();
  return (role) => t(`roles.${role}`);
}

/**
 * Email and password; the form clears its password and reports errors under its button. An account
 * with a second factor answers SECOND_FACTOR_REQUIRED to the right password: the form then asks for
 * the code (or a recovery code) and sends the three together.
 */
export function LoginForm({
  onLogin,
  headingId,
  email: fixedEmail,
}: {
  onLogin?: (user: SessionUser) => void;
  headingId?: string;
  email?: string;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const errorId = useId();
  const [secondStep, setSecondStep] = useState<{ email: string; password: string } | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    void action.run(
      async () => {
        try {
          return await auth.login(email, password);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'SECOND_FACTOR_REQUIRED') return null;
          throw error;
        }
      },
      (user) => {
        formElement.reset();
        if (user === null) setSecondStep({ email, password });
        else onLogin?.(user);
      },
    );
  };
  if (secondStep)
    return (
      <SecondFactorStep
        {...secondStep}
        headingId={headingId}
        onBack={() => setSecondStep(null)}
        onLogin={(user) => {
          setSecondStep(null);
          onLogin?.(user);
        }}
      />
    );
  return (
    <form onSubmit={submit} className="login" aria-labelledby={headingId}>
      <label>
        {t('login.email')}
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={fixedEmail}
          readOnly={!!fixedEmail}
        />
      </label>
      <label>
        {t('login.password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={action.pending} aria-describedby={action.error ? errorId : undefined}>
        {t('login.submit')}
      </button>
      <ActionError error={action.error} id={errorId} />
    </form>
  );
}

/** The sign-in's second step: the authenticator's six digits, or a recovery code; errors beside the field. */
function SecondFactorStep({
  email,
  password,
  headingId,
  onLogin,
  onBack,
}: {
  email: string;
  password: string;
  headingId?: string;
  onLogin: (user: SessionUser) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const id = useId();
  const [recovery, setRecovery] = useState(false);
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), [recovery]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setMissing(code === '');
    if (!code) return;
    void action.run(() => auth.login(email, password, code), onLogin);
  };
  const error = missing ? t('loginCode.missing') : action.error;
  return (
    <form onSubmit={submit} className="login" aria-labelledby={headingId} noValidate>
      <p>
        <strong>{t('loginCode.heading')}</strong>
      </p>
      <p id={`${id}-intro`}>{recovery ? t('loginCode.recoveryIntro') : t('loginCode.intro')}</p>
      <label>
        {recovery ? t('loginCode.recovery') : t('loginCode.code')}
        <input
          ref={input}
          key={recovery ? 'recovery' : 'totp'}
          name="code"
          {...(recovery
            ? { autoComplete: 'off', autoCapitalize: 'none', spellCheck: false, maxLength: 20 }
            : {
                autoComplete: 'one-time-code',
                inputMode: 'numeric' as const,
                pattern: '[0-9 ]*',
                maxLength: 7,
              })}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
      </label>
      <p className="muted" id={`${id}-hint`}>
        {recovery ? t('loginCode.recoveryHint') : t('loginCode.codeHint')}
      </p>
      <ActionError error={error} id={`${id}-error`} />
      <button type="submit" disabled={action.pending}>
        {t('loginCode.submit')}
      </button>{' '}
      <button
        type="button"
        className="link"
        onClick={() => {
          setRecovery((r) => !r);
          setMissing(false);
          action.clear();
        }}
      >
        {recovery ? t('loginCode.useApp') : t('loginCode.useRecovery')}
      </button>{' '}
      <button type="button" className="link" onClick={onBack}>
        {t('loginCode.back')}
      </button>
    </form>
  );
}

/**
 * Shown over the page when an action needs a new sign-in (the refresh token expired or was revoked).
 * The page keeps its state underneath; once signed in, the interrupted action goes on by itself.
 */
export function SignInPrompt() {
  const { t } = useTranslation();
  const { signInRequired, user } = useAuth();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (signInRequired && !element.open) element.showModal();
    if (!signInRequired && element.open) element.close();
  }, [signInRequired]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="signin-again-h"
      className="signin-again"
      onCancel={(event) => {
        event.preventDefault();
        auth.cancelSignIn();
      }}
    >
      <h2 id="signin-again-h">{t('login.againHeading')}</h2>
      <p>{t('login.againIntro')}</p>
      {signInRequired ? <LoginForm headingId="signin-again-h" email={user?.email} /> : null}
      <button type="button" className="link" onClick={() => auth.cancelSignIn()}>
        {t('common.cancel')}
      </button>
    </dialog>
  );
}

/**
 * A console for one role: signed-out people get the sign-in form, people without the role an
 * explanation in plain words and a way to sign in with the right account; nobody sees controls they
 * cannot use.
 */
export function RequireRole({
  role,
  heading,
  children,
}: {
  role: Role;
  heading: string;
  children: (user: SessionUser) => ReactNode;
}) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const { status, user } = useAuth();
  const [switching, setSwitching] = useState(false);
  if (status === 'restoring')
    return (
      <>
        <h1>{heading}</h1>
        <p role="status">{t('login.restoring')}</p>
      </>
    );
  if (status === 'signedIn' && user?.roles.includes(role)) return <>{children(user)}</>;
  return (
    <>
      <h1>{heading}</h1>
      {user && !switching ? (
        <section className="panel" aria-labelledby="wrong-role-h">
          <h2 id="wrong-role-h">{t('login.wrongRoleHeading', { role: roleName(role) })}</h2>
          <p>
            {t('login.wrongRole', {
              name: user.displayName,
              roles: user.roles.map(roleName).join(', '),
              role: roleName(role),
            })}
          </p>
          <button type="button" onClick={() => setSwitching(true)}>
            {t('login.switchAccount')}
          </button>
        </section>
      ) : (
        <section className="panel" aria-labelledby="login-h">
          <h2 id="login-h">{t('login.heading')}</h2>
          <p>{t('login.forRole', { role: roleName(role) })}</p>
          <LoginForm headingId="login-h" onLogin={() => setSwitching(false)} />
        </section>
      )}
    </>
  );
}
