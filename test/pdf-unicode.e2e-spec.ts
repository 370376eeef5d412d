import type { ResolutionDocument } from '#domain';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import type { MinutesData } from '../libs/jobs/src/documents/minutes-pdf.js';
import { minutesPdf } from '../libs/jobs/src/documents/minutes-pdf.js';
import { PdfThread } from '../libs/jobs/src/documents/pdf-thread.js';
import { resolutionPdf } from '../libs/jobs/src/documents/resolution-pdf.js';

/**
 * Documents embed a Unicode font (DejaVu, from the dejavu-fonts-ttf dependency): names and titles in
 * Quechua, Greek or Cyrillic read back exactly as written, whether the PDF is drawn on the PDF thread
 * (the built pdf-worker.js, as in production) or on the calling thread. PDF's standard fonts (Helvetica,
 * WinAnsi only) turned these into mojibake.
 */
const WORDS = 'Ñuqanchik Ωμέγα Кириллица';
const DOCUMENTS = 'test-results/documents'; // for a person to look at (`pdftoppm -png`)

const minutes: MinutesData = {
  session: {
    number: 'SES-2026-0042',
    title: `Sesión de ${WORDS}`,
    kind: 'ordinary',
    place: 'Cajamarca',
    scheduledAt: '2026-12-02T15:00:00.000Z',
    openedAt: '2026-12-02T15:00:00.000Z',
    closedAt: '2026-12-02T18:00:00.000Z',
  },
  seated: 3,
  presentSeats: 2,
  present: [
    { name: 'Ñusta Quispe Ωμέγα', constituency: 'Cajamarca' },
    { name: 'Алексей Кириллица', constituency: 'Celendín' },
  ],
  absent: [{ name: 'José Ñahui', constituency: 'Cutervo' }],
  agenda: [{ position: 1, title: `Moción ${WORDS}`, status: 'done', motionNumber: null, motionStatus: null }],
  speeches: [],
  votes: [
    {
      kind: 'motion',
      question: `¿Se aprueba ${WORDS}?`,
      motionNumber: null,
      rule: 'simple',
      ruleVersion: 1,
      rulesVersion: null,
      openedAt: '2026-12-02T16:00:00.000Z',
      closedAt: '2026-12-02T16:10:00.000Z',
      closedBy: 'moderator',
      presentAtOpening: 2,
      seatedAtOpening: 3,
      entitledCount: 2,
      tally: {
        counts: { yes: 2, no: 0, abstain: 0, notVoted: 0 },
        base: { kind: 'yes_plus_no', size: 2 },
        required: 2,
        outcome: 'adopted',
      },
      ballots: [
        { name: 'Ñusta Quispe Ωμέγα', constituency: 'Cajamarca', choice: 'yes' },
        { name: 'Алексей Кириллица', constituency: 'Celendín', choice: 'yes' },
      ],
      notVoted: [],
      resolutionNumber: null,
    },
  ],
  resolutions: [],
  moderators: [`Moderadora ${WORDS}`],
};

const resolution: ResolutionDocument = {
  number: 'RES-APR-2026-0042',
  issuedAt: '2026-12-02T16:11:00.000Z',
  sessionId: '00000000-0000-4000-8000-000000000001',
  motion: { id: '00000000-0000-4000-8000-000000000002', number: 'MOC-2026-0042', version: 1 },
  title: `Resolución sobre ${WORDS}`,
  body: `La Asamblea resuelve: ${WORDS}. Allin kawsay, ¿cómo no?`,
  objectives: [],
  institutions: [{ id: '00000000-0000-4000-8000-000000000003', code: 'GORE', name: `Institución ${WORDS}` }],
  complianceDeadline: null,
  vote: {
    id: '00000000-0000-4000-8000-000000000004',
    question: `¿Se aprueba ${WORDS}?`,
    rule: 'simple',
    ruleVersion: 1,
    entitledListHash: 'a'.repeat(64),
    tally: {
      rule: 'simple',
      ruleVersion: 1,
      counts: { yes: 1, no: 0, abstain: 0, notVoted: 0 },
      base: { kind: 'yes_plus_no', size: 1 },
      required: 1,
      outcome: 'adopted',
    },
    ballots: [
      {
        delegateId: '00000000-0000-4000-8000-000000000005',
        name: 'Алексей Кириллица',
        constituency: 'Celendín',
        choice: 'yes',
      },
    ],
  },
};

async function text(pdf: Buffer, keep: string): Promise<string> {
  mkdirSync(DOCUMENTS, { recursive: true });
  writeFileSync(join(DOCUMENTS, keep), pdf);
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** The fonts a PDF names: embedded DejaVu subsets, none of the 14 standard (WinAnsi) fonts. */
function expectDejaVuOnly(pdf: Buffer): void {
  const raw = pdf.toString('latin1');
  const fonts = [...raw.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+-]+)/g)].map((m) => m[1]);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+DejaVuSans/);
  expect(raw).not.toMatch(/Helvetica|Courier|Times-Roman/);
  expect(raw).toContain('/FontFile2'); // the TrueType program itself is in the file
}

describe('PDFs in any script', () => {
  const thread = new PdfThread();
  afterAll(() => thread.close());

  it('the minutes, drawn on the PDF thread, read back with the Quechua, Greek and Cyrillic intact', async () => {
    const pdf = await thread.render({ kind: 'minutes', data: minutes });
    expectDejaVuOnly(pdf);
    const read = await text(pdf, 'unicode-minutes.pdf');
    expect(read).toContain(WORDS);
    expect(read).toContain(`Sesión de ${WORDS}`);
    expect(read).toContain(`¿Se aprueba ${WORDS}?`);
    expect(read).toContain('Ñusta Quispe Ωμέγα');
    expect(read).toContain('Алексей Кириллица');
    expect(read).toContain(`Moderadora ${WORDS}`);
    // Spanish punctuation and the acta's own words are unchanged.
    expect(read).toContain('«');
    expect(read).toContain('Página 1 de');
  });

  it('the resolution, drawn on this thread, reads back intact, its digest in the monospaced font', async () => {
    const digest = 'b'.repeat(64);
    const pdf = await resolutionPdf(resolution, digest, new Map());
    expectDejaVuOnly(pdf);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+DejaVuSansMono/);
    const read = await text(pdf, 'unicode-resolution.pdf');
    expect(read).toContain(`Resolución sobre ${WORDS}`);
    expect(read).toContain(`La Asamblea resuelve: ${WORDS}. Allin kawsay, ¿cómo no?`);
    expect(read).toContain(`GORE — Institución ${WORDS}`);
    expect(read).toContain('Алексей Кириллица');
    expect(read).toContain(digest);
  });

  it('the same minutes on either thread are the same document', async () => {
    const [here, there] = await Promise.all([
      minutesPdf(minutes),
      thread.render({ kind: 'minutes', data: minutes }),
    ]);
    expect(await text(here, 'unicode-minutes-here.pdf')).toBe(await text(there, 'unicode-minutes.pdf'));
  });
});
