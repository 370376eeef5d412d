/// <reference lib="webworker" />
import { chainHashInputs } from '#domain/ledger/hash-chain';
import { httpRecordReader } from '#domain/verification/http-record-source';
import { runWitness } from '#domain/verification/witness-run';
import { digestAhead, digestCounts, forgetDigests } from '#crypto/digest';
import { verifyAhead } from '#crypto/ed25519';
import type { VerifyMessage, VerifyRequest } from './protocol';

/*
 * The citizen's verifier: the very run of `npm run verify -- --witness` (libs/domain), in a Web Worker so
 * the page stays responsive. Every hash of the chain is computed by WebCrypto (digested ahead, page by
 * page), every signature checked by WebCrypto's Ed25519.
 */
const post = (message: VerifyMessage) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<VerifyRequest>) => {
  const request = event.data;
  const started = performance.now();
  digestCounts.webCrypto = 0;
  digestCounts.script = 0;
  const reader = httpRecordReader(request.base, async (response) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return { sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''), size: bytes.length };
  });
  const page = reader.source.ledgerPage;
  reader.source.ledgerPage = async (after) => {
    const answer = await page(after);
    forgetDigests();
    await digestAhead(answer.events.flatMap(chainHashInputs));
    return answer;
  };
  let expected = 0;
  const checkpoints = reader.checkpoints;
  reader.checkpoints = async () => {
    const all = await checkpoints();
    expected = all.at(-1)?.sequence ?? 0;
    return all;
  };
  const lines: string[] = [];
  try {
    let events = 0;
    const result = await runWitness({
      reader,
      state: request.state,
      receipt: request.receipt,
      fromCheckpoint: false,
      document: request.document,
      out: (line) => lines.push(line),
      progress: (checked, lastSequence) => {
        events = checked;
        post({ type: 'progress', checked, lastSequence, expected: Math.max(expected, lastSequence) });
      },
      signaturesAhead: verifyAhead,
    });
    const verdict = result.verdict ? { ...result.verdict, progress: undefined } : null;
    post({
      type: 'done',
      outcome: {
        ...result,
        verdict,
        lines,
        millis: Math.round(performance.now() - started),
        events,
        digests: { ...digestCounts },
      },
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    forgetDigests();
  }
};
