import { join } from 'node:path';
import { admittedMotion, bearer, debate, openSession } from './support/assembly.js';
import {
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';
import { pdfText } from './support/pdf.js';

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** Lima is UTC-5 all year (no daylight saving): the expected text, computed without the app's code. */
function limaText(iso: string): string {
  const lima = new Date(Date.parse(iso) - 5 * 3600 * 1000);
  const hh = String(lima.getUTCHours()).padStart(2, '0');
  const mm = String(lima.getUTCMinutes()).padStart(2, '0');
  return `${lima.getUTCDate()} de ${MONTHS[lima.getUTCMonth()]} de ${lima.getUTCFullYear()}, ${hh}:${mm}`;
}
function utcText(iso: string): string {
  const at = new Date(iso);
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  return `${at.getUTCDate()} de ${MONTHS[at.getUTCMonth()]} de ${at.getUTCFullYear()}, ${hh}:${mm}`;
}

// The PDFs as fetched, for a person to look at (e.g. `pdftoppm -png` them).
const DOCUMENTS = 'test-results/documents';

// Words that would mean an untranslated label or a raw enum value made it into the document.
const ENGLISH =
  /\b(done|adopted|rejected|open|opened|closed|pending|deferred|in_debate|voting|yes|abstain|abstained|ordinary|extraordinary|moderator|deadline|null|undefined|NaN|Invalid|notVoted|point_of_order|absolute_present|absolute_members|two_thirds_cast|two_thirds_members|yes_plus_no|members|present)\b/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The text between two headings of the document. */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe('The acta and the resolution as a secretary signs them', () => {
  let api: TestApi;
  let moderator: TestUser;
  const names = {
    ana: 'Ana Chávez Huamán',
    beto: 'Beto Ñontol Ruiz',
    carla: 'Carla Díaz Vela',
    dora: 'Dora Pérez Quispe',
    elsa: 'Elsa Rojas Silva',
    fidel: 'Fidel Mendoza Torres',
    hugo: 'Hugo Castillo León',
    ines: 'Inés Castillo Vargas',
  };
  let d: Record<keyof typeof names, SeatedDelegate>;

  beforeAll(async () => {
    // Jobs run in the API process (the embedded default): the PDFs render on its PDF thread.
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0', REDIS_URL: '' });
    moderator = await userWithRoles(api, ['moderator']);
    await api.dataSource.query(`UPDATE users SET display_name = 'Rosa Quispe Chávez' WHERE id = $1`, [
      moderator.id,
    ]);
    d = {
      ana: await seatDelegate(api, { fullName: names.ana, constituencyCode: '0601' }), // Cajamarca
      beto: await seatDelegate(api, { fullName: names.beto, constituencyCode: '0601' }),
      carla: await seatDelegate(api, { fullName: names.carla, constituencyCode: '0603' }), // Celendín
      dora: await seatDelegate(api, { fullName: names.dora, constituencyCode: '0604' }), // Chota
      elsa: await seatDelegate(api, { fullName: names.elsa, constituencyCode: '0603' }), // absent
      fidel: await seatDelegate(api, { fullName: names.fidel, constituencyCode: '0608' }), // Jaén, absent
      hugo: await seatDelegate(api, { fullName: names.hugo, constituencyCode: '0602' }), // Cajabamba, away
      ines: await seatDelegate(api, { fullName: names.ines, constituencyCode: '0602' }), // his alternate
    };
    // As the secretariat records it: Inés is Hugo's alternate (an alternate holds no seat of her own).
    await api.dataSource.query(`UPDATE delegates SET alternate_of_id = $2 WHERE id = $1`, [
      d.ines.delegateId,
      d.hugo.delegateId,
    ]);
  });
  afterAll(() => api?.close());

  it('Lima times, Spanish words, absentees by province, «sin votar», signatures; no UUID', async () => {
    const sessionId = await openSession(api, moderator, 'Sesión de prueba del acta');
    for (const who of [d.ana, d.beto, d.carla, d.dora, d.ines])
      await api
        .http()
        .post(`/api/sessions/${sessionId}/attendance`)
        .set(bearer(who))
        .send({ present: true })
        .expect(200);
    const motion = await admittedMotion(api, d.ana, moderator, {
      title: 'Ambulancias para Celendín',
      institutionCodes: ['DIRESA'],
      complianceDeadline: '2027-03-31',
    });
    await debate(api, moderator, sessionId, motion.id);

    // One speech: asked for, given and ended.
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor`)
      .set(bearer(d.carla))
      .send({ stance: 'pro' })
      .expect(200);
    await api
      .http()
      .post(`/api/sessions/${sessionId}/floor/give`)
      .set(bearer(moderator))
      .send({})
      .expect(200);
    await api.http().post(`/api/sessions/${sessionId}/floor/end`).set(bearer(moderator)).expect(204);

    const vote = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(201);
    expect(vote.body.entitledCount).toBe(5);
    for (const [who, choice] of [
      [d.ana, 'yes'],
      [d.beto, 'yes'],
      [d.carla, 'no'],
      [d.ines, 'abstain'],
    ] as const)
      await api
        .http()
        .post(`/api/votes/${vote.body.id}/ballots`)
        .set(bearer(who))
        .send({ choice })
        .expect(200);
    // Dora is present and entitled, and does not vote.
    const closed = await api
      .http()
      .post(`/api/votes/${vote.body.id}/close`)
      .set(bearer(moderator))
      .expect(200);
    expect(closed.body.tally.counts).toEqual({ yes: 2, no: 1, abstain: 1, notVoted: 1 });
    const number: string = closed.body.resolutionNumber;
    expect(number).toMatch(/^RES-APR-\d{4}-\d{4}$/);
    await api.http().post(`/api/sessions/${sessionId}/close`).set(bearer(moderator)).expect(200);

    const session = (await api.http().get(`/api/sessions/${sessionId}`).expect(200)).body.session;
    const voteRead = (await api.http().get(`/api/votes/${vote.body.id}`).expect(200)).body;
    const minutes = await pdfText(api, `/api/sessions/${sessionId}/minutes.pdf`, {
      keepAs: join(DOCUMENTS, 'acta.pdf'),
    });

    // The session by its number of the year, never by its internal id.
    expect(session.number).toMatch(/^SES-\d{4}-\d{4}$/);
    expect(minutes).toContain(`Acta de la sesión ordinaria ${session.number}`);
    // Lima times of known events, computed here; never their UTC clock.
    expect(minutes).toContain(`Apertura: ${limaText(session.openedAt)}`);
    expect(minutes).toContain(`Cierre: ${limaText(session.closedAt)}`);
    expect(minutes).not.toContain(`Apertura: ${utcText(session.openedAt)}`);
    expect(minutes).toContain(`Se levantó la sesión el ${limaText(session.closedAt)}`);
    // On the session's Lima day a time prints as its clock time, otherwise with its date.
    const voteClosed = limaText(voteRead.closedAt);
    expect(minutes).toMatch(
      new RegExp(`a (${voteClosed}|${voteClosed.split(', ')[1]}); cerrada por la Mesa Directiva`),
    );
    expect(minutes).not.toMatch(/UTC(?!-5)/);

    // The session by kind, title and date; no internal id anywhere.
    expect(minutes).toContain('Acta de la sesión ordinaria');
    expect(minutes).toContain('Sesión de prueba del acta');
    expect(minutes).not.toMatch(UUID);
    expect(minutes).not.toContain(sessionId);
    expect(minutes.match(ENGLISH)).toBeNull();

    // Present and absent, by province.
    expect(minutes).toContain('Asistencia: 5 de 7 escaños ocupados (5 presentes, 2 ausentes)');
    const present = section(minutes, 'Presentes (5)', 'Ausentes (2)');
    expect(present).toContain(`Cajabamba (1): ${names.ines} (suplente de ${names.hugo}).`);
    expect(present).toContain(`Cajamarca (2): ${names.ana}, ${names.beto}.`);
    expect(present).toContain(`Celendín (1): ${names.carla}.`);
    expect(present).toContain(`Chota (1): ${names.dora}.`);
    const absent = section(minutes, 'Ausentes (2)', 'Orden del día');
    expect(absent).toContain(`Celendín (1): ${names.elsa}.`);
    expect(absent).toContain(`Jaén (1): ${names.fidel}.`);
    expect(absent).not.toContain(names.dora);
    expect(absent).not.toContain(names.hugo); // his alternate held his seat

    // The agenda and the speech in Spanish.
    expect(minutes).toContain(`1. ${motion.number} · Ambulancias para Celendín (moción aprobada): tratado.`);
    expect(section(minutes, 'Intervenciones', 'Votaciones')).toContain(`${names.carla} (a favor)`);

    // The vote: counts with «sin votar», the rule in words, the majority required, the outcome, the roll call.
    const votes = section(minutes, 'Votaciones', 'Resoluciones emitidas');
    expect(votes).toContain(`1. Votación de moción: ${motion.number} · Ambulancias para Celendín`);
    expect(votes).toContain('Votos: 2 a favor, 1 en contra, 1 abstención, 1 sin votar');
    expect(votes).toContain(
      'Regla: Mayoría simple (versión 1 de las reglas de cómputo): se aprueba si los votos a favor superan',
    );
    expect(votes).toContain('Mayoría requerida: 2 votos a favor (de 3 votos a favor y en contra)');
    expect(votes).toContain('Habilitados: 5 delegados (5 presentes de 7 miembros al abrir la votación)');
    expect(votes).toContain('Resultado: APROBADA');
    expect(votes).toContain(`Resolución: ${number}`);
    expect(votes).toContain(`Cajamarca A favor: ${names.ana}, ${names.beto}.`);
    expect(votes).toContain(`Celendín En contra: ${names.carla}.`);
    expect(votes).toContain(`Cajabamba Abstención: ${names.ines}.`);
    expect(votes).toContain(`Chota Sin votar: ${names.dora}.`);
    expect(votes).not.toContain(names.elsa); // absent, so not entitled
    expect(minutes).toContain(`${number} — Ambulancias para Celendín`);

    // The signature block, with the moderator who ran the session.
    const signatures = minutes.slice(minutes.lastIndexOf('Mesa Directiva'));
    expect(signatures).toContain('Presidente(a)');
    expect(signatures).toContain('Secretario(a)');
    expect(signatures).toContain('Moderador(a) de la sesión Rosa Quispe Chávez');
    expect(minutes).toContain('Mesa Directiva: Rosa Quispe Chávez');

    // The resolution, to the same standards.
    const resolutionJson = (await api.http().get(`/api/resolutions/${number}`).expect(200)).body;
    const issuedAt: string = resolutionJson.issuedAt ?? resolutionJson.document?.issuedAt;
    expect(typeof issuedAt).toBe('string');
    const resolution = await pdfText(api, `/api/resolutions/${number}.pdf`, {
      keepAs: join(DOCUMENTS, 'resolucion.pdf'),
    });
    expect(resolution).toContain(`Resolución ${number}`);
    expect(resolution).toContain(`Emitida el ${limaText(issuedAt)} (hora de Lima)`);
    expect(resolution).not.toContain(`Emitida el ${utcText(issuedAt)}`);
    expect(resolution).toContain(
      `Aprobada en la sesión ordinaria ${session.number} «Sesión de prueba del acta»`,
    );
    expect(resolution).toContain('DIRESA — ');
    expect(resolution).toContain('Plazo de cumplimiento: 31 de marzo de 2027');
    expect(resolution).toContain('Votos: 2 a favor, 1 en contra, 1 abstención, 1 sin votar');
    expect(resolution).toContain('Mayoría requerida: 2 votos a favor (de 3 votos a favor y en contra)');
    expect(resolution).toContain('Resultado: APROBADA');
    expect(resolution).toContain(`Chota Sin votar: ${names.dora}.`);
    expect(resolution).toContain('Presidente(a)');
    expect(resolution).toContain('Secretario(a)');
    expect(resolution).not.toMatch(UUID);
    expect(resolution.match(ENGLISH)).toBeNull();
  }, 90_000);
});
