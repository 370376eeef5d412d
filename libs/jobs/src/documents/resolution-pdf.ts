import type { ResolutionDocument } from '#domain';
import {
  calendarDate,
  countsInWords,
  limaDate,
  limaDateTime,
  outcomeInWords,
  type PrintedTally,
  requiredInWords,
  ruleInWords,
  sessionKindEs,
  turnoutInWords,
} from './document-text.js';
import {
  BOLD,
  checkpointBlock,
  heading,
  keyValue,
  MONO,
  paragraph,
  REGULAR,
  renderPdf,
  rollCall,
  signatureBlock,
  type PrintedCheckpoint,
} from './pdf.js';

/** What the record knows around a resolution that its frozen document does not say. */
export interface ResolutionContext {
  /** The session that adopted it. */
  session: {
    number: string;
    title: string;
    kind: string;
    openedAt: string | null;
    scheduledAt: string;
  } | null;
  /** The reglamento version its vote was opened under, when the record has one. */
  rulesVersion: number | null;
  /** Entitled delegates who cast no ballot. */
  notVoted: { name: string; constituency: string }[];
  /** Adopted by a secret question: no roll call, its ballots are published by tracker. */
  secret?: boolean;
  /** The first signed checkpoint covering the resolution's record event. */
  checkpoint?: PrintedCheckpoint;
}

export const NO_RESOLUTION_CONTEXT: ResolutionContext = { session: null, rulesVersion: null, notVoted: [] };

/** The resolution as a printable document; its digest closes it so a reader can check it against the record. */
export function resolutionPdf(
  document: ResolutionDocument,
  digest: string,
  objectiveTexts: ReadonlyMap<string, string>,
  context: ResolutionContext = NO_RESOLUTION_CONTEXT,
): Promise<Buffer> {
  return renderPdf({ title: `Resolución ${document.number}`, subject: document.title }, (doc) => {
    doc.font(REGULAR).fontSize(9).text('Asamblea Popular Regional de Cajamarca', { align: 'center' });
    doc.moveDown(0.5).font(BOLD).fontSize(16).text(`Resolución ${document.number}`, { align: 'center' });
    doc
      .moveDown(0.3)
      .font(REGULAR)
      .fontSize(9)
      .text(`Emitida el ${limaDateTime(document.issuedAt)} (hora de Lima) · vinculante`, {
        align: 'center',
      });
    doc.moveDown(1).font(BOLD).fontSize(13).text(document.title);
    doc
      .moveDown(0.3)
      .font(REGULAR)
      .fontSize(9)
      .text(`Moción ${document.motion.number}, versión ${document.motion.version}`);
    if (context.session)
      doc.text(
        `Aprobada en la sesión ${sessionKindEs(context.session.kind)} ${context.session.number} «${context.session.title}» del ${limaDate(context.session.openedAt ?? context.session.scheduledAt)}.`,
      );
    doc.moveDown(0.6).font(REGULAR).fontSize(10).text(document.body, { align: 'justify' });

    heading(doc, 'Objetivos estratégicos del plan');
    for (const code of document.objectives) paragraph(doc, `${code} — ${objectiveTexts.get(code) ?? ''}`);
    heading(doc, 'Instituciones obligadas');
    for (const institution of document.institutions)
      paragraph(doc, `${institution.code} — ${institution.name}`);
    if (document.institutions.length === 0) paragraph(doc, 'Ninguna.');
    doc.moveDown(0.3);
    keyValue(
      doc,
      'Plazo de cumplimiento',
      document.complianceDeadline ? calendarDate(document.complianceDeadline) : 'sin plazo',
    );

    signatureBlock(doc, {
      title: 'Mesa Directiva',
      lead: `Dada en Cajamarca, el ${limaDate(document.issuedAt)}. Regístrese, comuníquese y cúmplase.`,
      signatories: [
        { office: 'Presidente(a)', name: null },
        { office: 'Secretario(a)', name: null },
      ],
    });

    const { vote } = document;
    const tally: PrintedTally = vote.tally;
    heading(doc, context.secret ? 'Votación secreta' : 'Votación nominal');
    keyValue(doc, 'Pregunta', vote.question);
    keyValue(doc, 'Regla', ruleInWords(vote.rule, vote.ruleVersion));
    if (context.rulesVersion !== null) keyValue(doc, 'Reglamento', `v.${context.rulesVersion}`);
    keyValue(doc, 'Votos', countsInWords(tally.counts));
    keyValue(doc, 'Mayoría requerida', requiredInWords(tally));
    if (tally.turnout) keyValue(doc, 'Participación', turnoutInWords(tally.turnout));
    keyValue(doc, 'Resultado', outcomeInWords(tally));
    keyValue(doc, 'Lista de habilitados (SHA-256)', vote.entitledListHash, 9);
    doc.moveDown(0.4);
    if (context.secret)
      keyValue(
        doc,
        'Papeletas',
        'publicadas con su código de seguimiento, sin el nombre de quien votó (datos abiertos y página de la votación)',
      );
    else rollCall(doc, vote.ballots, context.notVoted);

    heading(doc, 'Huella digital (SHA-256 del documento canónico)');
    doc.font(MONO).fontSize(8).text(digest);
    doc
      .font(REGULAR)
      .fontSize(8)
      .text(`Verifique en /api/resolutions/${document.number}.json y /api/ledger/verify.`);
    if (context.checkpoint)
      checkpointBlock(doc, context.checkpoint, `${limaDateTime(context.checkpoint.time)}, hora de Lima`);
  });
}
