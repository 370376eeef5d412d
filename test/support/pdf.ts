import { expect } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { extractText } from 'unpdf';
import type { TestApi } from './test-api.js';
import { eventually } from './webhook-receiver.js';

/** The raw bytes of a GET, whatever the content type. */
export function download(api: TestApi, path: string) {
  return api
    .http()
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/**
 * A served PDF's text, once the document is ready (PDFs are rendered off the event loop and answered
 * 202/404 until then). `collapse` folds runs of whitespace into one space, as the line breaks of a PDF
 * fall wherever the layout puts them; `keepAs` also writes the file, for a person to look at.
 */
export async function pdfText(
  api: TestApi,
  path: string,
  { collapse = true, keepAs, timeoutMs }: { collapse?: boolean; keepAs?: string; timeoutMs?: number } = {},
): Promise<string> {
  const response = await eventually(async () => {
    const r = await download(api, path);
    return r.status === 200 ? r : null;
  }, timeoutMs);
  expect(response.headers['content-type']).toBe('application/pdf');
  if (keepAs) {
    mkdirSync(dirname(keepAs), { recursive: true });
    writeFileSync(keepAs, response.body as Buffer);
  }
  const { text } = await extractText(new Uint8Array(response.body as Buffer), { mergePages: true });
  return collapse ? text.replace(/\s+/g, ' ') : text;
}
