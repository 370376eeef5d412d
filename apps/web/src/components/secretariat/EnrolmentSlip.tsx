import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordFormat } from '../../pages/Motion';
import type { IssuedEnrolment } from './types';

/**
 * Prints only `element`: a copy of it goes into a slot at the top of the body, and on paper the slot is all
 * there is (secretariat.css), so a list of codes flows over as many pages as it needs and nothing else
 * of the console is printed. The slot goes away once printing ends.
 */
export function printOnly(element: HTMLElement | null): void {
  if (!element) return;
  document.getElementById(PRINT_SLOT)?.remove();
  const slot = document.createElement('div');
  slot.id = PRINT_SLOT;
  slot.append(element.cloneNode(true));
  document.body.append(slot);
  document.body.classList.add('sec-printing');
  window.addEventListener(
    'afterprint',
    () => {
      document.body.classList.remove('sec-printing');
      slot.remove();
    },
    { once: true },
  );
  window.print();
}

const PRINT_SLOT = 'sec-print-slot';

/** Copies the text to the clipboard; resolves whether it worked (a plain-http LAN page cannot). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one-time code of one account, shown once right after it was issued: big, with its link, its
 * expiry and what to tell the person; copy the link or print just this slip.
 */
export function EnrolmentSlip({
  enrolment,
  name,
  email,
  onClose,
  extra,
}: {
  enrolment: IssuedEnrolment;
  name: string;
  email?: string | null;
  onClose: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const slip = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    heading.current?.focus();
    setCopied(null);
  }, [enrolment.code]);
  return (
    <section ref={slip} className="sec-slip" aria-labelledby={`${id}-h`} data-testid="enrolment-slip">
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t(
          enrolment.purpose === 'reset'
            ? 'secretariat.enrolment.headingReset'
            : 'secretariat.enrolment.heading',
          {
            name,
          },
        )}
      </h3>
      {email ? <p className="sec-slip-email">{email}</p> : null}
      <p className="sec-slip-label">{t('secretariat.enrolment.code')}</p>
      <p className="sec-slip-code" data-testid="enrolment-code">
        {enrolment.code}
      </p>
      <p className="sec-slip-label">{t('secretariat.enrolment.link')}</p>
      <p className="sec-slip-url">
        <a href={enrolment.url} data-testid="enrolment-url">
          {enrolment.url}
        </a>
      </p>
      <p>
        <strong>{t('secretariat.enrolment.handOver', { date: format.dateTime(enrolment.expiresAt) })}</strong>
      </p>
      <p className="muted">{t('secretariat.enrolment.where')}</p>
      {extra}
      <p className="sec-no-print warning">{t('secretariat.enrolment.once')}</p>
      <div className="sec-row-actions sec-no-print">
        <button type="button" onClick={() => void copyText(enrolment.url).then((ok) => setCopied(ok))}>
          {t('secretariat.enrolment.copy')}
        </button>
        <button type="button" onClick={() => printOnly(slip.current)}>
          {t('secretariat.enrolment.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('secretariat.enrolment.close')}
        </button>
      </div>
      <p role="status" className={`sec-no-print ${copied === false ? 'error' : 'ok'}`}>
        {copied === null
          ? ''
          : copied
            ? t('secretariat.enrolment.copied')
            : t('secretariat.enrolment.copyFailed')}
      </p>
    </section>
  );
}
