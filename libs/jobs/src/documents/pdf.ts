import PDFDocument from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

/** Renders a PDF in memory (documents are a few pages; the database keeps them). */
export function renderPdf(
  info: { title: string; subject: string },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: info.title, Subject: info.subject, Author: 'Asamblea Popular Regional de Cajamarca' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

export function heading(doc: Pdf, text: string): void {
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(text)
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(10);
}

export function keyValue(doc: Pdf, key: string, value: string): void {
  doc.font('Helvetica-Bold').fontSize(10).text(`${key}: `, { continued: true }).font('Helvetica').text(value);
}

export const CHOICE_ES = { yes: 'A favor', no: 'En contra', abstain: 'Abstención' } as const;

export const RULE_ES = {
  simple: 'mayoría simple',
  absolute_present: 'mayoría absoluta de presentes',
  absolute_members: 'mayoría absoluta de miembros',
  two_thirds_cast: 'dos tercios de votos emitidos',
  two_thirds_members: 'dos tercios de miembros',
} as const;

/** Rows grouped under a bold province line, in the order given. */
export function ballotTable(
  doc: Pdf,
  ballots: readonly { name: string; constituency: string; choice: keyof typeof CHOICE_ES }[],
): void {
  let province: string | null = null;
  for (const ballot of ballots) {
    if (ballot.constituency !== province) {
      province = ballot.constituency;
      doc.moveDown(0.2).font('Helvetica-Bold').fontSize(9).text(province);
    }
    doc.font('Helvetica').fontSize(9).text(`    ${ballot.name} — ${CHOICE_ES[ballot.choice]}`);
  }
}
