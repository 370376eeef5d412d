import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionUser } from '../../api';
import { addCatalogue } from '../../i18n';
import { secondFactorEn } from '../../locales/second-factor.en';
import { secondFactorEs } from '../../locales/second-factor.es';
import { secondFactorNotice } from '../../second-factor-notice';
import { ActionError, useAction } from '../feedback';
import './second-factor.css';

addCatalogue(secondFactorEs, secondFactorEn);

interface Status {
  enabled: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
  required: boolean;
}

interface Setup {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

/** A code field, its hint and its error beside it. */
function CodeField({
  label,
  hint,
  error,
  recoveryAllowed,
  autoFocus,
}: {
  label: string;
  hint: string;
  error: string | null;
  recoveryAllowed?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="code"
        className="sf-code-input"
        required
        autoFocus={autoFocus}
        {...(recoveryAllowed
          ? { autoComplete: 'one-time-code', autoCapitalize: 'none', spellCheck: false, maxLength: 20 }
          : { autoComplete: 'one-time-code', inputMode: 'numeric' as const, maxLength: 7 })}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <p className="muted hint" id={`${id}-hint`}>
        {hint}
      </p>
      <ActionError error={error} id={`${id}-error`} />
    </>
  );
}

/** Recovery codes, shown once: download, copy, print, and a checkbox before they go away. */
function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = `${t('secondFactor.fileHeader', { email })}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    link.download = 'asamblea-codigos-de-recuperacion.txt';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <div className="sf-codes" role="region" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('secondFactor.codesHeading')}
      </h3>
      <p>{t('secondFactor.codesIntro')}</p>
      <ol className="sf-code-list" aria-label={t('secondFactor.codesHeading')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="sf-actions">
        <button type="button" onClick={download}>
          {t('secondFactor.download')}
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => undefined,
            )
          }
        >
          {t('secondFactor.copy')}
        </button>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('secondFactor.print')}
        </button>
        {copied ? (
          <span role="status" className="ok">
            {' '}
            {t('secondFactor.copied')}
          </span>
        ) : null}
      </p>
      <label className="sf-check">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />{' '}
        {t('secondFactor.saved')}
      </label>
      <button type="button" disabled={!saved} onClick={onDone}>
        {t('secondFactor.done')}
      </button>
    </div>
  );
}

/** "Verificación en dos pasos" of /cuenta: status, set-up (QR and key), recovery codes, new codes, turning it off. */
export function SecondFactorSection({ user, onChanged }: { user: SessionUser; onChanged?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<Status | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | null>>({});
  const start = useAction();
  const confirm = useAction();
  const regenerate = useAction();
  const disable = useAction();

  const load = useCallback(() => {
    api<Status>('GET', '/api/auth/second-factor').then(
      (next) => {
        setStatus(next);
        setLoadError(null);
        if (next.enabled) secondFactorNotice.set(null);
      },
      (error: Error) => setLoadError(error.message),
    );
  }, []);
  useEffect(load, [load, user.id]);

  const changed = () => {
    load();
    onChanged?.();
  };
  const fields = (event: FormEvent<HTMLFormElement>, names: string[]): Record<string, string> | null => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '').trim()]));
    const errors = Object.fromEntries(
      names.map((name) => [name, values[name] ? null : t('secondFactor.missing')]),
    );
    setFieldErrors(errors);
    return names.every((name) => values[name]) ? values : null;
  };

  const onConfirm = (event: FormEvent<HTMLFormElement>) => {
    const values = fields(event, ['code']);
    if (values)
      void confirm.run(
        () => api<{ recoveryCodes: string[] }>('POST', '/api/auth/second-factor/confirm', values),
        (answer) => {
          setSetup(null);
          setCodes(answer.recoveryCodes);
          setNotice(t('secondFactor.enabled'));
          changed();
        },
      );
  };
  const onRegenerate = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const values = fields(event, ['code']);
    if (values)
      void regenerate.run(
        () => api<{ recoveryCodes: string[] }>('POST', '/api/auth/second-factor/recovery-codes', values),
        (answer) => {
          element.reset();
          setCodes(answer.recoveryCodes);
          changed();
        },
      );
  };
  const onDisable = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const values = fields(event, ['password', 'code']);
    if (values)
      void disable.run(
        () => api<null>('POST', '/api/auth/second-factor/disable', values),
        () => {
          element.reset();
          setNotice(t('secondFactor.disabled'));
          changed();
        },
      );
  };

  return (
    <section className="panel narrow sf" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('secondFactor.heading')}</h2>
      <p className="muted">{t('secondFactor.intro')}</p>
      {loadError ? (
        <p role="alert" className="error">
          {loadError}
        </p>
      ) : !status ? (
        <p role="status">{t('secondFactor.loading')}</p>
      ) : (
        <>
          <p className={status.enabled ? 'ok' : undefined}>
            <strong>
              {status.enabled
                ? t('secondFactor.on', { count: status.recoveryCodesLeft })
                : t('secondFactor.off')}
            </strong>
          </p>
          {status.required && !status.enabled ? (
            <p className="warning">{t('secondFactor.required')}</p>
          ) : null}
          {notice ? (
            <p role="status" className="ok">
              {notice}
            </p>
          ) : null}
          {codes ? <RecoveryCodes codes={codes} email={user.email} onDone={() => setCodes(null)} /> : null}

          {!status.enabled && !setup ? (
            <>
              {status.pending ? <p>{t('secondFactor.pending')}</p> : null}
              <button
                type="button"
                disabled={start.pending}
                onClick={() =>
                  void start.run(
                    () => api<Setup>('POST', '/api/auth/second-factor/setup'),
                    (next) => {
                      setNotice(null);
                      setSetup(next);
                    },
                  )
                }
              >
                {status.pending ? t('secondFactor.restart') : t('secondFactor.start')}
              </button>
              <ActionError error={start.error} />
            </>
          ) : null}

          {!status.enabled && setup ? (
            <div className="sf-setup">
              <p>{t('secondFactor.scan')}</p>
              <img
                className="sf-qr"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
                alt={t('secondFactor.qrAlt')}
                width={220}
                height={220}
              />
              <p id={`${id}-manual`}>{t('secondFactor.manual')}</p>
              <p>
                <code
                  className="sf-secret"
                  aria-label={t('secondFactor.secretLabel')}
                  data-secret={setup.secret}
                >
                  {setup.secret.match(/.{1,4}/g)!.join(' ')}
                </code>{' '}
                <button
                  type="button"
                  onClick={() => void navigator.clipboard?.writeText(setup.secret).catch(() => undefined)}
                >
                  {t('secondFactor.copySecret')}
                </button>
              </p>
              <form onSubmit={onConfirm} noValidate aria-label={t('secondFactor.confirm')}>
                <p>{t('secondFactor.confirmStep')}</p>
                <CodeField
                  label={t('secondFactor.code')}
                  hint={t('secondFactor.codeHint')}
                  error={fieldErrors.code ?? confirm.error}
                />
                <button type="submit" disabled={confirm.pending}>
                  {t('secondFactor.confirm')}
                </button>
              </form>
            </div>
          ) : null}

          {status.enabled && !codes ? (
            <>
              <form onSubmit={onRegenerate} noValidate aria-labelledby={`${id}-regen`}>
                <h3 id={`${id}-regen`}>{t('secondFactor.regenerateHeading')}</h3>
                <p className="muted">{t('secondFactor.regenerateIntro')}</p>
                <CodeField
                  label={t('secondFactor.codeOrRecovery')}
                  hint={t('secondFactor.codeOrRecoveryHint')}
                  error={fieldErrors.code ?? regenerate.error}
                  recoveryAllowed
                />
                <button type="submit" disabled={regenerate.pending}>
                  {t('secondFactor.regenerate')}
                </button>
              </form>
              <form onSubmit={onDisable} noValidate aria-labelledby={`${id}-off`}>
                <h3 id={`${id}-off`}>{t('secondFactor.disableHeading')}</h3>
                <p className="muted">{t('secondFactor.disableIntro')}</p>
                <input
                  type="email"
                  name="username"
                  autoComplete="username"
                  value={user.email}
                  readOnly
                  hidden
                />
                <label htmlFor={`${id}-pw`}>{t('secondFactor.password')}</label>
                <input
                  id={`${id}-pw`}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  aria-invalid={fieldErrors.password ? true : undefined}
                  aria-describedby={fieldErrors.password ? `${id}-pw-error` : undefined}
                />
                <ActionError error={fieldErrors.password ?? null} id={`${id}-pw-error`} />
                <CodeField
                  label={t('secondFactor.codeOrRecovery')}
                  hint={t('secondFactor.codeOrRecoveryHint')}
                  error={fieldErrors.code ?? disable.error}
                  recoveryAllowed
                />
                <button type="submit" disabled={disable.pending}>
                  {t('secondFactor.disable')}
                </button>
              </form>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
