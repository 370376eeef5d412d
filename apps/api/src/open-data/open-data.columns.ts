/**
 * The open datasets and their columns: the one definition that the CSV header, the JSON rows, the
 * catalogue (`GET /api/open-data`) and the dump's README are all generated from.
 */

export interface Bilingual {
  es: string;
  en: string;
}

/**
 * How a value is written. In JSON: `integer` is a number, `boolean` true/false, `list` an array of
 * strings, everything else a string; an absent value is null. In CSV every value is text: an empty
 * cell is null, a list is joined with `;`.
 */
export type ColumnType = 'uuid' | 'text' | 'enum' | 'integer' | 'boolean' | 'date' | 'timestamp' | 'list';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  /** May be null (an empty cell in CSV). */
  nullable?: boolean;
  /** The only values an `enum` column takes. */
  values?: readonly string[];
  description: Bilingual;
}

export const DATASET_NAMES = [
  'motions',
  'votes',
  'ballots',
  'resolutions',
  'compliance',
  'attendance',
  'elections',
  'election_candidates',
  'secret_ballots',
  'secret_participation',
  'secret_question_ballots',
  'secret_question_participation',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface DatasetDefinition {
  name: DatasetName;
  title: Bilingual;
  description: Bilingual;
  columns: readonly ColumnDefinition[];
}

export function isDatasetName(value: string): value is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(value);
}

const MOTION_STATUSES = [
  'filed',
  'admitted',
  'scheduled',
  'debating',
  'voting',
  'adopted',
  'rejected',
  'inadmissible',
  'withdrawn',
] as const;
const COUNTING_RULES = [
  'simple',
  'absolute_present',
  'absolute_members',
  'two_thirds_cast',
  'two_thirds_members',
] as const;
const COMPLIANCE_STATUSES = ['pending', 'in_progress', 'fulfilled', 'overdue'] as const;
const ELECTION_METHODS = ['yes_no_abstain_per_candidate', 'single_choice', 'approval_up_to_n'] as const;
const SEAT_DECIDED_BY = [
  'absolute_majority',
  'runoff_most_votes',
  'tie_first_round_support',
  'tie_lot',
] as const;

/** Columns that several datasets share, described once. */
const delegate = (idColumn: string, prefix: string, role: Bilingual): ColumnDefinition[] => [
  {
    name: idColumn,
    type: 'uuid',
    description: {
      es: `Identificador del delegado o delegada (${role.es}).`,
      en: `Identifier of the delegate (${role.en}).`,
    },
  },
  {
    name: `${prefix}name`,
    type: 'text',
    description: { es: `Nombre completo (${role.es}).`, en: `Full name (${role.en}).` },
  },
  {
    name: `${prefix}constituency_code`,
    type: 'text',
    description: {
      es: 'Código de la provincia que representa (ubigeo de 4 dígitos, p. ej. 0601).',
      en: 'Code of the province represented (4-digit ubigeo, e.g. 0601).',
    },
  },
  {
    name: `${prefix}constituency`,
    type: 'text',
    description: { es: 'Nombre de la provincia que representa.', en: 'Name of the province represented.' },
  },
];

const sessionId: ColumnDefinition = {
  name: 'session_id',
  type: 'uuid',
  description: { es: 'Identificador de la sesión.', en: 'Identifier of the session.' },
};
const sessionTitle: ColumnDefinition = {
  name: 'session_title',
  type: 'text',
  description: { es: 'Título de la sesión.', en: 'Title of the session.' },
};
const voteId: ColumnDefinition = {
  name: 'vote_id',
  type: 'uuid',
  description: { es: 'Identificador de la votación.', en: 'Identifier of the vote.' },
};
const motionNumber = (description: Bilingual): ColumnDefinition => ({
  name: 'motion_number',
  type: 'text',
  nullable: true,
  description,
});
/** The columns that name a vote, first in every dataset of a vote's ballots. */
const votedOn: ColumnDefinition[] = [
  voteId,
  sessionId,
  motionNumber({
    es: 'Número de la moción o enmienda votada; vacío en cuestiones de procedimiento.',
    en: 'Number of the motion or amendment voted on; empty for procedural questions.',
  }),
];
const ballotChoice: ColumnDefinition = {
  name: 'choice',
  type: 'enum',
  values: ['yes', 'no', 'abstain'],
  description: {
    es: 'Voto: yes a favor, no en contra, abstain abstención.',
    en: 'Choice: yes, no or abstain.',
  },
};
const tracker: ColumnDefinition = {
  name: 'tracker',
  type: 'text',
  description: {
    es: 'Código de verificación de la papeleta (XXXX-XXXX-XXXX-XXXX); solo quien votó sabe cuál es el suyo.',
    en: 'The ballot’s tracker (XXXX-XXXX-XXXX-XXXX); only the voter knows which one is theirs.',
  },
};
/** The columns that name an election round, first in every election dataset. */
const electionRound: ColumnDefinition[] = [
  {
    name: 'round_id',
    type: 'uuid',
    description: {
      es: 'Identificador de la vuelta de la elección (cada vuelta es una votación secreta).',
      en: 'Identifier of the election round (each round is a secret vote).',
    },
  },
  {
    name: 'election_id',
    type: 'uuid',
    description: { es: 'Identificador de la elección.', en: 'Identifier of the election.' },
  },
  {
    name: 'round',
    type: 'enum',
    values: ['first', 'runoff'],
    description: { es: 'first primera vuelta, runoff segunda vuelta.', en: 'first round or runoff.' },
  },
];

const objectives: ColumnDefinition = {
  name: 'objectives',
  type: 'list',
  description: {
    es: 'Códigos de los objetivos estratégicos del plan de gobierno regional (p. ej. SOC-SALUD-O4), en orden alfabético.',
    en: 'Codes of the regional government plan strategic objectives (e.g. SOC-SALUD-O4), in alphabetical order.',
  },
};

export const DATASETS: Record<DatasetName, DatasetDefinition> = {
  motions: {
    name: 'motions',
    title: { es: 'Mociones', en: 'Motions' },
    description: {
      es: 'Toda moción y enmienda presentada (con número), en su estado y texto vigentes. Los borradores nunca se publican.',
      en: 'Every filed motion and amendment (numbered), with its current status and text. Drafts are never published.',
    },
    columns: [
      {
        name: 'id',
        type: 'uuid',
        description: { es: 'Identificador de la moción.', en: 'Identifier of the motion.' },
      },
      {
        name: 'number',
        type: 'text',
        description: {
          es: 'Número asignado al presentarla: MOC-<año>-<NNNN>, correlativo y sin saltos por año.',
          en: 'Number assigned on filing: MOC-<year>-<NNNN>, gapless per year.',
        },
      },
      {
        name: 'kind',
        type: 'enum',
        values: ['motion', 'amendment'],
        description: {
          es: 'motion: moción; amendment: enmienda a otra moción (ver parent_number).',
          en: 'motion: a motion; amendment: an amendment to another motion (see parent_number).',
        },
      },
      {
        name: 'parent_number',
        type: 'text',
        nullable: true,
        description: {
          es: 'Número de la moción que esta enmienda modifica; vacío si no es enmienda.',
          en: 'Number of the motion this amendment changes; empty if it is not an amendment.',
        },
      },
      {
        name: 'title',
        type: 'text',
        description: { es: 'Título vigente.', en: 'Current title.' },
      },
      {
        name: 'body',
        type: 'text',
        description: {
          es: 'Texto vigente (la última versión, con las enmiendas aprobadas incorporadas).',
          en: 'Current text (the latest version, with adopted amendments applied).',
        },
      },
      {
        name: 'rationale',
        type: 'text',
        description: {
          es: 'Fundamentación (exposición de motivos); puede estar vacía.',
          en: 'Rationale (statement of reasons); may be empty.',
        },
      },
      {
        name: 'status',
        type: 'enum',
        values: MOTION_STATUSES,
        description: {
          es: 'Estado: filed presentada, admitted admitida, scheduled en agenda, debating en debate, voting en votación, adopted aprobada, rejected rechazada, inadmissible inadmisible, withdrawn retirada.',
          en: 'Status: filed, admitted, scheduled (on an agenda), debating, voting, adopted, rejected, inadmissible, withdrawn.',
        },
      },
      {
        name: 'inadmissible_reason',
        type: 'text',
        nullable: true,
        description: {
          es: 'Motivo de la declaración de inadmisibilidad; vacío en otro caso.',
          en: 'Why the motion was declared inadmissible; empty otherwise.',
        },
      },
      ...delegate('author_delegate_id', 'author_', { es: 'autor o autora', en: 'author' }),
      objectives,
      {
        name: 'institutions',
        type: 'list',
        description: {
          es: 'Códigos de las instituciones que la moción obligaría (p. ej. DIRESA), en orden alfabético.',
          en: 'Codes of the institutions the motion would bind (e.g. DIRESA), in alphabetical order.',
        },
      },
      {
        name: 'compliance_deadline',
        type: 'date',
        nullable: true,
        description: {
          es: 'Plazo de cumplimiento propuesto para las instituciones obligadas.',
          en: 'Proposed compliance deadline for the bound institutions.',
        },
      },
      {
        name: 'cosponsors',
        type: 'integer',
        description: { es: 'Número de copatrocinadores.', en: 'Number of co-sponsors.' },
      },
      {
        name: 'current_version',
        type: 'integer',
        description: {
          es: 'Número de la versión vigente del texto (cada enmienda aprobada crea una nueva).',
          en: 'Number of the current text version (each adopted amendment makes a new one).',
        },
      },
      {
        name: 'filed_at',
        type: 'timestamp',
        description: { es: 'Fecha y hora de presentación.', en: 'When it was filed.' },
      },
      {
        name: 'updated_at',
        type: 'timestamp',
        description: { es: 'Último cambio registrado.', en: 'Last recorded change.' },
      },
    ],
  },

  votes: {
    name: 'votes',
    title: { es: 'Votaciones', en: 'Votes' },
    description: {
      es: 'Votaciones (nominales o secretas): regla de conteo, quórum al abrir y, una vez cerradas, el resultado. Los votos de una votación nominal están en ballots; las papeletas de una secreta, en secret_question_ballots, y quién participó, en secret_question_participation.',
      en: 'Votes (roll-call or secret): counting rule, attendance when opened and, once closed, the result. A roll-call vote’s ballots are in ballots; a secret one’s published ballots in secret_question_ballots and who took part in secret_question_participation.',
    },
    columns: [
      { ...voteId, name: 'id' },
      sessionId,
      sessionTitle,
      {
        name: 'kind',
        type: 'enum',
        values: ['motion', 'amendment', 'procedural'],
        description: {
          es: 'Qué se vota: una moción, una enmienda o una cuestión de procedimiento.',
          en: 'What is voted on: a motion, an amendment or a procedural question.',
        },
      },
      motionNumber({
        es: 'Número de la moción o enmienda votada; vacío en cuestiones de procedimiento.',
        en: 'Number of the motion or amendment voted on; empty for procedural questions.',
      }),
      {
        name: 'question',
        type: 'text',
        description: { es: 'La pregunta sometida a votación.', en: 'The question put to the vote.' },
      },
      {
        name: 'rule',
        type: 'enum',
        values: COUNTING_RULES,
        description: {
          es: 'Regla de conteo: simple (más sí que no), absolute_present (más de la mitad de los presentes al abrir), absolute_members (más de la mitad de los miembros), two_thirds_cast (dos tercios de sí+no), two_thirds_members (dos tercios de los miembros).',
          en: 'Counting rule: simple (more yes than no), absolute_present (more than half of those present at opening), absolute_members (more than half of the members), two_thirds_cast (two thirds of yes+no), two_thirds_members (two thirds of the members).',
        },
      },
      {
        name: 'rule_version',
        type: 'integer',
        description: {
          es: 'Versión de la regla de conteo aplicada.',
          en: 'Version of the counting rule applied.',
        },
      },
      {
        name: 'secret',
        type: 'boolean',
        description: {
          es: 'true si el reglamento la marca secreta: no hay voto nominal, solo papeletas con código de verificación.',
          en: 'true if the reglamento marks it secret: no roll-call ballot, only ballots with a tracker.',
        },
      },
      {
        name: 'status',
        type: 'enum',
        values: ['open', 'closed'],
        description: {
          es: 'open: en curso (resultado y votos aún no públicos); closed: cerrada.',
          en: 'open: in progress (result and ballots not public yet); closed.',
        },
      },
      {
        name: 'entitled_count',
        type: 'integer',
        description: {
          es: 'Delegados habilitados para votar, fijados al abrir la votación.',
          en: 'Delegates entitled to vote, frozen when the vote opened.',
        },
      },
      {
        name: 'present_at_opening',
        type: 'integer',
        description: { es: 'Escaños presentes al abrir.', en: 'Seats present when the vote opened.' },
      },
      {
        name: 'seated_at_opening',
        type: 'integer',
        description: {
          es: 'Delegados titulares en funciones al abrir.',
          en: 'Seated delegates when the vote opened.',
        },
      },
      {
        name: 'entitled_hash',
        type: 'text',
        description: {
          es: 'SHA-256 (hex) de la lista de habilitados publicada en el registro público (vote.opened).',
          en: 'SHA-256 (hex) of the entitled list published in the public record (vote.opened).',
        },
      },
      {
        name: 'opened_at',
        type: 'timestamp',
        description: { es: 'Apertura de la votación.', en: 'When the vote opened.' },
      },
      {
        name: 'deadline',
        type: 'timestamp',
        nullable: true,
        description: {
          es: 'Cierre automático programado; vacío si lo cierra la Mesa Directiva.',
          en: 'Scheduled automatic close; empty if the moderator closes it.',
        },
      },
      {
        name: 'closed_at',
        type: 'timestamp',
        nullable: true,
        description: { es: 'Cierre; vacío si sigue abierta.', en: 'When it closed; empty while open.' },
      },
      {
        name: 'yes_count',
        type: 'integer',
        nullable: true,
        description: { es: 'Votos a favor (al cerrar).', en: 'Yes ballots (at close).' },
      },
      {
        name: 'no_count',
        type: 'integer',
        nullable: true,
        description: { es: 'Votos en contra (al cerrar).', en: 'No ballots (at close).' },
      },
      {
        name: 'abstain_count',
        type: 'integer',
        nullable: true,
        description: { es: 'Abstenciones (al cerrar).', en: 'Abstentions (at close).' },
      },
      {
        name: 'not_voted_count',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Habilitados que no votaron (al cerrar).',
          en: 'Entitled delegates who did not vote (at close).',
        },
      },
      {
        name: 'base_kind',
        type: 'enum',
        nullable: true,
        values: ['yes_plus_no', 'present', 'members'],
        description: {
          es: 'Sobre qué se mide la mayoría: sí+no, presentes al abrir o miembros.',
          en: 'What the majority is measured against: yes+no, present at opening, or members.',
        },
      },
      {
        name: 'base_size',
        type: 'integer',
        nullable: true,
        description: { es: 'Tamaño de esa base.', en: 'Size of that base.' },
      },
      {
        name: 'required_yes',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Votos a favor necesarios para aprobar.',
          en: 'Yes ballots needed to adopt.',
        },
      },
      {
        name: 'outcome',
        type: 'enum',
        nullable: true,
        values: ['adopted', 'rejected'],
        description: {
          es: 'Resultado: adopted aprobada, rejected rechazada; vacío si sigue abierta.',
          en: 'Result: adopted or rejected; empty while open.',
        },
      },
      {
        name: 'resolution_number',
        type: 'text',
        nullable: true,
        description: {
          es: 'Resolución emitida por esta votación (RES-APR-<año>-<NNNN>), si la hubo.',
          en: 'Resolution issued by this vote (RES-APR-<year>-<NNNN>), if any.',
        },
      },
    ],
  },

  ballots: {
    name: 'ballots',
    title: { es: 'Votos nominales', en: 'Ballots' },
    description: {
      es: 'El voto que cuenta de cada delegado en cada votación cerrada. Los votos de una votación abierta son secretos hasta su cierre y no aparecen.',
      en: 'The ballot that counts of each delegate in each closed vote. Ballots of an open vote are secret until it closes and do not appear.',
    },
    columns: [
      ...votedOn,
      ...delegate('delegate_id', 'delegate_', { es: 'quien votó', en: 'who voted' }),
      {
        name: 'seat_titular_id',
        type: 'uuid',
        description: {
          es: 'Titular del escaño por el que se votó: el mismo delegado, o el titular ausente si votó su suplente.',
          en: 'Titular of the seat the ballot was cast for: the delegate themself, or the absent titular if their alternate voted.',
        },
      },
      ballotChoice,
      {
        name: 'revision',
        type: 'integer',
        description: {
          es: 'Revisión que cuenta (un voto puede cambiarse hasta el cierre; cuenta el último).',
          en: 'Revision that counts (a ballot may be changed until the close; the last one counts).',
        },
      },
      {
        name: 'cast_at',
        type: 'timestamp',
        description: {
          es: 'Cuándo se emitió esa revisión.',
          en: 'When that revision was cast.',
        },
      },
      {
        name: 'receipt',
        type: 'text',
        description: {
          es: 'Recibo: hash del evento ballot.cast de esa revisión en el registro público.',
          en: 'Receipt: hash of that revision’s ballot.cast event in the public record.',
        },
      },
      {
        name: 'recorded_by_mesa',
        type: 'enum',
        values: ['voice', 'hands', 'paper'],
        nullable: true,
        description: {
          es: 'Si la Mesa registró ese voto por el delegado, cómo lo expresó: voice de viva voz, hands a mano alzada, paper en papel; vacío si lo emitió el propio delegado.',
          en: 'When the Mesa recorded that ballot for the delegate, how they gave it: voice, hands (show of hands) or paper; empty when the delegate cast it themself.',
        },
      },
    ],
  },

  resolutions: {
    name: 'resolutions',
    title: { es: 'Resoluciones vinculantes', en: 'Binding resolutions' },
    description: {
      es: 'Resoluciones emitidas al aprobarse una moción, con su texto congelado y su digest.',
      en: 'Resolutions issued when a motion is adopted, with their frozen text and digest.',
    },
    columns: [
      {
        name: 'number',
        type: 'text',
        description: {
          es: 'Número: RES-APR-<año>-<NNNN>, correlativo y sin saltos por año.',
          en: 'Number: RES-APR-<year>-<NNNN>, gapless per year.',
        },
      },
      {
        name: 'year',
        type: 'integer',
        description: { es: 'Año de la numeración.', en: 'Year of the numbering.' },
      },
      {
        name: 'sequence',
        type: 'integer',
        description: { es: 'Correlativo dentro del año.', en: 'Sequence within the year.' },
      },
      {
        name: 'title',
        type: 'text',
        description: { es: 'Título.', en: 'Title.' },
      },
      {
        name: 'body',
        type: 'text',
        description: {
          es: 'Texto aprobado, congelado al emitirse.',
          en: 'Adopted text, frozen when issued.',
        },
      },
      {
        name: 'issued_at',
        type: 'timestamp',
        description: { es: 'Fecha y hora de emisión.', en: 'When it was issued.' },
      },
      motionNumber({ es: 'Moción aprobada.', en: 'The adopted motion.' }),
      {
        name: 'motion_version',
        type: 'integer',
        description: {
          es: 'Versión del texto de la moción que se aprobó.',
          en: 'Version of the motion text that was adopted.',
        },
      },
      voteId,
      sessionId,
      objectives,
      {
        name: 'institutions',
        type: 'list',
        description: {
          es: 'Códigos de las instituciones obligadas, en orden alfabético.',
          en: 'Codes of the bound institutions, in alphabetical order.',
        },
      },
      {
        name: 'compliance_deadline',
        type: 'date',
        nullable: true,
        description: { es: 'Plazo de cumplimiento.', en: 'Compliance deadline.' },
      },
      {
        name: 'digest',
        type: 'text',
        description: {
          es: 'SHA-256 (hex) del documento canónico de la resolución (GET /api/resolutions/<número>.json).',
          en: 'SHA-256 (hex) of the resolution’s canonical document (GET /api/resolutions/<number>.json).',
        },
      },
    ],
  },

  compliance: {
    name: 'compliance',
    title: { es: 'Cumplimiento', en: 'Compliance' },
    description: {
      es: 'Seguimiento del cumplimiento de cada resolución por cada institución obligada.',
      en: 'Compliance tracking of each resolution by each bound institution.',
    },
    columns: [
      {
        name: 'resolution_number',
        type: 'text',
        description: { es: 'Número de la resolución.', en: 'Resolution number.' },
      },
      {
        name: 'resolution_title',
        type: 'text',
        description: { es: 'Título de la resolución.', en: 'Resolution title.' },
      },
      {
        name: 'institution_code',
        type: 'text',
        description: { es: 'Código de la institución obligada.', en: 'Code of the bound institution.' },
      },
      {
        name: 'institution_name',
        type: 'text',
        description: { es: 'Nombre de la institución obligada.', en: 'Name of the bound institution.' },
      },
      {
        name: 'status',
        type: 'enum',
        values: COMPLIANCE_STATUSES,
        description: {
          es: 'Estado: pending pendiente, in_progress en ejecución, fulfilled cumplido, overdue vencido (plazo pasado sin cumplir).',
          en: 'Status: pending, in_progress, fulfilled, overdue (deadline passed unfulfilled).',
        },
      },
      {
        name: 'progress',
        type: 'integer',
        description: {
          es: 'Avance declarado en el último informe, de 0 a 100 (%).',
          en: 'Progress stated in the latest report, 0 to 100 (%).',
        },
      },
      {
        name: 'deadline',
        type: 'date',
        nullable: true,
        description: { es: 'Plazo de cumplimiento.', en: 'Compliance deadline.' },
      },
      {
        name: 'reports',
        type: 'integer',
        description: {
          es: 'Número de informes de avance presentados.',
          en: 'Number of progress reports filed.',
        },
      },
      {
        name: 'updated_at',
        type: 'timestamp',
        description: { es: 'Último cambio de estado o avance.', en: 'Last change of status or progress.' },
      },
      {
        name: 'fulfilled_at',
        type: 'timestamp',
        nullable: true,
        description: {
          es: 'Cuándo se declaró cumplido; vacío si no lo está.',
          en: 'When it was declared fulfilled; empty otherwise.',
        },
      },
    ],
  },

  attendance: {
    name: 'attendance',
    title: { es: 'Asistencia', en: 'Attendance' },
    description: {
      es: 'Asistencia de cada delegado registrado en cada sesión (su último registro).',
      en: 'Attendance of each recorded delegate in each session (their latest record).',
    },
    columns: [
      sessionId,
      sessionTitle,
      {
        name: 'session_scheduled_at',
        type: 'timestamp',
        description: {
          es: 'Fecha y hora programadas de la sesión.',
          en: 'Scheduled date and time of the session.',
        },
      },
      ...delegate('delegate_id', 'delegate_', { es: 'asistente', en: 'attendee' }),
      {
        name: 'alternate_of_delegate_id',
        type: 'uuid',
        nullable: true,
        description: {
          es: 'Si es suplente, el titular al que suple; vacío si es titular.',
          en: 'If an alternate, the titular they stand in for; empty for a titular.',
        },
      },
      {
        name: 'present',
        type: 'boolean',
        description: {
          es: 'true presente, false ausente (se retiró).',
          en: 'true present, false absent (checked out).',
        },
      },
      {
        name: 'recorded_by',
        type: 'enum',
        values: ['self', 'moderator'],
        description: {
          es: 'Quién lo registró: self el propio delegado, moderator la Mesa Directiva.',
          en: 'Who recorded it: self (the delegate) or moderator (the presiding board).',
        },
      },
      {
        name: 'updated_at',
        type: 'timestamp',
        description: { es: 'Hora del último registro.', en: 'Time of the latest record.' },
      },
    ],
  },

  elections: {
    name: 'elections',
    title: { es: 'Elecciones', en: 'Elections' },
    description: {
      es: 'Una fila por vuelta de cada elección (primera vuelta y, si la hubo, segunda): cargo, método, sesión, habilitados, participación y, una vez cerrada, papeletas, umbral, personas elegidas y su regla. Cada vuelta es una votación secreta: sus papeletas están en secret_ballots y quién participó en secret_participation.',
      en: 'One row per round of each election (the first round and, if any, the run-off): position, method, session, entitled, participation and, once closed, ballots, threshold, who was elected and by which rule. Each round is a secret vote: its ballots are in secret_ballots and who took part in secret_participation.',
    },
    columns: [
      ...electionRound,
      {
        name: 'election_title',
        type: 'text',
        description: { es: 'Título de la elección.', en: 'Title of the election.' },
      },
      {
        name: 'position_id',
        type: 'uuid',
        description: {
          es: 'Identificador del cargo que se elige.',
          en: 'Identifier of the position elected.',
        },
      },
      {
        name: 'position_title',
        type: 'text',
        description: {
          es: 'Nombre del cargo (p. ej. Presidencia de la Mesa Directiva).',
          en: 'Name of the position, in Spanish (e.g. Presidencia de la Mesa Directiva).',
        },
      },
      {
        name: 'position_body',
        type: 'enum',
        values: ['mesa', 'commission'],
        description: {
          es: 'Órgano del cargo: mesa la Mesa Directiva, commission una comisión.',
          en: 'Body of the position: mesa (the presiding board) or commission.',
        },
      },
      {
        name: 'commission',
        type: 'text',
        nullable: true,
        description: {
          es: 'Nombre de la comisión; vacío para un cargo de la Mesa Directiva.',
          en: 'Name of the commission; empty for a presiding board position.',
        },
      },
      {
        name: 'term_label',
        type: 'text',
        description: { es: 'Periodo para el que se elige.', en: 'Term the election is for.' },
      },
      {
        name: 'term_starts_at',
        type: 'timestamp',
        description: { es: 'Inicio del periodo (incluido).', en: 'Start of the term (included).' },
      },
      {
        name: 'term_ends_at',
        type: 'timestamp',
        description: { es: 'Fin del periodo (excluido).', en: 'End of the term (excluded).' },
      },
      {
        name: 'method',
        type: 'enum',
        values: ELECTION_METHODS,
        description: {
          es: 'Método: yes_no_abstain_per_candidate a favor/en contra/abstención por candidatura, single_choice una sola candidatura, approval_up_to_n aprobación de hasta N candidaturas.',
          en: 'Method: yes_no_abstain_per_candidate (yes/no/abstain per candidacy), single_choice (one candidacy), approval_up_to_n (approve up to N candidacies).',
        },
      },
      {
        name: 'seats',
        type: 'integer',
        description: {
          es: 'Puestos que se eligen en esta vuelta (en la segunda, los que quedaron).',
          en: 'Seats filled in this round (in the run-off, those left).',
        },
      },
      {
        name: 'max_choices',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Con approval_up_to_n: cuántas candidaturas puede marcar una papeleta; vacío con otro método.',
          en: 'Under approval_up_to_n: how many candidacies a ballot may mark; empty under another method.',
        },
      },
      {
        name: 'status',
        type: 'enum',
        values: ['open', 'closed'],
        description: {
          es: 'open: en curso (solo la participación es pública); closed: cerrada, papeletas publicadas.',
          en: 'open: in progress (only participation is public); closed, ballots published.',
        },
      },
      {
        name: 'election_status',
        type: 'enum',
        values: ['nominating', 'voting', 'runoff_pending', 'decided'],
        description: {
          es: 'Estado de la elección: nominating candidaturas, voting en votación, runoff_pending espera la segunda vuelta, decided decidida.',
          en: 'Election status: nominating, voting, runoff_pending (waiting for the run-off), decided.',
        },
      },
      sessionId,
      sessionTitle,
      {
        name: 'entitled_count',
        type: 'integer',
        description: {
          es: 'Delegados habilitados para votar, fijados al abrir la vuelta.',
          en: 'Delegates entitled to vote, frozen when the round opened.',
        },
      },
      {
        name: 'participation_count',
        type: 'integer',
        description: {
          es: 'Habilitados que votaron (en una vuelta abierta, hasta ahora). Al cerrar es igual al número de papeletas.',
          en: 'Entitled delegates who voted (so far, in an open round). At the close it equals the number of ballots.',
        },
      },
      {
        name: 'present_at_opening',
        type: 'integer',
        description: { es: 'Escaños presentes al abrir.', en: 'Seats present when the round opened.' },
      },
      {
        name: 'seated_at_opening',
        type: 'integer',
        description: {
          es: 'Delegados titulares en funciones al abrir.',
          en: 'Seated delegates when the round opened.',
        },
      },
      {
        name: 'entitled_hash',
        type: 'text',
        description: {
          es: 'SHA-256 (hex) de la lista de habilitados publicada en el registro público (election.opened).',
          en: 'SHA-256 (hex) of the entitled list published in the public record (election.opened).',
        },
      },
      {
        name: 'lot_seed',
        type: 'text',
        description: {
          es: 'Semilla de un eventual sorteo: hash del evento election.opened de la primera vuelta.',
          en: 'Seed of any drawing of lots: hash of the first round’s election.opened event.',
        },
      },
      {
        name: 'opened_at',
        type: 'timestamp',
        description: { es: 'Apertura de la vuelta.', en: 'When the round opened.' },
      },
      {
        name: 'deadline',
        type: 'timestamp',
        nullable: true,
        description: {
          es: 'Cierre automático programado; vacío si lo cierra la Mesa Directiva.',
          en: 'Scheduled automatic close; empty if the moderator closes it.',
        },
      },
      {
        name: 'closed_at',
        type: 'timestamp',
        nullable: true,
        description: { es: 'Cierre; vacío si sigue abierta.', en: 'When it closed; empty while open.' },
      },
      {
        name: 'closed_by',
        type: 'enum',
        values: ['moderator', 'deadline'],
        nullable: true,
        description: {
          es: 'Quién la cerró: moderator la Mesa Directiva, deadline el plazo; vacío si sigue abierta.',
          en: 'What closed it: moderator or deadline; empty while open.',
        },
      },
      {
        name: 'ballots_cast',
        type: 'integer',
        nullable: true,
        description: { es: 'Papeletas emitidas (al cerrar).', en: 'Ballots cast (at close).' },
      },
      {
        name: 'ballots_valid',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Papeletas válidas: las que marcan candidaturas (al cerrar).',
          en: 'Valid ballots: those marking candidacies (at close).',
        },
      },
      {
        name: 'ballots_blank',
        type: 'integer',
        nullable: true,
        description: { es: 'Votos en blanco (al cerrar).', en: 'Blank ballots (at close).' },
      },
      {
        name: 'ballots_null',
        type: 'integer',
        nullable: true,
        description: { es: 'Votos nulos (al cerrar).', en: 'Spoiled (null) ballots (at close).' },
      },
      {
        name: 'threshold_kind',
        type: 'enum',
        values: ['absolute_majority_of_valid', 'most_votes'],
        nullable: true,
        description: {
          es: 'Umbral: absolute_majority_of_valid más de la mitad de las válidas (primera vuelta), most_votes más votos, con al menos uno (segunda vuelta).',
          en: 'Threshold: absolute_majority_of_valid (more than half of the valid ballots, first round), most_votes (most votes, at least one, run-off).',
        },
      },
      {
        name: 'required_votes',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Votos que necesita una candidatura según ese umbral.',
          en: 'Votes a candidacy needs under that threshold.',
        },
      },
      {
        name: 'elected_candidate_ids',
        type: 'list',
        description: {
          es: 'Identificadores de los delegados elegidos en esta vuelta (ver election_candidates para la regla).',
          en: 'Identifiers of the delegates elected in this round (see election_candidates for the rule).',
        },
      },
      {
        name: 'elected_names',
        type: 'list',
        description: {
          es: 'Nombres de los elegidos, en el mismo orden.',
          en: 'Names of those elected, in the same order.',
        },
      },
      {
        name: 'runoff_candidate_ids',
        type: 'list',
        description: {
          es: 'Primera vuelta: candidaturas que pasan a la segunda vuelta; vacío si no la hay.',
          en: 'First round: candidacies that go to the run-off; empty if there is none.',
        },
      },
      {
        name: 'vacant_seats',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Puestos que quedan sin cubrir y requieren una nueva convocatoria (al cerrar).',
          en: 'Seats left vacant that need a new call for candidacies (at close).',
        },
      },
      {
        name: 'tie_decisions',
        type: 'list',
        description: {
          es: 'Cómo se decidió cada empate: runoff por segunda vuelta, runoff_widened todas las empatadas pasan a la segunda, first_round_support por los votos de la primera, lot por sorteo.',
          en: 'How each tie was decided: runoff, runoff_widened (all tied go to the run-off), first_round_support, lot.',
        },
      },
      {
        name: 'ballots_hash',
        type: 'text',
        nullable: true,
        description: {
          es: 'Hash de las papeletas publicadas (secretBallotsHash del evento secret.ballots_published); vacío si sigue abierta.',
          en: 'Hash of the published ballots (secretBallotsHash of the secret.ballots_published event); empty while open.',
        },
      },
      {
        name: 'participation_hash',
        type: 'text',
        nullable: true,
        description: {
          es: 'Hash de la lista de participantes del mismo evento; vacío si sigue abierta.',
          en: 'Hash of the participant list in the same event; empty while open.',
        },
      },
    ],
  },

  election_candidates: {
    name: 'election_candidates',
    title: { es: 'Candidaturas por vuelta', en: 'Candidates per round' },
    description: {
      es: 'Cada candidatura en cada vuelta de elección: sus votos al cerrar y si fue elegida, y por qué regla.',
      en: 'Each candidacy in each election round: its votes at the close, and whether and by which rule it was elected.',
    },
    columns: [
      ...electionRound,
      ...delegate('candidate_delegate_id', 'candidate_', { es: 'candidata o candidato', en: 'candidate' }),
      {
        name: 'votes',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Apoyos: papeletas que la eligen o aprueban, o que marcan a favor (al cerrar).',
          en: 'Support: ballots choosing or approving it, or marking yes (at close).',
        },
      },
      {
        name: 'yes_count',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Con yes_no_abstain_per_candidate: marcas a favor; vacío con otro método.',
          en: 'Under yes_no_abstain_per_candidate: yes marks; empty under another method.',
        },
      },
      {
        name: 'no_count',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Con yes_no_abstain_per_candidate: marcas en contra.',
          en: 'Under yes_no_abstain_per_candidate: no marks.',
        },
      },
      {
        name: 'abstain_count',
        type: 'integer',
        nullable: true,
        description: {
          es: 'Con yes_no_abstain_per_candidate: abstenciones.',
          en: 'Under yes_no_abstain_per_candidate: abstentions.',
        },
      },
      {
        name: 'elected',
        type: 'boolean',
        nullable: true,
        description: {
          es: 'true elegida en esta vuelta, false no; vacío si la vuelta sigue abierta.',
          en: 'true if elected in this round, false if not; empty while the round is open.',
        },
      },
      {
        name: 'elected_by',
        type: 'enum',
        values: SEAT_DECIDED_BY,
        nullable: true,
        description: {
          es: 'Regla por la que fue elegida: absolute_majority mayoría absoluta, runoff_most_votes más votos en la segunda vuelta, tie_first_round_support empate decidido por la primera vuelta, tie_lot empate decidido por sorteo.',
          en: 'Rule it was elected by: absolute_majority, runoff_most_votes, tie_first_round_support (a tie decided by the first round), tie_lot (a tie decided by lot).',
        },
      },
      {
        name: 'to_runoff',
        type: 'boolean',
        nullable: true,
        description: {
          es: 'Primera vuelta cerrada: true si pasa a la segunda vuelta; vacío en la segunda o mientras está abierta.',
          en: 'Closed first round: true if it goes to the run-off; empty in the run-off or while open.',
        },
      },
    ],
  },

  secret_ballots: {
    name: 'secret_ballots',
    title: { es: 'Papeletas secretas', en: 'Secret ballots' },
    description: {
      es: 'Las papeletas de cada vuelta cerrada, tal como se publicaron: código de verificación (tracker) y elección, en orden de tracker. No dicen quién votó ni cuándo. Una vuelta abierta no aparece.',
      en: 'The ballots of each closed round, as published: tracker and choice, in tracker order. They say neither who voted nor when. An open round does not appear.',
    },
    columns: [
      ...electionRound,
      tracker,
      {
        name: 'choice_kind',
        type: 'enum',
        values: ['candidates', 'marks', 'blank', 'null'],
        description: {
          es: 'candidates marca candidaturas, marks a favor/en contra/abstención por candidatura, blank en blanco, null nulo.',
          en: 'candidates (marks candidacies), marks (yes/no/abstain per candidacy), blank, null (spoiled).',
        },
      },
      {
        name: 'candidate_ids',
        type: 'list',
        description: {
          es: 'Con candidates: las candidaturas marcadas (identificador del delegado); vacío en otro caso.',
          en: 'With candidates: the candidacies marked (delegate identifier); empty otherwise.',
        },
      },
      {
        name: 'marked_yes',
        type: 'list',
        description: {
          es: 'Con marks: candidaturas marcadas a favor.',
          en: 'With marks: candidacies marked yes.',
        },
      },
      {
        name: 'marked_no',
        type: 'list',
        description: {
          es: 'Con marks: candidaturas marcadas en contra.',
          en: 'With marks: candidacies marked no.',
        },
      },
      {
        name: 'marked_abstain',
        type: 'list',
        description: {
          es: 'Con marks: candidaturas marcadas abstención.',
          en: 'With marks: candidacies marked abstain.',
        },
      },
      {
        name: 'choice',
        type: 'text',
        description: {
          es: 'La papeleta completa en JSON, como la publica GET /api/elections/<id>/rounds/<vuelta>/ballots.',
          en: 'The whole ballot as JSON, as GET /api/elections/<id>/rounds/<round>/ballots publishes it.',
        },
      },
    ],
  },

  secret_participation: {
    name: 'secret_participation',
    title: { es: 'Participación en votaciones secretas', en: 'Participation in secret votes' },
    description: {
      es: 'Cada delegado habilitado en cada vuelta de elección (también abiertas) y si votó. Nunca qué votó ni su código de verificación.',
      en: 'Each entitled delegate in each election round (open ones too) and whether they voted. Never what they chose nor their tracker.',
    },
    columns: [
      ...electionRound,
      ...delegate('delegate_id', 'delegate_', { es: 'habilitado', en: 'entitled' }),
      {
        name: 'participated',
        type: 'boolean',
        description: {
          es: 'true votó (en una vuelta abierta, hasta ahora), false no.',
          en: 'true if they voted (so far, in an open round), false if not.',
        },
      },
    ],
  },

  secret_question_ballots: {
    name: 'secret_question_ballots',
    title: {
      es: 'Papeletas de votaciones secretas (mociones y cuestiones)',
      en: 'Ballots of secret votes (motions and questions)',
    },
    description: {
      es: 'Las papeletas de cada votación secreta cerrada (no las elecciones: ver secret_ballots), tal como se publicaron: código de verificación y voto, en orden de código. No dicen quién votó ni cuándo. Una votación abierta no aparece.',
      en: 'The ballots of each closed secret vote (not elections: see secret_ballots), as published: tracker and choice, in tracker order. They say neither who voted nor when. An open vote does not appear.',
    },
    columns: [...votedOn, tracker, ballotChoice],
  },

  secret_question_participation: {
    name: 'secret_question_participation',
    title: {
      es: 'Participación en votaciones secretas (mociones y cuestiones)',
      en: 'Participation in secret votes (motions and questions)',
    },
    description: {
      es: 'Cada delegado habilitado en cada votación secreta (también abiertas; no las elecciones: ver secret_participation) y si votó. Nunca qué votó ni su código de verificación.',
      en: 'Each entitled delegate in each secret vote (open ones too; not elections: see secret_participation) and whether they voted. Never what they chose nor their tracker.',
    },
    columns: [
      ...votedOn,
      ...delegate('delegate_id', 'delegate_', { es: 'habilitado', en: 'entitled' }),
      {
        name: 'participated',
        type: 'boolean',
        description: {
          es: 'true votó (en una votación abierta, hasta ahora), false no.',
          en: 'true if they voted (so far, in an open vote), false if not.',
        },
      },
    ],
  },
};
