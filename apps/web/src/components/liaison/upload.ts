import type { EvidenceFileView } from '#contracts';
import i18n from '../../i18n';
import { ApiError, auth } from '../../api';

/**
 * Sends one evidence file (multipart, field `file`) with upload progress, which fetch cannot report.
 * Resolves with the stored file (its SHA-256 names it); rejects with the API's coded error.
 */
export async function uploadEvidence(
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<EvidenceFileView> {
  const token = await auth.token();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/evidence');
    request.responseType = 'json';
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('accept-language', i18n.language);
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as (EvidenceFileView & { code?: string; message?: string }) | null;
      if (request.status >= 200 && request.status < 300 && body) return resolve(body);
      reject(
        new ApiError(request.status, body?.code ?? 'HTTP_ERROR', body?.message ?? i18n.t('errors.generic')),
      );
    };
    request.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    request.onabort = () => reject(new ApiError(0, 'ABORTED', i18n.t('errors.generic')));
    signal?.addEventListener('abort', () => request.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
