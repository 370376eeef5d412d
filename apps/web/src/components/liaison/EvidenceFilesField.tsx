import type { EvidenceFileView, EvidenceLimitsView } from '#contracts';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../feedback';
import { Digest, useFormatSize } from './EvidenceFiles';
import { uploadEvidence } from './upload';

interface Item {
  key: number;
  name: string;
  state: 'uploading' | 'done' | 'failed';
  percent: number;
  stored?: EvidenceFileView;
  error?: string;
}

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp';

/**
 * The evidence files of a report: each file is uploaded as soon as it is chosen, with its own progress bar
 * and, when the server refuses it (type read from its bytes, size), its own error right there; the report
 * cites the uploaded ones by digest. `onChange` gets the digests and whether an upload is still running.
 */
export function EvidenceFilesField({
  limits,
  onChange,
  resetKey,
}: {
  limits: EvidenceLimitsView;
  onChange: (digests: string[], busy: boolean) => void;
  /** A new value empties the field (after a report is published). */
  resetKey: unknown;
}) {
  const { t } = useTranslation();
  const formatSize = useFormatSize();
  const [items, setItems] = useState<Item[]>([]);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const next = useRef(0);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  useEffect(() => setItems([]), [resetKey]);
  useEffect(() => {
    const digests = items.flatMap((item) =>
      item.state === 'done' && item.stored ? [item.stored.sha256] : [],
    );
    onChange(
      [...new Set(digests)],
      items.some((item) => item.state === 'uploading'),
    );
  }, [items, onChange]);

  const update = (key: number, change: Partial<Item>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    setFieldError(null);
    const kept = items.filter((item) => item.state !== 'failed').length;
    if (kept + chosen.length > limits.maxFiles) {
      setFieldError(t('liaison.tooManyFiles', { max: limits.maxFiles }));
      return;
    }
    const added: Item[] = [];
    for (const file of chosen) {
      next.current += 1;
      const key = next.current;
      if (file.size > limits.maxFileBytes) {
        added.push({
          key,
          name: file.name,
          state: 'failed',
          percent: 0,
          error: t('liaison.tooLarge', {
            name: file.name,
            size: formatSize(file.size),
            max: formatSize(limits.maxFileBytes),
          }),
        });
        continue;
      }
      added.push({ key, name: file.name, state: 'uploading', percent: 0 });
      uploadEvidence(file, (fraction) => update(key, { percent: Math.round(fraction * 100) })).then(
        (stored) => update(key, { state: 'done', percent: 100, stored }),
        (error: unknown) =>
          update(key, {
            state: 'failed',
            error: t('liaison.uploadFailed', { name: file.name, message: errorText(error, t) }),
          }),
      );
    }
    setItems((current) => [...current.filter((item) => item.state !== 'failed'), ...added]);
  };

  return (
    <div className="field">
      <label htmlFor={inputId}>{t('liaison.filesLabel')}</label>
      <p id={hintId} className="muted lc-hint">
        {t('liaison.filesHint', { size: formatSize(limits.maxFileBytes), max: limits.maxFiles })}
      </p>
      <input
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT}
        onChange={choose}
        aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}
        aria-invalid={fieldError || items.some((i) => i.state === 'failed') ? true : undefined}
      />
      {fieldError ? (
        <p role="alert" className="error" id={errorId}>
          {fieldError}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul className="lc-uploads">
          {items.map((item) => (
            <li key={item.key} data-state={item.state}>
              {item.state === 'uploading' ? (
                <>
                  <span role="status">
                    {t('liaison.uploading', { name: item.name, percent: item.percent })}
                  </span>
                  <progress
                    max={100}
                    value={item.percent}
                    aria-label={t('liaison.uploading', { name: item.name, percent: item.percent })}
                  />
                </>
              ) : item.state === 'done' && item.stored ? (
                <>
                  <span role="status" className="ok">
                    {t('liaison.uploaded', { name: item.stored.fileName })}
                  </span>{' '}
                  <span className="muted">({formatSize(item.stored.size)})</span>
                  <br />
                  <Digest
                    value={item.stored.sha256}
                    label={t('evidence.digestOf', { name: item.stored.fileName })}
                  />
                </>
              ) : (
                <p role="alert" className="error">
                  {item.error}
                </p>
              )}
              {item.state !== 'uploading' ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => setItems((current) => current.filter((other) => other.key !== item.key))}
                >
                  {t('liaison.removeFile', { name: item.stored?.fileName ?? item.name })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
