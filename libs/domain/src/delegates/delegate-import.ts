import { foldForSearch } from '../text/fold.js';
import type { Language } from '../errors/error-catalogue.js';
import {
  ALTERNATE_PROBLEM_TEXT,
  DELEGATE_STATUSES,
  alternateProblem,
  isTermValid,
  type DelegateSeat,
  type DelegateStatus,
} from './delegate-rules.js';

export const IMPORT_COLUMNS = [
  'full_name',
  'document_id',
  'constituency',
  'organization',
  'term_start',
  'term_end',
  'status',
  'alternate_of',
  'email',
] as const;
const REQUIRED_COLUMNS = ['full_name', 'document_id', 'constituency', 'term_start', 'term_end'] as const;
export const MAX_IMPORT_ROWS = 2000;

type Column = (typeof IMPORT_COLUMNS)[number];

export interface DelegateImportRow {
  line: number;
  fullName: string;
  documentId: string;
  constituencyCode: string;
  organization: string | null;
  termStart: string;
  termEnd: string;
  status: DelegateStatus;
  alternateOfDocumentId: string | null;
  email: string | null;
}

export type RowProblem =
  | 'required'
  | 'too_long'
  | 'bad_document_id'
  | 'bad_date'
  | 'bad_status'
  | 'bad_email'
  | 'unknown_constituency'
  | 'term_order'
  | 'duplicate_in_file'
  | 'document_id_taken'
  | 'email_linked'
  | 'email_staff'
  | 'alternate_invalid'
  | 'unknown_column'
  | 'missing_column'
  | 'too_many_rows'
  | 'no_rows';

export interface RowError {
  /** Line in the file (the header is line 1); 1 for header problems. */
  line: number;
  column: string | null;
  problem: RowProblem;
  detail?: string;
}

export interface ImportContext {
  /** Province code or folded province name → province code. */
  constituencyByKey: ReadonlyMap<string, string>;
  existingDocumentIds: ReadonlySet<string>;
  existingByDocumentId: ReadonlyMap<string, DelegateSeat & { currentAlternateId: string | null }>;
  /** Lower-cased emails of accounts already linked to a delegate. */
  emailsLinkedToDelegates: ReadonlySet<string>;
  /** Lower-cased emails of accounts that hold a staff role (admin, moderator, liaison) → those roles. */
  staffEmails?: ReadonlyMap<string, readonly string[]>;
  /** The secretariat confirmed that staff accounts in the file are to be seated (and may vote). */
  confirmStaffAccounts?: boolean;
}

const DOCUMENT_ID = /^[0-9A-Z]{8,12}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Validates a whole delegate list before anything is written: field formats, duplicates inside the
 * file, clashes with stored delegates and alternate links (to rows of the file or stored titulars).
 * Returns every problem at once so the secretariat can fix the file in one pass.
 */
export function validateDelegateImport(
  header: readonly string[],
  records: readonly Record<string, string | undefined>[],
  context: ImportContext,
  /** Line of each record in the file, when the parser knows it (blank lines, multi-line fields). */
  lines?: readonly number[],
): { rows: DelegateImportRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const normalizedHeader = header.map((h) => h.trim().toLowerCase());
  for (const column of normalizedHeader) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ line: 1, column, problem: 'unknown_column' });
    }
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!normalizedHeader.includes(column)) errors.push({ line: 1, column, problem: 'missing_column' });
  }
  if (records.length === 0) errors.push({ line: 1, column: null, problem: 'no_rows' });
  if (records.length > MAX_IMPORT_ROWS) {
    errors.push({ line: 1, column: null, problem: 'too_many_rows', detail: String(MAX_IMPORT_ROWS) });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: DelegateImportRow[] = [];
  const linesByDocument = new Map<string, number>();
  const linesByEmail = new Map<string, number>();
  const failedDocumentIds = new Set<string>();

  records.forEach((record, index) => {
    const line = lines?.[index] ?? index + 2;
    const get = (column: Column): string => (record[column] ?? '').trim();
    const fail = (column: Column | null, problem: RowProblem, detail?: string) =>
      errors.push({ line, column, problem, ...(detail !== undefined ? { detail } : {}) });
    const before = errors.length;

    for (const column of REQUIRED_COLUMNS) if (get(column) === '') fail(column, 'required');
    const fullName = get('full_name');
    if (fullName.length > 200) fail('full_name', 'too_long', '200');
    const documentId = get('document_id').toUpperCase();
    if (documentId && !DOCUMENT_ID.test(documentId)) fail('document_id', 'bad_document_id');
    const constituencyRaw = get('constituency');
    const constituencyCode =
      context.constituencyByKey.get(constituencyRaw) ??
      context.constituencyByKey.get(foldForSearch(constituencyRaw));
    if (constituencyRaw && !constituencyCode) fail('constituency', 'unknown_constituency', constituencyRaw);
    const organization = get('organization');
    if (organization.length > 200) fail('organization', 'too_long', '200');
    const termStart = get('term_start');
    const termEnd = get('term_end');
    if (termStart && !isIsoDate(termStart)) fail('term_start', 'bad_date', termStart);
    if (termEnd && !isIsoDate(termEnd)) fail('term_end', 'bad_date', termEnd);
    if (isIsoDate(termStart) && isIsoDate(termEnd) && !isTermValid(termStart, termEnd))
      fail('term_end', 'term_order');
    const status = (get('status') || 'active').toLowerCase();
    if (!(DELEGATE_STATUSES as readonly string[]).includes(status)) fail('status', 'bad_status', status);
    const email = get('email').toLowerCase();
    if (email && (!EMAIL.test(email) || email.length > 254)) fail('email', 'bad_email');
    const alternateOf = get('alternate_of').toUpperCase();

    if (documentId) {
      const firstLine = linesByDocument.get(documentId);
      if (firstLine !== undefined) fail('document_id', 'duplicate_in_file', String(firstLine));
      else linesByDocument.set(documentId, line);
      if (context.existingDocumentIds.has(documentId)) fail('document_id', 'document_id_taken', documentId);
    }
    if (email) {
      const firstLine = linesByEmail.get(email);
      if (firstLine !== undefined) fail('email', 'duplicate_in_file', String(firstLine));
      else linesByEmail.set(email, line);
      if (context.emailsLinkedToDelegates.has(email)) fail('email', 'email_linked', email);
      // Seating a staff account makes a moderator or a liaison a voter: never silently.
      const staff = context.staffEmails?.get(email);
      if (staff && !context.confirmStaffAccounts)
        fail('email', 'email_staff', `${email} (${staff.join(', ')})`);
    }

    if (errors.length > before) failedDocumentIds.add(documentId);
    if (errors.length === before) {
      rows.push({
        line,
        fullName,
        documentId,
        constituencyCode: constituencyCode as string,
        organization: organization || null,
        termStart,
        termEnd,
        status: status as DelegateStatus,
        alternateOfDocumentId: alternateOf || null,
        email: email || null,
      });
    }
  });

  checkAlternates(rows, context, errors, failedDocumentIds);
  errors.sort((a, b) => a.line - b.line);
  return { rows: errors.length === 0 ? rows : [], errors };
}

function checkAlternates(
  rows: DelegateImportRow[],
  context: ImportContext,
  errors: RowError[],
  failedDocumentIds: ReadonlySet<string>,
): void {
  const inFile = new Map(rows.map((row) => [row.documentId, row]));
  const alternateCount = new Map<string, number>();
  for (const row of rows) {
    if (row.alternateOfDocumentId) {
      alternateCount.set(row.alternateOfDocumentId, (alternateCount.get(row.alternateOfDocumentId) ?? 0) + 1);
    }
  }
  for (const row of rows) {
    const target = row.alternateOfDocumentId;
    // A titular whose own row failed is already reported; calling it "missing" would mislead.
    if (!target || failedDocumentIds.has(target)) continue;
    const fileTitular = inFile.get(target);
    const titular = fileTitular
      ? {
          id: fileTitular.documentId,
          constituencyCode: fileTitular.constituencyCode,
          status: fileTitular.status,
          alternateOfId: fileTitular.alternateOfDocumentId,
          termStart: fileTitular.termStart,
          termEnd: fileTitular.termEnd,
          currentAlternateId: (alternateCount.get(target) ?? 0) > 1 ? '(duplicate)' : null,
        }
      : storedTitular(context, target, alternateCount.get(target) ?? 0);
    const problem = alternateProblem(
      {
        id: fileTitular ? row.documentId : undefined,
        constituencyCode: row.constituencyCode,
        hasOwnAlternate: alternateCount.has(row.documentId),
      },
      titular,
    );
    if (problem)
      errors.push({ line: row.line, column: 'alternate_of', problem: 'alternate_invalid', detail: problem });
  }
}

/** A stored titular named by several rows of the file counts as taken for all of them. */
function storedTitular(context: ImportContext, documentId: string, alternatesInFile: number) {
  const stored = context.existingByDocumentId.get(documentId);
  if (!stored || alternatesInFile <= 1) return stored;
  return { ...stored, currentAlternateId: stored.currentAlternateId ?? '(several rows of the file)' };
}

const ROW_PROBLEM_TEXT: Record<Exclude<RowProblem, 'alternate_invalid'>, { es: string; en: string }> = {
  required: { es: 'campo obligatorio', en: 'required field' },
  too_long: {
    es: 'demasiado largo (máximo {detail} caracteres)',
    en: 'too long (at most {detail} characters)',
  },
  bad_document_id: {
    es: 'documento no válido (8 a 12 dígitos o letras)',
    en: 'invalid document (8 to 12 digits or letters)',
  },
  bad_date: {
    es: 'fecha no válida «{detail}» (use AAAA-MM-DD)',
    en: 'invalid date "{detail}" (use YYYY-MM-DD)',
  },
  bad_status: {
    es: 'estado no válido «{detail}» (active, suspended, ceased)',
    en: 'invalid status "{detail}" (active, suspended, ceased)',
  },
  bad_email: { es: 'correo no válido', en: 'invalid email' },
  unknown_constituency: { es: 'provincia desconocida «{detail}»', en: 'unknown province "{detail}"' },
  term_order: {
    es: 'el fin del mandato debe ser posterior al inicio',
    en: 'the term must end after it starts',
  },
  duplicate_in_file: {
    es: 'repetido (ya aparece en la línea {detail})',
    en: 'duplicated (already on line {detail})',
  },
  document_id_taken: {
    es: 'ya existe un delegado con el documento {detail}',
    en: 'a delegate with document {detail} already exists',
  },
  email_linked: {
    es: 'la cuenta {detail} ya está vinculada a otro delegado',
    en: 'account {detail} is already linked to another delegate',
  },
  email_staff: {
    es: 'la cuenta {detail} es del personal de la Asamblea: sentarla la hace votante; confírmelo para importar',
    en: 'account {detail} belongs to the assembly staff: seating it makes it a voter; confirm to import',
  },
  unknown_column: { es: 'columna desconocida', en: 'unknown column' },
  missing_column: { es: 'falta la columna', en: 'missing column' },
  too_many_rows: { es: 'demasiadas filas (máximo {detail})', en: 'too many rows (at most {detail})' },
  no_rows: { es: 'el archivo no tiene filas de datos', en: 'the file has no data rows' },
};

export function describeRowError(error: RowError, language: Language): string {
  if (error.problem === 'alternate_invalid') {
    const text = ALTERNATE_PROBLEM_TEXT[error.detail as keyof typeof ALTERNATE_PROBLEM_TEXT];
    return text ? text[language] : error.problem;
  }
  return ROW_PROBLEM_TEXT[error.problem][language].replace('{detail}', () => error.detail ?? '');
}
