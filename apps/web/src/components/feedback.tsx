import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api';

/**
 * Messages of SECOND_FACTOR_SETUP_REQUIRED seen so far: wherever such a message is shown, the way to
 * turn the second factor on (/cuenta) is shown with it, without every console handling the code.
 */
const needsSecondFactor = new Set<string>();

/** The message a person reads for a failed action, in the page's language. */
export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError && error.code === 'SECOND_FACTOR_SETUP_REQUIRED')
    needsSecondFactor.add(error.message);
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.generic');
}

export interface Action {
  /** Runs the work unless this action is already in flight (a double click does it once). */
  run: <T>(work: () => Promise<T>, onDone?: (result: T) => void) => Promise<T | undefined>;
  pending: boolean;
  error: string | null;
  clear: () => void;
}

/**
 * One control's request: disabled while in flight, its error shown beside it. The ref, not the state,
 * guards against a second click in the same frame.
 */
export function useAction(): Action {
  const { t } = useTranslation();
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(work: () => Promise<T>, onDone?: (result: T) => void): Promise<T | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(true);
      setError(null);
      try {
        const result = await work();
        onDone?.(result);
        return result;
      } catch (e) {
        setError(errorText(e, t));
        return undefined;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [t],
  );
  return { run, pending, error, clear: useCallback(() => setError(null), []) };
}

/** An action's error, right where the action is (announced to screen readers). */
export function ActionError({ error, id }: { error: string | null; id?: string }) {
  return error ? (
    <p role="alert" className="error" id={id}>
      {error}
      {needsSecondFactor.has(error) ? <SecondFactorLink /> : null}
    </p>
  ) : null;
}

function SecondFactorLink() {
  const { t } = useTranslation();
  return (
    <>
      {' '}
      <Link to="/cuenta">{t('loginCode.setUpLink')}</Link>
    </>
  );
}

/** A confirmation for what cannot be undone: the person confirms or cancels in place. */
export function Confirm({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
  pending,
  children,
}: {
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div role="alertdialog" aria-label={question} className="confirm">
      <p>{question}</p>
      {children}
      <button type="button" autoFocus disabled={pending} onClick={onConfirm}>
        {confirmLabel}
      </button>{' '}
      <button type="button" disabled={pending} onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
