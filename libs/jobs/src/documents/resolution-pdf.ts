import type { ResolutionDocument } from '#domain';
import { ballotTable, heading, keyValue, renderPdf, RULE_ES } from './pdf.js';

/** The resolution as a printable document; its digest closes it so a reader can check it against the record. */
export function resolutionPdf(
  document: ResolutionDocument,
  digest: string,
  objectiveTexts: ReadonlyMap<string, string>,
): Promise<Buffer> {
  return renderPdf({ title: document.number, subject: document.title }, (doc) => {
    doc.font('Helvetica').fontSize(9).text('Asamblea Popular Regional de Cajamarca', { align: 'center' });
    doc
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(`Resolución ${document.number}`, { align: 'center' });
    doc
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(9)
      .text(`Emitida el ${document.issuedAt.slice(0, 10)} · vinculante`, {
        align: 'center',
      });
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(document.title);
    doc
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(9)
      .text(`Moción ${document.motion.number}, versión ${document.motion.version}`);
    doc.moveDown(0.6).font('Helvetica').fontSize(10).text(document.body, { align: 'justify' });

    heading(doc, 'Objetivos estratégicos del plan');
    for (const code of document.objectives) doc.text(`${code} — ${objectiveTexts.get(code) ?? ''}`);
    heading(doc, 'Instituciones obligadas');
    for (const institution of document.institutions) doc.text(`${institution.code} — ${institution.name}`);
    if (document.institutions.length === 0) doc.text('Ninguna');
    keyValue(doc, 'Plazo de cumplimiento', document.complianceDeadline ?? 'sin plazo');

    const { tally } = document.vote;
    heading(doc, 'Votación nominal');
    keyValue(doc, 'Regla', `${RULE_ES[document.vote.rule]} (versión ${document.vote.ruleVersion})`);
    keyValue(
      doc,
      'Resultado',
      `${tally.counts.yes} a favor, ${tally.counts.no} en contra, ${tally.counts.abstain} abstenciones, ` +
        `${tally.counts.notVoted} sin votar; se requerían ${tally.required}: ${tally.outcome === 'adopted' ? 'APROBADA' : 'RECHAZADA'}`,
    );
    keyValue(doc, 'Lista de habilitados (SHA-256)', document.vote.entitledListHash);
    doc.moveDown(0.4);
    ballotTable(
      doc,
      [...document.vote.ballots].sort(
        (a, b) => a.constituency.localeCompare(b.constituency, 'es') || a.name.localeCompare(b.name, 'es'),
      ),
    );

    heading(doc, 'Huella digital / Digest (SHA-256 del documento canónico)');
    doc.font('Courier').fontSize(8).text(digest);
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Verifique en /api/resolutions/${document.number}.json y /api/ledger/verify.`);
  });
}
