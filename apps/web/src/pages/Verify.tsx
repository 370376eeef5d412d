import type { RecordVerdictView } from '#contracts';
import { emptyWitness, type WitnessFinding, type WitnessState } from '#domain/verification/witness';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { usePageTitle } from '../components/Layout';
import { addCatalogue } from '../i18n';
import { verifyEn } from '../locales/verify.en';
import { verifyEs } from '../locales/verify.es';
import type { VerifyMessage, VerifyOutcome, VerifyRequest } from '../verify/protocol';

addCatalogue(verifyEs, verifyEn);

const HEX64 = /^[0-9a-f]{64}$/;
const STORAGE_KEY = 'asamblea.witness';

/** The checkpoints this browser has seen, for this site (a witness, as `npm run verify -- --witness`). */
function keptWitness(): WitnessState {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const state = text ? (JSON.parse(text) as WitnessState) : null;
    if (state?.version === 1 && state.url === location.origin && Array.isArray(state.checkpoints))
      return state;
  } catch {
    // An unreadable entry is replaced by the next clean run.
  }
  return emptyWitness(location.origin);
}

function documentCheckpoint(params: URLSearchParams): { sequence: number; hash: string } | 'invalid' | null {
  const point = params.get('punto');
  const hash = params.get('huella')?.toLowerCase();
  if (point === null && hash === undefined) return null;
  const sequence = Number(point);
  if (!Number.isInteger(sequence) || sequence < 1 || !hash || !HEX64.test(hash)) return 'invalid';
  return { sequence, hash };
}

type Run =
  | { phase: 'running'; checked: number; expected: number }
  | { phase: 'done'; outcome: VerifyOutcome }
  | { phase: 'failed'; message: string };

export function Verify() {
  const { t } = useTranslation();
  usePageTitle(t('verify.heading'));
  const [params, setParams] = useSearchParams();
  const printed = documentCheckpoint(params);
  const [run, setRun] = useState<Run>({ phase: 'running', checked: 0, expected: 0 });
  const [receipt, setReceipt] = useState(params.get('recibo') ?? '');
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const [forgotten, setForgotten] = useState(false);
  const worker = useRef<Worker | null>(null);

  const start = useCallback(
    (lookUp: string | null) => {
      worker.current?.terminate();
      const next = new Worker(new URL('../verify/verifier.worker.ts', import.meta.url), { type: 'module' });
      worker.current = next;
      setRun({ phase: 'running', checked: 0, expected: 0 });
      next.onmessage = (event: MessageEvent<VerifyMessage>) => {
        const message = event.data;
        if (message.type === 'progress')
          setRun({ phase: 'running', checked: message.checked, expected: message.expected });
        else {
          next.terminate();
          if (message.type === 'failed') setRun({ phase: 'failed', message: message.message });
          else {
            if (message.outcome.state)
              localStorage.setItem(STORAGE_KEY, JSON.stringify(message.outcome.state));
            setRun({ phase: 'done', outcome: message.outcome });
          }
        }
      };
      next.onerror = (event) => setRun({ phase: 'failed', message: event.message || 'worker' });
      const request: VerifyRequest = {
        base: location.origin,
        state: keptWitness(),
        receipt: lookUp,
        document: printed && printed !== 'invalid' ? printed : null,
      };
      next.postMessage(request);
    },
    // The document's checkpoint is read from the address once, when the page opens.
    [],
  );

  useEffect(() => {
    const initial = params.get('recibo')?.toLowerCase() ?? null;
    start(initial && HEX64.test(initial) ? initial : null);
    return () => worker.current?.terminate();
  }, [start]);

  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    const value = receipt.trim().toLowerCase();
    if (!HEX64.test(value)) {
      setReceiptError(t('verify.receiptInvalid'));
      return;
    }
    setReceiptError(null);
    setParams((p) => {
      p.set('recibo', value);
      return p;
    });
    start(value);
  };

  const forget = () => {
    localStorage.removeItem(STORAGE_KEY);
    setForgotten(true);
  };

  const outcome = run.phase === 'done' ? run.outcome : null;
  return (
    <>
      <h1>{t('verify.heading')}</h1>
      <p>{t('verify.intro')}</p>

      <section aria-labelledby="verify-browser" className="card">
        <h2 id="verify-browser">{t('verify.browserHeading')}</h2>
        <div role="status" aria-live="polite">
          {run.phase === 'running' ? (
            <>
              <p>
                {run.expected
                  ? t('verify.progress', { checked: run.checked, expected: run.expected })
                  : t('verify.starting')}
              </p>
              <progress
                aria-label={t('verify.progressLabel')}
                max={run.expected || 1}
                value={run.expected ? run.checked : undefined}
              />
            </>
          ) : null}
          {run.phase === 'failed' ? (
            <p className="error">{t('verify.failed', { message: run.message })}</p>
          ) : null}
          {outcome ? <Outcome outcome={outcome} /> : null}
        </div>
        {run.phase !== 'running' ? (
          <p>
            <button type="button" onClick={() => start(null)}>
              {t('verify.again')}
            </button>{' '}
            <button type="button" className="secondary" onClick={forget}>
              {t('verify.forget')}
            </button>
          </p>
        ) : null}
        {forgotten ? <p role="status">{t('verify.forgotten')}</p> : null}
      </section>

      {printed ? (
        <section aria-labelledby="verify-document" className="card">
          <h2 id="verify-document">{t('verify.documentHeading')}</h2>
          {printed === 'invalid' ? (
            <p className="error">{t('verify.documentInvalid')}</p>
          ) : outcome?.document ? (
            outcome.document.matches ? (
              <p className="ok" data-testid="document-checkpoint">
                {t('verify.documentOk', { sequence: printed.sequence })}{' '}
                {outcome.document.signed ? t('verify.documentSigned') : null}
              </p>
            ) : (
              <p className="error" data-testid="document-checkpoint">
                {t('verify.finding.document', { sequence: printed.sequence })}
              </p>
            )
          ) : (
            <p className="muted">
              N.º {printed.sequence} · <code className="digest">{printed.hash}</code>
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="verify-receipt" className="card">
        <h2 id="verify-receipt">{t('verify.receiptHeading')}</h2>
        <p>{t('verify.receiptIntro')}</p>
        <form onSubmit={lookUp} noValidate>
          <label htmlFor="receipt">{t('verify.receiptLabel')}</label>
          <input
            id="receipt"
            name="receipt"
            value={receipt}
            onChange={(e) => setReceipt(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={receiptError ? true : undefined}
            aria-describedby={receiptError ? 'receipt-error' : undefined}
          />
          {receiptError ? (
            <p id="receipt-error" className="error">
              {receiptError}
            </p>
          ) : null}
          <button type="submit" disabled={run.phase === 'running'}>
            {t('verify.receiptRun')}
          </button>
        </form>
        {outcome && outcome.receipt !== undefined ? (
          <p className={outcome.receipt ? 'ok' : 'error'} data-testid="receipt-answer">
            {outcome.receipt
              ? t('verify.receiptFound', { what: outcome.receipt })
              : t('verify.receiptNotFound')}
          </p>
        ) : null}
      </section>

      <ServerVerdict />
      <p className="muted">{t('verify.cli', { url: location.origin })}</p>
    </>
  );
}

function Outcome({ outcome }: { outcome: VerifyOutcome }) {
  const { t } = useTranslation();
  const verdict = outcome.verdict;
  const findingText = (f: WitnessFinding) =>
    f.kind === 'signature' && f.sequence === 0
      ? t('verify.finding.keys')
      : t(`verify.finding.${f.kind}`, { sequence: f.sequence });
  const witnessFindings = outcome.findings.filter((f) => f.kind !== 'document');
  return (
    <>
      {verdict ? (
        verdict.ok ? (
          <>
            <p className="ok" data-testid="browser-verdict">
              {t('verify.ok')}
            </p>
            <dl className="counts" data-testid="browser-counts">
              {(
                [
                  ['events', verdict.checked],
                  ['votes', verdict.votes],
                  ['ballots', verdict.ballots],
                  ['resolutions', verdict.resolutions],
                  ['votesUnderRules', verdict.votesUnderRules],
                  ...Object.entries(verdict.served),
                ] as [string, number][]
              ).map(([key, count]) => (
                <div key={key}>
                  <dt>{t(`verify.count.${key}`)}</dt>
                  <dd>{count}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <div className="error" data-testid="browser-verdict">
            <p>
              {verdict.firstBroken
                ? t('verify.broken', {
                    sequence: verdict.firstBroken.sequence,
                    problem: verdict.firstBroken.problem,
                  })
                : verdict.firstProblem?.sequence
                  ? t('verify.discrepancyAt', { sequence: verdict.firstProblem.sequence })
                  : t('verify.discrepancy')}
            </p>
            {verdict.firstProblem ? (
              <p>
                {t('verify.detail')}: <code lang="en">{verdict.firstProblem.problem}</code>
              </p>
            ) : null}
          </div>
        )
      ) : null}
      {witnessFindings.length ? (
        <div className="error" data-testid="witness-alarm">
          <h3>{t('verify.alarm')}</h3>
          <ul>
            {witnessFindings.map((f) => (
              <li key={`${f.kind}-${f.sequence}`}>
                {findingText(f)}
                <br />
                <code lang="en">{f.line}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : outcome.state ? (
        <p data-testid="witness-status">
          {t('verify.witnessOk', {
            count: outcome.checkpoints,
            kept: outcome.state.checkpoints.length,
            added: outcome.added,
          })}
        </p>
      ) : (
        <p className="muted">{t('verify.witnessKeptNothing')}</p>
      )}
      <p
        className="muted"
        data-testid="browser-timing"
        data-millis={outcome.millis}
        data-events={outcome.events}
      >
        {t('verify.timing', {
          seconds: (outcome.millis / 1000).toFixed(1),
          webCrypto: outcome.digests.webCrypto,
          script: outcome.digests.script,
        })}
      </p>
    </>
  );
}

function ServerVerdict() {
  const { t } = useTranslation();
  const [verdict, setVerdict] = useState<RecordVerdictView | null>(null);
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState(false);
  const ask = () => {
    setRunning(true);
    setFailed(false);
    api<RecordVerdictView>('GET', '/api/ledger/verify')
      .then(setVerdict, () => setFailed(true))
      .finally(() => setRunning(false));
  };
  return (
    <section aria-labelledby="verify-server" className="card">
      <h2 id="verify-server">{t('verify.serverHeading')}</h2>
      <button type="button" onClick={ask} disabled={running}>
        {t('verify.serverRun')}
      </button>
      <div role="status">
        {failed ? <p className="error">{t('errors.network')}</p> : null}
        {verdict ? (
          verdict.ok ? (
            <p className="ok" data-testid="server-verdict">
              {t('verify.serverOk', { checked: verdict.checked })}
            </p>
          ) : (
            <p className="error" data-testid="server-verdict">
              {t('verify.serverBroken')} {t('verify.detail')}:{' '}
              <code lang="en">{verdict.firstProblem?.problem}</code>
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}

export default Verify;
