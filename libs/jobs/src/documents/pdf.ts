import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  byProvince,
  CHOICE_ES,
  delegateInWords,
  type NamedDelegate,
  rollCallByProvince,
} from './document-text.js';

export type Pdf = PDFKit.PDFDocument;

// DejaVu (the dejavu-fonts-ttf package, a dependency), embedded in every document: names and titles come
// from people, in Spanish, Quechua or any script (Ñuqanchik, Ωμέγα, Кириллица). PDF's standard fonts
// (Helvetica, Courier) are WinAnsi only and garble everything else. pdfkit embeds only the glyphs a
// document uses (a subset), with a ToUnicode map, so the text copies and searches as written.
export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';
/** Digests and other fixed-width text. */
export const MONO = 'DejaVuSansMono';
const FONT_FILES = {
  [REGULAR]: 'DejaVuSans.ttf',
  [BOLD]: 'DejaVuSans-Bold.ttf',
  [MONO]: 'DejaVuSansMono.ttf',
} as const;
const require = createRequire(import.meta.url);
let fontData: [name: string, data: Buffer][] | null = null;

/** The font files, read once per thread (the PDF thread's, see pdf-thread.ts). */
function fonts(): [name: string, data: Buffer][] {
  fontData ??= Object.entries(FONT_FILES).map(([name, file]) => [
    name,
    readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
  ]);
  return fontData;
}

/** Renders a PDF in memory (documents are a few pages; the database keeps them). */
export function renderPdf(
  info: { title: string; subject: string },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { Title: info.title, Subject: info.subject, Author: 'Asamblea Popular Regional de Cajamarca' },
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  doc.font(REGULAR);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  pageNumbers(doc, info.title);
  doc.end();
  return done;
}

/** «Página 1 de 3» and the document's title at the foot of every page. */
function pageNumbers(doc: Pdf, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor('#555555')
      .text(
        `${title} · Página ${i - range.start + 1} de ${range.count}`,
        doc.page.margins.left,
        doc.page.height - 36,
        {
          width: contentWidth(doc),
          align: 'center',
          lineBreak: false,
        },
      )
      .fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

export function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.8);
  ensureSpace(doc, 48); // never a heading alone at the foot of a page
  doc.x = doc.page.margins.left;
  doc.font(BOLD).fontSize(12).text(text).moveDown(0.3).font(REGULAR).fontSize(10);
}

export function subheading(doc: Pdf, text: string): void {
  doc.moveDown(0.5);
  ensureSpace(doc, 40);
  doc.x = doc.page.margins.left;
  doc.font(BOLD).fontSize(10.5).text(text).moveDown(0.15).font(REGULAR).fontSize(10);
}

export function keyValue(doc: Pdf, key: string, value: string, size = 10): void {
  doc.font(BOLD).fontSize(size).text(`${key}: `, { continued: true }).font(REGULAR).text(value);
}

export function paragraph(doc: Pdf, text: string, size = 10): void {
  doc.font(REGULAR).fontSize(size).text(text);
}

/** «Cajamarca (2): Ana Pérez, Luis Soto (suplente de Rosa Díaz).» One paragraph per province. */
export function delegatesByProvince(doc: Pdf, delegates: readonly NamedDelegate[], none: string): void {
  if (delegates.length === 0) {
    paragraph(doc, none, 9.5);
    return;
  }
  for (const { province, delegates: list } of byProvince(delegates)) {
    doc
      .moveDown(0.15)
      .font(BOLD)
      .fontSize(9.5)
      .text(`${province} (${list.length}): `, { continued: true })
      .font(REGULAR)
      .text(`${list.map(delegateInWords).join(', ')}.`);
  }
}

/** The roll call of a vote, by province: who voted what, and who was entitled and did not vote. */
export function rollCall(
  doc: Pdf,
  ballots: readonly {
    name: string;
    constituency: string;
    choice: keyof typeof CHOICE_ES;
    recordedBy?: { method: 'voice' | 'hands' | 'paper' } | null;
  }[],
  notVoted: readonly { name: string; constituency: string }[],
): void {
  const indent = 14;
  for (const group of rollCallByProvince(ballots, notVoted)) {
    ensureSpace(doc, 30);
    doc.moveDown(0.2).font(BOLD).fontSize(9).text(group.province, doc.page.margins.left);
    const lines: [string, string[]][] = [
      ['A favor', group.yes],
      ['En contra', group.no],
      ['Abstención', group.abstain],
      ['Sin votar', group.notVoted],
    ];
    for (const [label, names] of lines) {
      if (names.length === 0) continue;
      doc
        .font(BOLD)
        .fontSize(9)
        .text(`${label}: `, doc.page.margins.left + indent, undefined, {
          continued: true,
          width: contentWidth(doc) - indent,
        })
        .font(REGULAR)
        .text(`${names.join(', ')}.`);
    }
  }
  doc.x = doc.page.margins.left;
}

/**
 * Lines to sign on, two to a row: the office under each line and, when the record knows it, the name
 * under the office; a blank «Nombre:» line otherwise, for the signatory to write it. The closing
 * sentence before it (`lead`) and the whole block stay on one page.
 */
export function signatureBlock(
  doc: Pdf,
  block: { title: string; lead?: string; signatories: readonly { office: string; name: string | null }[] },
): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const rows = Math.ceil(block.signatories.length / 2);
  const aboveLine = 44; // room for the signature itself
  const rowHeight = aboveLine + 34;
  doc.moveDown(1);
  doc.font(REGULAR).fontSize(10);
  const leadHeight = block.lead ? doc.heightOfString(block.lead, { width }) + 12 : 0;
  ensureSpace(doc, leadHeight + 22 + rows * rowHeight);
  doc.x = left;
  if (block.lead) doc.font(REGULAR).fontSize(10).text(block.lead, left, undefined, { width }).moveDown(0.8);
  doc.font(BOLD).fontSize(11).text(block.title, left, undefined, { width, align: 'center' });
  const gap = 40;
  const columnWidth = (width - gap) / 2;
  let top = doc.y + aboveLine;
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < 2; column += 1) {
      const signatory = block.signatories[row * 2 + column];
      if (!signatory) continue;
      const x = left + column * (columnWidth + gap);
      doc
        .moveTo(x + 10, top)
        .lineTo(x + columnWidth - 10, top)
        .lineWidth(0.8)
        .stroke();
      doc
        .font(BOLD)
        .fontSize(9.5)
        .text(signatory.office, x, top + 5, { width: columnWidth, align: 'center' });
      doc
        .font(REGULAR)
        .fontSize(9)
        .text(signatory.name ?? 'Nombre: ______________________________', x, top + 19, {
          width: columnWidth,
          align: 'center',
        });
    }
    top += rowHeight;
  }
  doc.x = left;
  doc.y = top - aboveLine;
}

/** The signed checkpoint of the record that covers a document's own event, as printed on it. */
export interface PrintedCheckpoint {
  sequence: number;
  hash: string;
  time: string;
  keyId: string;
  /** The verification page at that checkpoint (what the QR code opens). */
  url: string;
}

/** The checkpoint line and a QR code of the verification page, drawn as vector squares (sharp at any size). */
export function checkpointBlock(doc: Pdf, checkpoint: PrintedCheckpoint, signedAt: string): void {
  const side = 84;
  doc.moveDown(0.8);
  ensureSpace(doc, side + 24);
  doc.x = doc.page.margins.left;
  const top = doc.y;
  const qr = QRCode.create(checkpoint.url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const cell = side / (size + 2);
  doc.save().fillColor('black');
  for (let row = 0; row < size; row += 1)
    for (let col = 0; col < size; col += 1)
      if (qr.modules.get(row, col))
        doc.rect(doc.x + (col + 1) * cell, top + (row + 1) * cell, cell, cell).fill();
  doc.restore();
  const left = doc.page.margins.left + side + 10;
  doc
    .font(BOLD)
    .fontSize(9)
    .text('Registro público', left, top, { width: contentWidth(doc) - side - 10 })
    .font(REGULAR)
    .fontSize(8.5)
    .text(
      `Punto de control N.º ${checkpoint.sequence}, huella ${checkpoint.hash}, firmado ${signedAt} (clave ${checkpoint.keyId})`,
      { width: contentWidth(doc) - side - 10 },
    )
    .moveDown(0.2)
    .text(`Verifique en ${checkpoint.url}`, { width: contentWidth(doc) - side - 10 });
  doc.x = doc.page.margins.left;
  doc.y = Math.max(doc.y, top + side);
}
