import { useId, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

/** The client's own checks (the API still has the last word: common and breached passwords). */
export function passwordProblem(password: string, repeat: string, t: (key: string) => string): string | null {
  if (password.length < 10) return t('account.password.tooShort');
  if (password !== repeat) return t('account.password.mismatch');
  return null;
}

/**
 * A new password typed twice, with the hint and the error of the password beside the fields, and one
 * toggle that shows both (and the current one, when asked for).
 */
export function PasswordFields({
  error,
  withCurrent = false,
  currentError,
  disabled,
  newRef,
}: {
  error: string | null;
  withCurrent?: boolean;
  currentError?: string | null;
  disabled?: boolean;
  newRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const type = shown ? 'text' : 'password';
  return (
    <>
      {withCurrent ? (
        <div className="field">
          <label htmlFor={`${id}-current`}>{t('account.password.current')}</label>
          <input
            id={`${id}-current`}
            name="currentPassword"
            type={type}
            autoComplete="current-password"
            required
            maxLength={200}
            disabled={disabled}
            aria-invalid={currentError ? true : undefined}
            aria-describedby={currentError ? `${id}-current-error` : undefined}
          />
          {currentError ? (
            <p role="alert" className="error" id={`${id}-current-error`}>
              {currentError}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-new`}>{t('account.password.new')}</label>
        <input
          id={`${id}-new`}
          ref={newRef}
          name="newPassword"
          type={type}
          autoComplete="new-password"
          required
          maxLength={200}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        />
        <span id={`${id}-hint`} className="muted hint">
          {t('account.password.hint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>{t('account.password.repeat')}</label>
        <input
          id={`${id}-repeat`}
          name="repeatPassword"
          type={type}
          autoComplete="new-password"
          required
          maxLength={200}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p role="alert" className="error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <label className="check">
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        {t('account.password.show')}
      </label>
    </>
  );
}
