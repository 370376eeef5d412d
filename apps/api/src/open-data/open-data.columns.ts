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
      es: 'Votaciones nominales: regla de conteo, quórum al abrir y, una vez cerradas, el resultado.',
      en: 'Roll-call votes: counting rule, attendance when opened and, once closed, the result.',
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
      voteId,
      sessionId,
      motionNumber({
        es: 'Número de la moción o enmienda votada; vacío en cuestiones de procedimiento.',
        en: 'Number of the motion or amendment voted on; empty for procedural questions.',
      }),
      ...delegate('delegate_id', 'delegate_', { es: 'quien votó', en: 'who voted' }),
      {
        name: 'seat_titular_id',
        type: 'uuid',
        description: {
          es: 'Titular del escaño por el que se votó: el mismo delegado, o el titular ausente si votó su suplente.',
          en: 'Titular of the seat the ballot was cast for: the delegate themself, or the absent titular if their alternate voted.',
        },
      },
      {
        name: 'choice',
        type: 'enum',
        values: ['yes', 'no', 'abstain'],
        description: {
          es: 'Voto: yes a favor, no en contra, abstain abstención.',
          en: 'Choice: yes, no or abstain.',
        },
      },
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
};
