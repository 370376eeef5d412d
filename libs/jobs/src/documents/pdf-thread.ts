import type { ResolutionDocument } from '#domain';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MinutesData } from './minutes-pdf.js';
import type { ResolutionContext } from './resolution-pdf.js';

export type PdfRequest =
  | {
      kind: 'resolution';
      document: ResolutionDocument;
      digest: string;
      objectiveTexts: ReadonlyMap<string, string>;
      context?: ResolutionContext;
    }
  | { kind: 'minutes'; data: MinutesData };

/**
 * Where the thread's code is: beside this file when it runs built; under ts-jest (sources), the built
 * copy that `npm test` makes first. Without either, documents render on the calling thread.
 */
function workerFile(): URL | null {
  const beside = new URL('./pdf-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL(beside.href.replace(/\/(libs\/jobs\/src\/documents\/)/, '/dist/$1'));
  return existsSync(fileURLToPath(built)) ? built : null;
}

interface Waiting {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Renders PDFs on a thread of their own. pdfkit is synchronous: a resolution's PDF held the API's event
 * loop ~200 ms right after the vote that issued it (embedded default: jobs run in the API; measured in a
 * CPU profile of `npm run bench -- ballots`), while the close's live events were still going out.
 * One thread, started on first use and kept (unreferenced, so it never keeps a process alive).
 */
export class PdfThread {
  private worker: Worker | null = null;
  private next = 0;
  private readonly waiting = new Map<number, Waiting>();

  render(request: PdfRequest): Promise<Buffer> {
    const worker = this.started();
    if (!worker) return renderHere(request);
    const id = ++this.next;
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker | null {
    if (this.worker) return this.worker;
    const file = workerFile();
    if (!file) return null;
    const worker = new Worker(file);
    worker.unref();
    worker.on('message', ({ id, bytes, error }: { id: number; bytes?: Uint8Array; error?: string }) => {
      const waiting = this.waiting.get(id);
      if (!waiting) return;
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      if (bytes) waiting.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      else waiting.reject(new Error(`PDF thread: ${error}`));
    });
    const fail = (error: Error) => {
      // A thread that died takes its requests with it; the next request starts a new one.
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PDF thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

async function renderHere(request: PdfRequest): Promise<Buffer> {
  if (request.kind === 'resolution') {
    const { resolutionPdf } = await import('./resolution-pdf.js');
    return resolutionPdf(request.document, request.digest, request.objectiveTexts, request.context);
  }
  const { minutesPdf } = await import('./minutes-pdf.js');
  return minutesPdf(request.data);
}

/** The process's PDF thread, shared by every document job. */
export const pdfThread = new PdfThread();
