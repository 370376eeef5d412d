// The PDF thread (see pdf-thread.ts): renders what the main thread asks and answers with the bytes.
import { parentPort } from 'node:worker_threads';
import { minutesPdf } from './minutes-pdf.js';
import { resolutionPdf } from './resolution-pdf.js';
import type { PdfRequest } from './pdf-thread.js';

parentPort!.on('message', ({ id, request }: { id: number; request: PdfRequest }) => {
  // A template that throws answers its request, rather than taking the thread down.
  const rendering = Promise.resolve().then(() =>
    request.kind === 'resolution'
      ? resolutionPdf(request.document, request.digest, request.objectiveTexts, request.context)
      : minutesPdf(request.data),
  );
  rendering.then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      parentPort!.postMessage({ id, bytes }, [bytes.buffer]);
    },
    (error: unknown) =>
      parentPort!.postMessage({ id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
