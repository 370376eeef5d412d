import {
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  describeRowError,
  validateDelegateImport,
  type ImportContext,
  type RowError,
  type RowProblem,
} from './delegate-import.js';
import { ALTERNATE_PROBLEM_TEXT, type DelegateSeat } from './delegate-rules.js';

type Record_ = Record<string, string | undefined>;
type StoredSeat = DelegateSeat & { currentAlternateId: string | null };

const HEADER = [...IMPORT_COLUMNS];

function stored(documentId: string, seat: Partial<StoredSeat>): [string, StoredSeat] {
  return [
    documentId,
    {
      id: `db-${documentId}`,
      constituencyCode: '0601',
      status: 'active',
      alternateOfId: null,
      termStart: '2023-01-01',
      termEnd: '2026-12-31',
      currentAlternateId: null,
      ...seat,
    },
  ];
}

/** Two provinces (Cajamarca 0601, Jaén 0608), a few stored delegates and one linked account. */
function makeContext(): ImportContext {
  const existing = new Map<string, StoredSeat>([
    // Titular in Cajamarca that already has an alternate.
    stored('11111111', { currentAlternateId: 'db-33333333' }),
    // Titular in Cajamarca without an alternate.
    stored('22222222', {}),
    // Alternate of 11111111.
    stored('33333333', { alternateOfId: 'db-11111111' }),
    // Titular in Jaén without an alternate.
    stored('44444444', { constituencyCode: '0608' }),
  ]);
  return {
    constituencyByKey: new Map([
      ['0601', '0601'],
      ['cajamarca', '0601'],
      ['0608', '0608'],
      ['jaen', '0608'],
    ]),
    existingDocumentIds: new Set(existing.keys()),
    existingByDocumentId: existing,
    emailsLinkedToDelegates: new Set(['ocupado@example.pe']),
  };
}

let sequence = 0;
/** A valid titular row with a fresh document id; override any column. */
function row(overrides: Record_ = {}): Record_ {
  sequence += 1;
  return {
    full_name: `Delegada ${sequence}`,
    document_id: String(70000000 + sequence),
    constituency: '0601',
    organization: '',
    term_start: '2025-01-01',
    term_end: '2026-12-31',
    status: '',
    alternate_of: '',
    email: '',
    ...overrides,
  };
}

function validate(records: Record_[], header: readonly string[] = HEADER, context = makeContext()) {
  return validateDelegateImport(header, records, context);
}

/** The errors of a one-row file (its line is 2). */
function errorsOf(overrides: Record_): RowError[] {
  return validate([row(overrides)]).errors;
}

describe('validateDelegateImport: a valid file', () => {
  it('returns every row, normalised, and no errors', () => {
    const { rows, errors } = validate([
      {
        full_name: '  María Quispe Chávez ',
        document_id: '40123456',
        constituency: '0601',
        organization: 'Rondas Campesinas',
        term_start: '2025-01-01',
        term_end: '2026-12-31',
        status: '',
        alternate_of: '',
        email: ' Maria.Quispe@Example.PE ',
      },
      {
        full_name: 'Juan Tasilla',
        document_id: '40654321',
        constituency: 'Cajamarca',
        organization: '',
        term_start: '2025-01-01',
        term_end: '2026-12-31',
        status: 'active',
        alternate_of: '40123456',
        email: '',
      },
      {
        full_name: 'Rosa Huamán',
        document_id: 'ab12cd34',
        constituency: 'Jaén',
        organization: '',
        term_start: '2024-02-29',
        term_end: '2026-06-30',
        status: 'SUSPENDED',
        alternate_of: '',
        email: '',
      },
      {
        full_name: 'Pedro Díaz',
        document_id: '123456789012',
        constituency: ' 0608 ',
        term_start: '2025-01-01',
        term_end: '2025-01-02',
        status: 'ceased',
      },
    ]);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        fullName: 'María Quispe Chávez',
        documentId: '40123456',
        constituencyCode: '0601',
        organization: 'Rondas Campesinas',
        termStart: '2025-01-01',
        termEnd: '2026-12-31',
        status: 'active',
        alternateOfDocumentId: null,
        email: 'maria.quispe@example.pe',
      },
      {
        line: 3,
        fullName: 'Juan Tasilla',
        documentId: '40654321',
        constituencyCode: '0601',
        organization: null,
        termStart: '2025-01-01',
        termEnd: '2026-12-31',
        status: 'active',
        alternateOfDocumentId: '40123456',
        email: null,
      },
      {
        line: 4,
        fullName: 'Rosa Huamán',
        documentId: 'AB12CD34',
        constituencyCode: '0608',
        organization: null,
        termStart: '2024-02-29',
        termEnd: '2026-06-30',
        status: 'suspended',
        alternateOfDocumentId: null,
        email: null,
      },
      {
        line: 5,
        fullName: 'Pedro Díaz',
        documentId: '123456789012',
        constituencyCode: '0608',
        organization: null,
        termStart: '2025-01-01',
        termEnd: '2025-01-02',
        status: 'ceased',
        alternateOfDocumentId: null,
        email: null,
      },
    ]);
  });

  it.each(['Jaén', 'JAÉN', 'jaen', ' Jaen ', 'Jae\u0301n', '0608'])(
    'resolves province %j to 0608',
    (name) => {
      const { rows, errors } = validate([row({ constituency: name })]);
      expect(errors).toEqual([]);
      expect(rows[0]!.constituencyCode).toBe('0608');
    },
  );

  it('accepts an alternate listed before its titular, with a lower-case document reference', () => {
    const { rows, errors } = validate([
      row({ document_id: 'AB123456', alternate_of: 'cd123456' }),
      row({ document_id: 'cd123456' }),
    ]);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.documentId, r.alternateOfDocumentId])).toEqual([
      ['AB123456', 'CD123456'],
      ['CD123456', null],
    ]);
  });

  it('accepts an alternate of a stored titular without alternate in the same province', () => {
    const { rows, errors } = validate([row({ alternate_of: '22222222' })]);
    expect(errors).toEqual([]);
    expect(rows[0]!.alternateOfDocumentId).toBe('22222222');
  });

  it('accepts a header with only the required columns, in any case and order, with spaces', () => {
    const header = [' TERM_END', 'Term_Start ', 'constituency', 'Document_ID', 'FULL_NAME'];
    const { rows, errors } = validate(
      [
        {
          full_name: 'Ana',
          document_id: '12345678',
          constituency: '0601',
          term_start: '2025-01-01',
          term_end: '2026-01-01',
        },
      ],
      header,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        fullName: 'Ana',
        documentId: '12345678',
        constituencyCode: '0601',
        organization: null,
        termStart: '2025-01-01',
        termEnd: '2026-01-01',
        status: 'active',
        alternateOfDocumentId: null,
        email: null,
      },
    ]);
  });

  it(`accepts exactly ${MAX_IMPORT_ROWS} rows`, () => {
    const records = Array.from({ length: MAX_IMPORT_ROWS }, () => row());
    const { rows, errors } = validate(records);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(rows.at(-1)!.line).toBe(MAX_IMPORT_ROWS + 1);
  });

  it('numbers lines from 2 for the first data row (the header is line 1)', () => {
    const { rows } = validate([row(), row(), row()]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    const { errors } = validate([row(), row(), row({ email: 'bad' })]);
    expect(errors).toEqual([{ line: 4, column: 'email', problem: 'bad_email' }]);
  });

  it('does not mutate the records or the context', () => {
    const records = [row({ document_id: ' ab123456 ' })];
    const snapshot = structuredClone(records);
    const context = makeContext();
    validate(records, HEADER, context);
    expect(records).toEqual(snapshot);
    expect(context.existingDocumentIds.size).toBe(4);
  });
});

describe('validateDelegateImport: header problems', () => {
  it('reports an unknown column on line 1', () => {
    const { rows, errors } = validate([row()], [...HEADER, 'phone']);
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, column: 'phone', problem: 'unknown_column' }]);
  });

  it('reports the unknown column normalised, and an empty header cell', () => {
    const { errors } = validate([row()], [...HEADER, ' Teléfono ', '']);
    expect(errors).toEqual([
      { line: 1, column: 'teléfono', problem: 'unknown_column' },
      { line: 1, column: '', problem: 'unknown_column' },
    ]);
  });

  it('reports each missing required column', () => {
    const header = HEADER.filter((c) => c !== 'term_end' && c !== 'document_id');
    const { rows, errors } = validate([row()], header);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 1, column: 'document_id', problem: 'missing_column' },
      { line: 1, column: 'term_end', problem: 'missing_column' },
    ]);
  });

  it('does not require the optional columns', () => {
    for (const optional of ['organization', 'status', 'alternate_of', 'email']) {
      const { errors } = validate(
        [row()],
        HEADER.filter((c) => c !== optional),
      );
      expect(errors).toEqual([]);
    }
  });

  it('reports a file without data rows', () => {
    expect(validate([])).toEqual({ rows: [], errors: [{ line: 1, column: null, problem: 'no_rows' }] });
  });

  it(`reports more than ${MAX_IMPORT_ROWS} rows, with the limit as detail`, () => {
    const records = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row());
    expect(validate(records)).toEqual({
      rows: [],
      errors: [{ line: 1, column: null, problem: 'too_many_rows', detail: '2000' }],
    });
  });

  it('reports every header problem at once and does not look at the rows', () => {
    const header = [...HEADER.filter((c) => c !== 'full_name'), 'phone'];
    const { rows, errors } = validate([row({ email: 'not-an-email', document_id: 'x' })], header);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 1, column: 'phone', problem: 'unknown_column' },
      { line: 1, column: 'full_name', problem: 'missing_column' },
    ]);
  });

  it('combines a missing column with no rows', () => {
    const { errors } = validate([], ['full_name']);
    expect(errors.map((e) => e.problem)).toEqual([
      'missing_column',
      'missing_column',
      'missing_column',
      'missing_column',
      'no_rows',
    ]);
    expect(errors.every((e) => e.line === 1)).toBe(true);
  });
});

describe('validateDelegateImport: field problems', () => {
  describe('required', () => {
    it.each(['full_name', 'document_id', 'constituency', 'term_start', 'term_end'])(
      '%s empty, blank or absent',
      (column) => {
        for (const value of ['', '   ', undefined]) {
          const errors = errorsOf({ [column]: value });
          expect(errors).toEqual([{ line: 2, column, problem: 'required' }]);
          expect(errors[0]).not.toHaveProperty('detail');
        }
      },
    );

    it('reports every empty required field of a row', () => {
      const errors = validate([
        { full_name: '', document_id: '', constituency: '', term_start: '', term_end: '' },
      ]).errors;
      expect(errors).toEqual([
        { line: 2, column: 'full_name', problem: 'required' },
        { line: 2, column: 'document_id', problem: 'required' },
        { line: 2, column: 'constituency', problem: 'required' },
        { line: 2, column: 'term_start', problem: 'required' },
        { line: 2, column: 'term_end', problem: 'required' },
      ]);
    });
  });

  describe('too_long', () => {
    it('accepts 200 characters in full_name and organization (after trimming)', () => {
      expect(errorsOf({ full_name: ` ${'a'.repeat(200)} `, organization: 'o'.repeat(200) })).toEqual([]);
    });

    it('rejects 201 characters in full_name', () => {
      expect(errorsOf({ full_name: 'a'.repeat(201) })).toEqual([
        { line: 2, column: 'full_name', problem: 'too_long', detail: '200' },
      ]);
    });

    it('rejects 201 characters in organization', () => {
      expect(errorsOf({ organization: 'o'.repeat(201) })).toEqual([
        { line: 2, column: 'organization', problem: 'too_long', detail: '200' },
      ]);
    });
  });

  describe('bad_document_id', () => {
    it.each(['12345678', '123456789012', 'AB123456', 'ab123456', ' 12345678 '])(
      'accepts %j',
      (documentId) => {
        expect(errorsOf({ document_id: documentId })).toEqual([]);
      },
    );

    it.each(['1234567', '1234567890123', '1234-5678', '12 345 678', 'ÑA123456', '12345678.'])(
      'rejects %j',
      (documentId) => {
        expect(errorsOf({ document_id: documentId })).toEqual([
          { line: 2, column: 'document_id', problem: 'bad_document_id' },
        ]);
      },
    );
  });

  describe('bad_date', () => {
    it.each(['2024-02-29', '2025-12-31', '2025-01-01'])('accepts %s as a start', (date) => {
      expect(errorsOf({ term_start: date, term_end: '2027-01-01' })).toEqual([]);
    });

    it.each([
      '2026-02-30',
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-1',
      '01/02/2025',
      '2025/01/02',
      '2025-01-01T00:00:00Z',
      'mañana',
    ])('rejects %j with the value as detail', (date) => {
      expect(errorsOf({ term_start: date })).toEqual([
        { line: 2, column: 'term_start', problem: 'bad_date', detail: date },
      ]);
      expect(errorsOf({ term_end: date })).toEqual([
        { line: 2, column: 'term_end', problem: 'bad_date', detail: date },
      ]);
    });

    it('reports both dates, and no term_order, when both are bad', () => {
      expect(errorsOf({ term_start: '2026-02-30', term_end: '2020-01-01x' })).toEqual([
        { line: 2, column: 'term_start', problem: 'bad_date', detail: '2026-02-30' },
        { line: 2, column: 'term_end', problem: 'bad_date', detail: '2020-01-01x' },
      ]);
    });
  });

  describe('term_order', () => {
    it('rejects an end equal to the start', () => {
      expect(errorsOf({ term_start: '2025-06-01', term_end: '2025-06-01' })).toEqual([
        { line: 2, column: 'term_end', problem: 'term_order' },
      ]);
    });

    it('rejects an end before the start', () => {
      expect(errorsOf({ term_start: '2026-01-01', term_end: '2025-12-31' })).toEqual([
        { line: 2, column: 'term_end', problem: 'term_order' },
      ]);
    });

    it('is not reported when one date is invalid', () => {
      expect(errorsOf({ term_start: '2026-02-30', term_end: '2025-01-01' })).toEqual([
        { line: 2, column: 'term_start', problem: 'bad_date', detail: '2026-02-30' },
      ]);
    });
  });

  describe('bad_status', () => {
    it.each([
      ['', 'active'],
      ['  ', 'active'],
      [undefined, 'active'],
      ['active', 'active'],
      ['Suspended', 'suspended'],
      [' CEASED ', 'ceased'],
    ])('reads %j as %s', (status, expected) => {
      const { rows, errors } = validate([row({ status })]);
      expect(errors).toEqual([]);
      expect(rows[0]!.status).toBe(expected);
    });

    it.each([
      ['retired', 'retired'],
      ['Activo', 'activo'],
      ['inactive', 'inactive'],
    ])('rejects %j (detail %j)', (status, detail) => {
      expect(errorsOf({ status })).toEqual([{ line: 2, column: 'status', problem: 'bad_status', detail }]);
    });
  });

  describe('bad_email', () => {
    it.each(['ana@example.pe', 'a.b+c@sub.example.org', ' ANA@EXAMPLE.PE '])('accepts %j', (email) => {
      expect(errorsOf({ email })).toEqual([]);
    });

    it.each(['no-at-sign', 'ana@example', '@example.pe', 'ana@', 'ana maria@example.pe', 'a@b@c.pe'])(
      'rejects %j',
      (email) => {
        expect(errorsOf({ email })).toEqual([{ line: 2, column: 'email', problem: 'bad_email' }]);
      },
    );

    it('rejects an address longer than 254 characters', () => {
      const at254 = `${'a'.repeat(254 - '@example.pe'.length)}@example.pe`;
      expect(at254).toHaveLength(254);
      expect(errorsOf({ email: at254 })).toEqual([]);
      expect(errorsOf({ email: `a${at254}` })).toEqual([{ line: 2, column: 'email', problem: 'bad_email' }]);
    });
  });

  describe('unknown_constituency', () => {
    it.each(['Lima', '0699', 'Cajamarca 2', '06 01'])('rejects %j with the raw value as detail', (name) => {
      expect(errorsOf({ constituency: name })).toEqual([
        { line: 2, column: 'constituency', problem: 'unknown_constituency', detail: name },
      ]);
    });

    it('reports the trimmed value', () => {
      expect(errorsOf({ constituency: '  Lima ' })).toEqual([
        { line: 2, column: 'constituency', problem: 'unknown_constituency', detail: 'Lima' },
      ]);
    });
  });

  it('reports several field problems of one row, in column-check order', () => {
    expect(
      errorsOf({
        full_name: '',
        document_id: '12',
        constituency: 'Lima',
        term_start: '2026-02-30',
        status: 'x',
        email: 'y',
      }),
    ).toEqual([
      { line: 2, column: 'full_name', problem: 'required' },
      { line: 2, column: 'document_id', problem: 'bad_document_id' },
      { line: 2, column: 'constituency', problem: 'unknown_constituency', detail: 'Lima' },
      { line: 2, column: 'term_start', problem: 'bad_date', detail: '2026-02-30' },
      { line: 2, column: 'status', problem: 'bad_status', detail: 'x' },
      { line: 2, column: 'email', problem: 'bad_email' },
    ]);
  });
});

describe('validateDelegateImport: duplicates inside the file', () => {
  it('points a repeated document id to its first line (case-insensitive)', () => {
    const { rows, errors } = validate([
      row({ document_id: 'ab123456' }),
      row(),
      row({ document_id: 'AB123456' }),
      row({ document_id: ' Ab123456 ' }),
    ]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 4, column: 'document_id', problem: 'duplicate_in_file', detail: '2' },
      { line: 5, column: 'document_id', problem: 'duplicate_in_file', detail: '2' },
    ]);
  });

  it('points a repeated email to its first line (case-insensitive)', () => {
    const { rows, errors } = validate([
      row(),
      row({ email: 'ana@example.pe' }),
      row({ email: 'ANA@Example.pe' }),
    ]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 4, column: 'email', problem: 'duplicate_in_file', detail: '3' }]);
  });

  it('does not treat several empty emails as duplicates', () => {
    expect(validate([row({ email: '' }), row({ email: '  ' }), row()]).errors).toEqual([]);
  });

  it('still counts the first occurrence even if that row has other errors', () => {
    const { errors } = validate([
      row({ document_id: '55555555', email: 'bad' }),
      row({ document_id: '55555555' }),
    ]);
    expect(errors).toEqual([
      { line: 2, column: 'email', problem: 'bad_email' },
      { line: 3, column: 'document_id', problem: 'duplicate_in_file', detail: '2' },
    ]);
  });
});

describe('validateDelegateImport: clashes with stored data', () => {
  it('document_id_taken when a delegate with that document is stored', () => {
    expect(errorsOf({ document_id: '22222222' })).toEqual([
      { line: 2, column: 'document_id', problem: 'document_id_taken', detail: '22222222' },
    ]);
  });

  it('email_linked when the account is already linked to a delegate (case-insensitive)', () => {
    expect(errorsOf({ email: ' Ocupado@Example.PE ' })).toEqual([
      { line: 2, column: 'email', problem: 'email_linked', detail: 'ocupado@example.pe' },
    ]);
  });

  it('email_staff when the account holds staff roles, unless the secretariat confirmed it', () => {
    const staff = { ...makeContext(), staffEmails: new Map([['mesa@example.pe', ['moderator']]]) };
    expect(validate([row({ email: 'Mesa@Example.pe' })], HEADER, staff).errors).toEqual([
      { line: 2, column: 'email', problem: 'email_staff', detail: 'mesa@example.pe (moderator)' },
    ]);
    const confirmed = validate([row({ email: 'mesa@example.pe' })], HEADER, {
      ...staff,
      confirmStaffAccounts: true,
    });
    expect(confirmed.errors).toEqual([]);
    expect(confirmed.rows[0]!.email).toBe('mesa@example.pe');
  });

  it('reports both a file duplicate and a stored clash for the same value', () => {
    const { errors } = validate([row({ document_id: '22222222' }), row({ document_id: '22222222' })]);
    expect(errors).toEqual([
      { line: 2, column: 'document_id', problem: 'document_id_taken', detail: '22222222' },
      { line: 3, column: 'document_id', problem: 'duplicate_in_file', detail: '2' },
      { line: 3, column: 'document_id', problem: 'document_id_taken', detail: '22222222' },
    ]);
  });
});

describe('validateDelegateImport: alternates', () => {
  const alternateError = (line: number, detail: string): RowError => ({
    line,
    column: 'alternate_of',
    problem: 'alternate_invalid',
    detail,
  });

  it('titular_missing when the titular is neither in the file nor stored', () => {
    const { rows, errors } = validate([row(), row({ alternate_of: '99999999' })]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([alternateError(3, 'titular_missing')]);
  });

  it('self_reference when a row names itself as titular', () => {
    expect(errorsOf({ document_id: '56565656', alternate_of: '56565656' })).toEqual([
      alternateError(2, 'self_reference'),
    ]);
  });

  it('rejects an alternate of an alternate inside the file (both links are flagged)', () => {
    const { rows, errors } = validate([
      row({ document_id: '10000001' }),
      row({ document_id: '10000002', alternate_of: '10000001' }),
      row({ document_id: '10000003', alternate_of: '10000002' }),
    ]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      alternateError(3, 'has_own_alternate'),
      alternateError(4, 'titular_is_alternate'),
    ]);
  });

  it('rejects an alternate of a stored alternate', () => {
    expect(errorsOf({ alternate_of: '33333333' })).toEqual([alternateError(2, 'titular_is_alternate')]);
  });

  it('rejects two alternates for one titular in the file (both lines)', () => {
    const { rows, errors } = validate([
      row({ document_id: '10000001', alternate_of: '20000001' }),
      row({ document_id: '20000001' }),
      row({ document_id: '10000002', alternate_of: '20000001' }),
    ]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      alternateError(2, 'titular_has_alternate'),
      alternateError(4, 'titular_has_alternate'),
    ]);
  });

  it('rejects an alternate from another province than its titular in the file', () => {
    const { errors } = validate([
      row({ document_id: '20000001', constituency: 'Cajamarca' }),
      row({ alternate_of: '20000001', constituency: 'Jaén' }),
    ]);
    expect(errors).toEqual([alternateError(3, 'other_constituency')]);
  });

  it('rejects an alternate from another province than its stored titular', () => {
    expect(errorsOf({ alternate_of: '44444444', constituency: '0601' })).toEqual([
      alternateError(2, 'other_constituency'),
    ]);
    expect(errorsOf({ alternate_of: '44444444', constituency: 'jaén' })).toEqual([]);
  });

  it('rejects an alternate of a stored titular that already has an alternate', () => {
    expect(errorsOf({ alternate_of: '11111111' })).toEqual([alternateError(2, 'titular_has_alternate')]);
  });

  it('rejects a row that is an alternate of a stored titular while having its own alternate in the file', () => {
    const { errors } = validate([
      row({ document_id: '10000001', alternate_of: '22222222' }),
      row({ document_id: '10000002', alternate_of: '10000001' }),
    ]);
    expect(errors).toEqual([
      alternateError(2, 'has_own_alternate'),
      alternateError(3, 'titular_is_alternate'),
    ]);
  });

  it('rejects two alternates in the file for the same stored titular (at most one alternate)', () => {
    // 22222222 is stored without alternate; the file gives it two. Each link looks fine on its own,
    // but together they break "a titular has at most one alternate".
    const { rows, errors } = validate([
      row({ document_id: '10000001', alternate_of: '22222222' }),
      row({ document_id: '10000002', alternate_of: '22222222' }),
    ]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      alternateError(2, 'titular_has_alternate'),
      alternateError(3, 'titular_has_alternate'),
    ]);
  });

  it('rejects the file when the titular row itself is invalid', () => {
    const { rows, errors } = validate([
      row({ document_id: '20000001', email: 'bad' }),
      row({ alternate_of: '20000001' }),
    ]);
    expect(rows).toEqual([]);
    // Only the titular's own error: its alternate is not also reported as pointing to a missing titular.
    expect(errors).toEqual([{ line: 2, column: 'email', problem: 'bad_email' }]);
  });

  it('does not check alternate links of rows that already failed', () => {
    expect(errorsOf({ alternate_of: '99999999', email: 'bad' })).toEqual([
      { line: 2, column: 'email', problem: 'bad_email' },
    ]);
  });
});

describe('validateDelegateImport: error order and all-or-nothing', () => {
  it('sorts errors by line, alternate errors included', () => {
    const { errors } = validate([
      row({ alternate_of: '99999999' }),
      row({ email: 'bad' }),
      row({ alternate_of: '11111111' }),
      row({ document_id: '1' }),
    ]);
    expect(errors.map((e) => [e.line, e.problem])).toEqual([
      [2, 'alternate_invalid'],
      [3, 'bad_email'],
      [4, 'alternate_invalid'],
      [5, 'bad_document_id'],
    ]);
  });

  it('keeps the column order for errors on the same line', () => {
    const { errors } = validate([row(), row({ term_end: '', status: 'x', email: 'y' })]);
    expect(errors.map((e) => e.column)).toEqual(['term_end', 'status', 'email']);
  });

  it.each<[string, Record_[]]>([
    ['a required field', [row(), row({ full_name: '' })]],
    ['a bad date', [row(), row({ term_end: '2026-02-30' })]],
    ['a duplicate', [row({ document_id: '88888888' }), row({ document_id: '88888888' })]],
    ['a stored clash', [row(), row({ document_id: '11111111' })]],
    ['a linked email', [row(), row({ email: 'ocupado@example.pe' })]],
    ['an alternate problem', [row(), row({ alternate_of: '33333333' })]],
  ])('returns no rows when there is %s, even if other rows are valid', (_, records) => {
    const { rows, errors } = validate(records);
    expect(errors.length).toBeGreaterThan(0);
    expect(rows).toEqual([]);
  });
});

describe('describeRowError', () => {
  const cases: [RowError, string, string][] = [
    [{ line: 2, column: 'full_name', problem: 'required' }, 'campo obligatorio', 'required field'],
    [
      { line: 2, column: 'full_name', problem: 'too_long', detail: '200' },
      'demasiado largo (máximo 200 caracteres)',
      'too long (at most 200 characters)',
    ],
    [
      { line: 2, column: 'document_id', problem: 'bad_document_id' },
      'documento no válido (8 a 12 dígitos o letras)',
      'invalid document (8 to 12 digits or letters)',
    ],
    [
      { line: 2, column: 'term_start', problem: 'bad_date', detail: '2026-02-30' },
      'fecha no válida «2026-02-30» (use AAAA-MM-DD)',
      'invalid date "2026-02-30" (use YYYY-MM-DD)',
    ],
    [
      { line: 2, column: 'status', problem: 'bad_status', detail: 'retired' },
      'estado no válido «retired» (active, suspended, ceased)',
      'invalid status "retired" (active, suspended, ceased)',
    ],
    [{ line: 2, column: 'email', problem: 'bad_email' }, 'correo no válido', 'invalid email'],
    [
      { line: 2, column: 'constituency', problem: 'unknown_constituency', detail: 'Lima' },
      'provincia desconocida «Lima»',
      'unknown province "Lima"',
    ],
    [
      { line: 2, column: 'term_end', problem: 'term_order' },
      'el fin del mandato debe ser posterior al inicio',
      'the term must end after it starts',
    ],
    [
      { line: 4, column: 'document_id', problem: 'duplicate_in_file', detail: '2' },
      'repetido (ya aparece en la línea 2)',
      'duplicated (already on line 2)',
    ],
    [
      { line: 2, column: 'document_id', problem: 'document_id_taken', detail: '22222222' },
      'ya existe un delegado con el documento 22222222',
      'a delegate with document 22222222 already exists',
    ],
    [
      { line: 2, column: 'email', problem: 'email_linked', detail: 'ocupado@example.pe' },
      'la cuenta ocupado@example.pe ya está vinculada a otro delegado',
      'account ocupado@example.pe is already linked to another delegate',
    ],
    [{ line: 1, column: 'phone', problem: 'unknown_column' }, 'columna desconocida', 'unknown column'],
    [{ line: 1, column: 'term_end', problem: 'missing_column' }, 'falta la columna', 'missing column'],
    [
      { line: 1, column: null, problem: 'too_many_rows', detail: '2000' },
      'demasiadas filas (máximo 2000)',
      'too many rows (at most 2000)',
    ],
    [
      { line: 1, column: null, problem: 'no_rows' },
      'el archivo no tiene filas de datos',
      'the file has no data rows',
    ],
    [
      { line: 3, column: 'alternate_of', problem: 'alternate_invalid', detail: 'titular_has_alternate' },
      'el titular ya tiene suplente',
      'the titular already has an alternate',
    ],
  ];

  it.each(cases)('%j', (error, es, en) => {
    expect(describeRowError(error, 'es')).toBe(es);
    expect(describeRowError(error, 'en')).toBe(en);
  });

  it('covers every row problem with distinct, placeholder-free text in both languages', () => {
    const problems: RowProblem[] = [
      'required',
      'too_long',
      'bad_document_id',
      'bad_date',
      'bad_status',
      'bad_email',
      'unknown_constituency',
      'term_order',
      'duplicate_in_file',
      'document_id_taken',
      'email_linked',
      'unknown_column',
      'missing_column',
      'too_many_rows',
      'no_rows',
    ];
    for (const problem of problems) {
      const error: RowError = { line: 2, column: null, problem, detail: 'X' };
      const es = describeRowError(error, 'es');
      const en = describeRowError(error, 'en');
      expect(es.trim()).not.toBe('');
      expect(en.trim()).not.toBe('');
      expect(es).not.toBe(en);
      expect(`${es} ${en}`).not.toMatch(/\{\w+\}/);
    }
  });

  it.each(Object.keys(ALTERNATE_PROBLEM_TEXT) as (keyof typeof ALTERNATE_PROBLEM_TEXT)[])(
    'describes alternate problem %s with its own text',
    (detail) => {
      const error: RowError = { line: 2, column: 'alternate_of', problem: 'alternate_invalid', detail };
      expect(describeRowError(error, 'es')).toBe(ALTERNATE_PROBLEM_TEXT[detail].es);
      expect(describeRowError(error, 'en')).toBe(ALTERNATE_PROBLEM_TEXT[detail].en);
    },
  );

  it('falls back to the problem code for an unknown alternate detail', () => {
    expect(
      describeRowError(
        { line: 2, column: 'alternate_of', problem: 'alternate_invalid', detail: 'weird' },
        'es',
      ),
    ).toBe('alternate_invalid');
    expect(describeRowError({ line: 2, column: 'alternate_of', problem: 'alternate_invalid' }, 'en')).toBe(
      'alternate_invalid',
    );
  });

  it('fills a missing detail with an empty string', () => {
    expect(describeRowError({ line: 2, column: 'term_start', problem: 'bad_date' }, 'en')).toBe(
      'invalid date "" (use YYYY-MM-DD)',
    );
  });

  it('describes every error a real validation returns, with the detail inside', () => {
    const { errors } = validate([
      row({ document_id: '40123456', term_start: '2026-02-30', constituency: 'Lima' }),
      row({ document_id: '40123456' }),
    ]);
    expect(errors.map((e) => describeRowError(e, 'en'))).toEqual([
      'unknown province "Lima"',
      'invalid date "2026-02-30" (use YYYY-MM-DD)',
      'duplicated (already on line 2)',
    ]);
    expect(errors.map((e) => describeRowError(e, 'es'))).toEqual([
      'provincia desconocida «Lima»',
      'fecha no válida «2026-02-30» (use AAAA-MM-DD)',
      'repetido (ya aparece en la línea 2)',
    ]);
  });

  it('echoes user text containing $ sequences verbatim (e.g. a province typed as "$&")', () => {
    // The detail comes straight from the CSV; String.prototype.replace treats "$&", "$`", "$'" in a
    // replacement string as patterns, so the message shows something other than what was typed.
    const error: RowError = {
      line: 2,
      column: 'constituency',
      problem: 'unknown_constituency',
      detail: 'Lima$&',
    };
    expect(describeRowError(error, 'en')).toBe('unknown province "Lima$&"');
  });
});
