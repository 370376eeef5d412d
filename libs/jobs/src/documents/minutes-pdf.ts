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
  type Pdf,
  type PrintedCheckpoint,
} from './pdf.js';
import type { MinutesElection } from './minutes-elections.js';

export type { MinutesElection };

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
  /** A secret question: no roll call; its ballots are published by tracker. */
  secret?: boolean;
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
  /** Elections with a round held in the session (absent: none). */
  elections?: MinutesElection[];
  /** Display names of the moderators who ran the session (opened, closed, led items, votes), first first. */
  moderators: string[];
  /** The first signed checkpoint covering the session's close in the record. */
  checkpoint?: PrintedCheckpoint;
}

/**
 * An election's rounds held in the session: figures, result by candidate, who was elected and why, and
 * who took part by name. Never a voter's choice: the ballots are public by tracker only.
 */
function electionBlock(
  doc: Pdf,
  election: MinutesElection,
  index: number,
  when: (iso: string) => string,
): void {
  subheading(doc, `${index + 1}. Elección: ${election.title}`);
  keyValue(
    doc,
    'Cargo',
    `${election.position}, ${plural(election.seats, 'puesto', 'puestos')}; periodo ${election.term}`,
  );
  for (const round of election.rounds) {
    if (round.heldElsewhere) {
      keyValue(doc, round.label, `en la sesión ${round.heldElsewhere} (véase su acta)`);
      continue;
    }
    ensureSpace(doc, 60);
    doc.moveDown(0.3).font(BOLD).fontSize(10).text(`${round.label} (votación secreta)`);
    keyValue(doc, 'Método', round.method);
    keyValue(
      doc,
      'Duración',
      round.closedAt
        ? `de ${when(round.openedAt)} a ${when(round.closedAt)}${round.closedBy ? `; cerrada ${CLOSED_BY_ES[round.closedBy]}` : ''}`
        : `abierta a las ${when(round.openedAt)}, sin cierre registrado`,
    );
    keyValue(
      doc,
      'Habilitados',
      `${plural(round.entitledCount, 'delegado', 'delegados')} (${round.presentAtOpening} presentes de ${round.seatedAtOpening} miembros al abrir la votación)`,
    );
    keyValue(
      doc,
      'Participación',
      `${round.participationCount} de ${round.entitledCount} habilitados votaron`,
    );
    if (round.ballots) keyValue(doc, 'Papeletas', round.ballots);
    if (round.threshold) keyValue(doc, 'Se requiere', round.threshold);
    if (round.candidates.length > 0) {
      ensureSpace(doc, 30);
      doc.moveDown(0.2).font(BOLD).fontSize(9.5).text('Resultado por candidatura');
      for (const c of round.candidates)
        doc
          .font(REGULAR)
          .fontSize(9.5)
          .text(
            `${c.name}${c.constituency ? ` (${c.constituency})` : ''}: ${c.result}${c.elected ? ` — ${c.elected}` : ''}.`,
            { indent: 14 },
          );
    } else keyValue(doc, 'Resultado', 'sin resultado registrado');
    for (const line of round.explanation) paragraph(doc, line, 9.5);
    if (round.lot) {
      paragraph(
        doc,
        'Sorteo: gana la clave más pequeña; cada clave es SHA-256 de la candidatura y la semilla.',
        9,
      );
      doc.font(MONO).fontSize(7.5).text(`Semilla ${round.lot.seed}`);
      for (const { name, key } of round.lot.keys) doc.font(MONO).fontSize(7.5).text(`${key}  ${name}`);
    }
    ensureSpace(doc, 40);
    doc.moveDown(0.2).font(BOLD).fontSize(9.5).text(`Votaron (${round.participants.length})`);
    delegatesByProvince(doc, round.participants, 'Nadie votó.');
    if (round.notParticipating.length > 0) {
      doc.moveDown(0.2).font(BOLD).fontSize(9.5).text(`No votaron (${round.notParticipating.length})`);
      delegatesByProvince(doc, round.notParticipating, '');
    }
    doc.moveDown(0.2);
    paragraph(
      doc,
      'Votación secreta: esta acta consigna quién votó, nunca qué votó cada persona. Las papeletas se publican en el registro público y en los datos abiertos de la Asamblea solo con su código de verificación, en orden de código; cada votante encuentra la suya con el código que guardó.',
      9,
    );
    if (round.ballotsHash)
      doc.font(MONO).fontSize(7.5).text(`Huella de las papeletas publicadas ${round.ballotsHash}`);
  }
  if (election.result) {
    doc.moveDown(0.2);
    keyValue(doc, 'Resultado de la elección', election.result);
  }
}

/** The acta of a closed session: attendance, agenda, speeches, votes with every ballot, elections, resolutions, signatures. */
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
        if (vote.secret)
          keyValue(
            doc,
            'Modalidad',
            'votación secreta: cada papeleta se publicó con su código de seguimiento, sin el nombre de quien votó',
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

      heading(doc, 'Elecciones');
      const elections = data.elections ?? [];
      if (elections.length === 0) paragraph(doc, 'Ninguna.');
      elections.forEach((election, index) => electionBlock(doc, election, index, when));

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
