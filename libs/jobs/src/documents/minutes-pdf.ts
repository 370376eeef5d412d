import {
  agendaStatusEs,
  CLOSED_BY_ES,
  countsInWords,
  type CountingRuleName,
  limaDate,
  limaDateTime,
  limaTime,
  motionStatusEs,
  type NamedDelegate,
  outcomeInWords,
  plural,
  type PrintedTally,
  requiredInWords,
  ruleInWords,
  sessionKindEs,
  turnoutInWords,
  stanceEs,
  voteKindEs,
} from './document-text.js';
import {
  BOLD,
  checkpointBlock,
  delegatesByProvince,
  ensureSpace,
  heading,
  keyValue,
  MONO,
  paragraph,
  REGULAR,
  renderPdf,
  rollCall,
  signatureBlock,
  subheading,
  type PrintedCheckpoint,
} from './pdf.js';

/** A vote as the acta prints it (no internal ids: numbers, names, times). */
export interface MinutesVote {
  kind: string;
  question: string;
  motionNumber: string | null;
  rule: CountingRuleName;
  ruleVersion: number;
  /** The reglamento version the vote was opened under, when the record has one. */
  rulesVersion: number | null;
  openedAt: string;
  closedAt: string | null;
  closedBy: 'moderator' | 'deadline' | null;
  presentAtOpening: number;
  seatedAtOpening: number;
  entitledCount: number;
  tally: PrintedTally | null;
  /** `recordedBy`: the Mesa recorded the ballot for the delegate (marked in the roll call). */
  ballots:
    | {
        name: string;
        constituency: string;
        choice: 'yes' | 'no' | 'abstain';
        recordedBy?: { method: 'voice' | 'hands' | 'paper' } | null;
      }[]
    | null;
  /** Entitled delegates who cast no ballot. */
  notVoted: { name: string; constituency: string }[];
  resolutionNumber: string | null;
}

export interface MinutesData {
  session: {
    /** SES-<year>-<n>. */
    number: string;
    title: string;
    kind: string;
    place: string | null;
    scheduledAt: string;
    openedAt: string | null;
    closedAt: string | null;
  };
  /** Seats of the assembly on the session's day, and how many had someone present. */
  seated: number;
  presentSeats: number;
  present: NamedDelegate[];
  absent: NamedDelegate[];
  agenda: {
    position: number;
    title: string;
    status: string;
    motionNumber: string | null;
    motionStatus: string | null;
  }[];
  speeches: { name: string; stance: string; startedAt: string; endedAt: string | null }[];
  votes: MinutesVote[];
  resolutions: { number: string; title: string; digest: string }[];
  /** Display names of the moderators who ran the session (opened, closed, led items, votes), first first. */
  moderators: string[];
  /** The first signed checkpoint covering the session's close in the record. */
  checkpoint?: PrintedCheckpoint;
}

/** The acta of a closed session: attendance, agenda, speeches, votes with every ballot, resolutions, signatures. */
export function minutesPdf(data: MinutesData): Promise<Buffer> {
  const { session } = data;
  const kind = sessionKindEs(session.kind);
  const day = limaDate(session.openedAt ?? session.scheduledAt);
  // Times on the session's own day print as clock times; anything else with its date.
  const when = (iso: string) => (limaDate(iso) === day ? limaTime(iso) : limaDateTime(iso));
  return renderPdf(
    { title: `Acta de la sesión ${kind} ${session.number} del ${day}`, subject: session.title },
    (doc) => {
      doc.font(REGULAR).fontSize(9).text('Asamblea Popular Regional de Cajamarca', { align: 'center' });
      doc
        .moveDown(0.5)
        .font(BOLD)
        .fontSize(16)
        .text(`Acta de la sesión ${kind} ${session.number}`, { align: 'center' });
      doc.moveDown(0.3).fontSize(12).text(session.title, { align: 'center' });
      doc
        .moveDown(0.2)
        .font(REGULAR)
        .fontSize(10)
        .text(`${session.place ?? 'Sesión virtual'}, ${day}`, { align: 'center' });
      doc.moveDown(0.8);
      keyValue(doc, 'Sesión', `${session.number}, ${kind}, «${session.title}»`);
      keyValue(doc, 'Convocada para', limaDateTime(session.scheduledAt));
      keyValue(doc, 'Lugar', session.place ?? 'virtual');
      keyValue(doc, 'Apertura', limaDateTime(session.openedAt));
      keyValue(doc, 'Cierre', limaDateTime(session.closedAt));
      keyValue(
        doc,
        'Asistencia',
        `${data.presentSeats} de ${plural(data.seated, 'escaño ocupado', 'escaños ocupados')} (${data.present.length} presentes, ${data.absent.length} ausentes)`,
      );
      if (data.moderators.length > 0) keyValue(doc, 'Mesa Directiva', data.moderators.join(', '));
      doc.moveDown(0.3);
      paragraph(doc, 'Todas las horas de esta acta son de Lima (UTC-5).', 8.5);

      heading(doc, 'Lista de asistencia');
      subheading(doc, `Presentes (${data.present.length})`);
      delegatesByProvince(doc, data.present, 'Nadie registró su asistencia.');
      subheading(doc, `Ausentes (${data.absent.length})`);
      delegatesByProvince(doc, data.absent, 'Ninguno: todos los escaños estuvieron ocupados.');

      heading(doc, 'Orden del día');
      if (data.agenda.length === 0) paragraph(doc, 'Sin puntos.');
      for (const item of data.agenda) {
        // Agenda titles of motions already start with their number.
        const status = item.motionStatus ? motionStatusEs(item.motionStatus) : null;
        const named = item.motionNumber !== null && !item.title.includes(item.motionNumber);
        const motion = !item.motionNumber
          ? ''
          : named
            ? ` (moción ${item.motionNumber}${status ? `, ${status}` : ''})`
            : ` (moción${status ? ` ${status}` : ''})`;
        paragraph(doc, `${item.position}. ${item.title}${motion}: ${agendaStatusEs(item.status)}.`);
      }

      heading(doc, 'Intervenciones');
      if (data.speeches.length === 0) paragraph(doc, 'Ninguna.');
      for (const s of data.speeches)
        paragraph(
          doc,
          `${s.endedAt ? `${when(s.startedAt)} a ${when(s.endedAt)}` : `${when(s.startedAt)} (sin fin registrado)`} · ${s.name} (${stanceEs(s.stance)})`,
          9.5,
        );

      heading(doc, 'Votaciones');
      if (data.votes.length === 0) paragraph(doc, 'Ninguna.');
      data.votes.forEach((vote, index) => {
        const motion =
          vote.motionNumber && !vote.question.includes(vote.motionNumber) ? ` ${vote.motionNumber}` : '';
        subheading(doc, `${index + 1}. ${voteKindEs(vote.kind)}${motion}: ${vote.question}`);
        keyValue(
          doc,
          'Duración',
          vote.closedAt
            ? `de ${when(vote.openedAt)} a ${when(vote.closedAt)}${vote.closedBy ? `; cerrada ${CLOSED_BY_ES[vote.closedBy]}` : ''}`
            : `abierta a las ${when(vote.openedAt)}, sin cierre registrado`,
        );
        keyValue(doc, 'Regla', ruleInWords(vote.rule, vote.ruleVersion));
        if (vote.rulesVersion !== null) keyValue(doc, 'Reglamento', `v.${vote.rulesVersion}`);
        keyValue(
          doc,
          'Habilitados',
          `${plural(vote.entitledCount, 'delegado', 'delegados')} (${vote.presentAtOpening} presentes de ${vote.seatedAtOpening} miembros al abrir la votación)`,
        );
        if (vote.tally) {
          keyValue(doc, 'Votos', countsInWords(vote.tally.counts));
          keyValue(doc, 'Mayoría requerida', requiredInWords(vote.tally));
          if (vote.tally.turnout) keyValue(doc, 'Participación', turnoutInWords(vote.tally.turnout));
          keyValue(doc, 'Resultado', outcomeInWords(vote.tally));
        } else keyValue(doc, 'Resultado', 'sin resultado registrado');
        if (vote.resolutionNumber) keyValue(doc, 'Resolución', vote.resolutionNumber);
        if (vote.ballots) {
          ensureSpace(doc, 40);
          doc.moveDown(0.2).font(BOLD).fontSize(9.5).text('Votación nominal');
          rollCall(doc, vote.ballots, vote.notVoted);
        }
      });

      heading(doc, 'Resoluciones emitidas');
      if (data.resolutions.length === 0) paragraph(doc, 'Ninguna.');
      for (const r of data.resolutions) {
        doc.font(REGULAR).fontSize(10).text(`${r.number} — ${r.title}`);
        doc.font(MONO).fontSize(8).text(`SHA-256 ${r.digest}`);
      }

      signatureBlock(doc, {
        title: 'Mesa Directiva',
        lead: session.closedAt
          ? `Se levantó la sesión el ${limaDateTime(session.closedAt)}. Firman la presente acta, en señal de conformidad, los miembros de la Mesa Directiva.`
          : 'La sesión no registra su cierre. Firman la presente acta los miembros de la Mesa Directiva.',
        signatories: [
          { office: 'Presidente(a)', name: null },
          { office: 'Secretario(a)', name: null },
          // No Mesa positions in the record yet: those who ran the session sign as its moderators.
          ...data.moderators.map((name) => ({ office: 'Moderador(a) de la sesión', name })),
        ],
      });
      if (data.checkpoint)
        checkpointBlock(doc, data.checkpoint, `${limaDateTime(data.checkpoint.time)}, hora de Lima`);
    },
  );
}
