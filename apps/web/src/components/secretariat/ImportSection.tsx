import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordFormat } from '../../pages/Motion';
import { ActionError, useAction } from '../feedback';
import { printOnly } from './EnrolmentSlip';
import { sendCsv, type ImportPreview, type ImportResult, type RowProblem } from './types';

/**
 * The codes of the accounts an import created, shown once: a table on screen, one slip per person on
 * paper (each cut out and handed to its owner only).
 */
function ImportedCodes({ enrolments }: { enrolments: NonNullable<ImportResult['enrolments']> }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const id = useId();
  const box = useRef<HTMLElement>(null);
  const expiry = format.dateTime(enrolments[0]!.expiresAt);
  return (
    <section ref={box} className="sec-slip sec-codes" aria-labelledby={`${id}-h`} data-testid="import-codes">
      <h3 id={`${id}-h`} className="sec-no-print">
        {t('secretariat.enrolment.importHeading')}
      </h3>
      <p className="sec-no-print">{t('secretariat.enrolment.importIntro', { date: expiry })}</p>
      <div
        className="sec-scroll sec-screen-only"
        tabIndex={0}
        role="region"
        aria-label={t('secretariat.enrolment.importTable')}
      >
        <table className="sec-table sec-stack">
          <caption>{t('secretariat.enrolment.importTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('secretariat.accounts.name')}</th>
              <th scope="col">{t('secretariat.accounts.email')}</th>
              <th scope="col">{t('secretariat.enrolment.code')}</th>
              <th scope="col">{t('secretariat.enrolment.line')}</th>
            </tr>
          </thead>
          <tbody>
            {enrolments.map((row) => (
              <tr key={row.delegateId}>
                <th scope="row">{row.fullName}</th>
                <td data-label={t('secretariat.accounts.email')}>{row.email}</td>
                <td data-label={t('secretariat.enrolment.code')}>
                  <code>{row.code}</code>
                </td>
                <td data-label={t('secretariat.enrolment.line')}>{row.line}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="sec-print-only" aria-hidden="true">
        {enrolments.map((row) => (
          <div key={row.delegateId} className="sec-print-slip">
            <p>
              <strong>{row.fullName}</strong> · {row.email}
            </p>
            <p className="sec-slip-code">{row.code}</p>
            <p className="sec-slip-url">{row.url}</p>
            <p>{t('secretariat.enrolment.handOver', { date: format.dateTime(row.expiresAt) })}</p>
          </div>
        ))}
      </div>
      <p className="sec-no-print warning">{t('secretariat.enrolment.once')}</p>
      <p className="sec-no-print">
        <button type="button" onClick={() => printOnly(box.current)}>
          {t('secretariat.enrolment.printAll')}
        </button>
      </p>
    </section>
  );
}

/** The columns shown for each row, in the order of the file's documentation. */
const SHOWN = ['full_name', 'document_id', 'constituency', 'term_start', 'term_end', 'alternate_of', 'email'];

/**
 * The roster import in two steps: the file is checked first (nothing is written) and every problem is
 * shown against its row; the import button is enabled only when that check is clean.
 */
export function ImportSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const check = useAction();
  const importing = useAction();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [onlyBad, setOnlyBad] = useState(false);
  // Staff accounts in the file are seated (and so vote) only when the secretariat says so, here.
  const [confirmStaff, setConfirmStaff] = useState(false);
  const staffQuery = (confirm: boolean) => (confirm ? '?confirmStaffAccounts=true' : '');
  const summary = useRef<HTMLParagraphElement>(null);

  const runCheck = (text: string, confirm = confirmStaff) =>
    check.run(
      () => sendCsv<ImportPreview>(`/api/delegates/import/preview${staffQuery(confirm)}`, text),
      (answer) => {
        setPreview(answer);
        setChecked(text);
        // The person hears the outcome and lands on it.
        requestAnimationFrame(() => summary.current?.focus());
      },
    );

  // Messages come from the API in the reader's language: a new language asks for them again.
  const language = i18n.language;
  const lastLanguage = useRef(language);
  useEffect(() => {
    if (lastLanguage.current === language) return;
    lastLanguage.current = language;
    if (checked !== null) void runCheck(checked);
  }, [language]);

  const onFile = async (file: File | undefined) => {
    setResult(null);
    setPreview(null);
    setChecked(null);
    importing.clear();
    setFileName(file?.name ?? '');
    setConfirmStaff(false);
    setCsv(file ? await file.text() : null);
  };
  const submitCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (csv !== null) void runCheck(csv);
  };
  const runImport = () => {
    if (csv === null || checked !== csv || !preview?.valid) return;
    void importing.run(
      () => sendCsv<ImportResult>(`/api/delegates/import${staffQuery(confirmStaff)}`, csv),
      (answer) => {
        setResult(answer);
        setPreview(null);
        setChecked(null);
      },
    );
  };

  // Each problem stands against its row; those of no row (the header, an unreadable file) above the table.
  const { byLine, fileProblems } = useMemo(() => {
    const lines = new Set((preview?.rows ?? []).map((row) => row.line));
    const map = new Map<number, RowProblem[]>();
    const general: RowProblem[] = [];
    for (const error of preview?.errors ?? []) {
      if (lines.has(error.line)) map.set(error.line, [...(map.get(error.line) ?? []), error]);
      else general.push(error);
    }
    return { byLine: map, fileProblems: general };
  }, [preview]);
  const columns = preview
    ? [
        ...SHOWN.filter((c) => preview.columns.includes(c)),
        ...preview.columns.filter((c) => !SHOWN.includes(c)),
      ]
    : [];
  const rows = (preview?.rows ?? []).filter((row) => !onlyBad || byLine.has(row.line));
  const stale = csv !== null && checked !== null && checked !== csv;
  const ready = !!preview?.valid && !stale && csv !== null;

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('secretariat.import.heading')}</h2>
      <p className="muted">{t('secretariat.import.intro')}</p>
      <form onSubmit={submitCheck} className="sec-form">
        <label>
          {t('secretariat.import.file')}
          <input
            type="file"
            name="roster"
            accept=".csv,text/csv"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
        <p>
          <button type="submit" disabled={csv === null || check.pending}>
            {check.pending ? t('secretariat.import.checking') : t('secretariat.import.check')}
          </button>
        </p>
      </form>
      <ActionError error={check.error} />
      {stale ? <p className="warning">{t('secretariat.import.changed')}</p> : null}
      {preview ? (
        <div className="panel">
          <p
            ref={summary}
            tabIndex={-1}
            role="status"
            className={preview.valid ? 'ok' : 'error'}
            id={`${id}-summary`}
          >
            {fileName ? <strong>{fileName}: </strong> : null}
            {preview.valid
              ? t('secretariat.import.clean', { count: preview.wouldCreate })
              : t('secretariat.import.problems', { count: preview.errors.length })}
            {!preview.valid && byLine.size > 0
              ? ` (${t('secretariat.import.badRows', { count: byLine.size })})`
              : ''}
          </p>
          {preview.errors.some((error) => error.problem === 'email_staff') || confirmStaff ? (
            <label className="check">
              <input
                type="checkbox"
                checked={confirmStaff}
                onChange={(e) => {
                  setConfirmStaff(e.target.checked);
                  if (checked !== null) void runCheck(checked, e.target.checked);
                }}
              />
              {t('secretariat.import.confirmStaff')}
            </label>
          ) : null}
          {fileProblems.length > 0 ? (
            <>
              <h3>{t('secretariat.import.fileProblems')}</h3>
              <ul className="sec-errors">
                {fileProblems.map((error, index) => (
                  <li key={index}>
                    {error.column ? <code>{error.column}</code> : null}
                    {error.column ? ': ' : ''}
                    {error.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {preview.rows.length > 0 ? (
            <>
              {byLine.size > 0 ? (
                <label className="sec-inline">
                  <input type="checkbox" checked={onlyBad} onChange={(e) => setOnlyBad(e.target.checked)} />{' '}
                  {t('secretariat.import.onlyBad')}
                </label>
              ) : null}
              <div
                className="sec-scroll"
                tabIndex={0}
                role="region"
                aria-label={t('secretariat.import.table')}
              >
                <table className="sec-table sec-wide">
                  <caption>{t('secretariat.import.table')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('secretariat.import.line')}</th>
                      <th scope="col">{t('secretariat.import.errors')}</th>
                      {columns.map((c) => (
                        <th scope="col" key={c}>
                          <code>{c}</code>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const problems = byLine.get(row.line);
                      return (
                        <tr key={row.line} className={problems ? 'sec-bad' : undefined}>
                          <th scope="row">{row.line}</th>
                          <td className="sec-problems">
                            {problems ? (
                              <ul className="sec-errors">
                                {problems.map((p, index) => (
                                  <li key={index}>
                                    {p.column ? <code>{p.column}</code> : null}
                                    {p.column ? ': ' : ''}
                                    {p.message}
                                  </li>
                                ))}
                              </ul>
                            ) : (
                              <span className="ok">{t('secretariat.import.rowOk')}</span>
                            )}
                          </td>
                          {columns.map((c) => (
                            <td key={c}>{row.values[c] ?? ''}</td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </div>
      ) : null}
      <p>
        <button
          type="button"
          disabled={!ready || importing.pending}
          onClick={runImport}
          aria-describedby={`${id}-hint`}
        >
          {t('secretariat.import.import', { count: preview?.rows.length ?? 0 })}
        </button>{' '}
        <span id={`${id}-hint`} className="muted sec-hint">
          {t('secretariat.import.importHint')}
        </span>
      </p>
      <ActionError error={importing.error} />
      {result ? (
        <p role="status" className="banner">
          {t('secretariat.import.imported', { count: result.created })}{' '}
          {t('secretariat.import.accounts', { count: result.accountsLinkedOrCreated })}
          {result.staffAccountsSeated.length > 0
            ? ` ${t('secretariat.import.staffSeated', { emails: result.staffAccountsSeated.join(', ') })}`
            : ''}
        </p>
      ) : null}
      {result?.enrolments?.length ? <ImportedCodes enrolments={result.enrolments} /> : null}
    </section>
  );
}
