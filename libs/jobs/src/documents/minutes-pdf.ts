import type { VoteView } from '#contracts';
import { ballotTable, heading, keyValue, renderPdf, RULE_ES } from './pdf.js';

export interface MinutesData {
  session: {
    id: string;
    title: string;
    kind: string;
    place: string | null;
    openedAt: string | null;
    closedAt: string | null;
  };
  attendance: { name: string; constituency: string; present: boolean }[];
  agenda: { position: number; title: string; status: string }[];
  speeches: { name: string; stance: string; startedAt: string; endedAt: string | null }[];
  votes: VoteView[];
  resolutions: { number: string; title: string; digest: string }[];
}

const STANCE_ES: Record<string, string> = {
  pro: 'a favor',
  contra: 'en contra',
  point_of_order: 'cuestión de orden',
};
const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : '—');

/** The acta of a closed session: attendance, agenda, speeches, votes with every ballot, resolutions. */
export function minutesPdf(data: MinutesData): Promise<Buffer> {
  return renderPdf({ title: `Acta · ${data.session.title}`, subject: data.session.id }, (doc) => {
    doc.font('Helvetica').fontSize(9).text('Asamblea Popular Regional de Cajamarca', { align: 'center' });
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).text('Acta de sesión', { align: 'center' });
    doc.moveDown(0.3).fontSize(12).text(data.session.title, { align: 'center' });
    doc.moveDown(0.8).font('Helvetica').fontSize(10);
    keyValue(
      doc,
      'Sesión',
      `${data.session.kind === 'ordinary' ? 'ordinaria' : 'extraordinaria'} (${data.session.id})`,
    );
    keyValue(doc, 'Lugar', data.session.place ?? 'virtual');
    keyValue(doc, 'Apertura', time(data.session.openedAt));
    keyValue(doc, 'Cierre', time(data.session.closedAt));

    const present = data.attendance.filter((a) => a.present);
    heading(doc, `Asistencia (${present.length} presentes)`);
    for (const a of present) doc.fontSize(9).text(`${a.constituency} — ${a.name}`);

    heading(doc, 'Orden del día');
    for (const item of data.agenda) doc.text(`${item.position}. ${item.title} (${item.status})`);

    heading(doc, 'Intervenciones');
    if (data.speeches.length === 0) doc.text('Ninguna');
    for (const s of data.speeches)
      doc
        .fontSize(9)
        .text(`${time(s.startedAt)}–${time(s.endedAt)} · ${s.name} (${STANCE_ES[s.stance] ?? s.stance})`);

    heading(doc, 'Votaciones');
    if (data.votes.length === 0) doc.text('Ninguna');
    for (const vote of data.votes) {
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(vote.question);
      doc.font('Helvetica');
      keyValue(doc, 'Regla', `${RULE_ES[vote.rule]} (versión ${vote.ruleVersion})`);
      if (vote.tally) {
        const t = vote.tally;
        keyValue(
          doc,
          'Resultado',
          `${t.counts.yes} a favor, ${t.counts.no} en contra, ${t.counts.abstain} abstenciones: ${t.outcome === 'adopted' ? 'aprobada' : 'rechazada'}`,
        );
      }
      if (vote.ballots) ballotTable(doc, vote.ballots);
    }

    heading(doc, 'Resoluciones emitidas');
    if (data.resolutions.length === 0) doc.text('Ninguna');
    for (const r of data.resolutions) {
      doc.font('Helvetica').fontSize(10).text(`${r.number} — ${r.title}`);
      doc.font('Courier').fontSize(8).text(r.digest);
    }
  });
}
