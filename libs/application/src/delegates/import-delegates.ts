import {
  DomainError,
  describeRowError,
  errorMessage,
  foldForSearch,
  validateDelegateImport,
  type ImportContext,
  type Language,
  type RowError,
} from '#domain';
import {
  delegateIdByDocument,
  lockDelegatesTable,
  readAllConstituencies,
  readDelegateAccountEmails,
  readDelegatesOnFile,
  readStaffAccountRoles,
} from '#persistence';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../unit-of-work.js';
import { delegateFacts } from './delegate-view.js';
import { issueEnrolment } from '../users/issue-enrolment.js';
import { seatDelegate } from './seat-delegate.js';

/** A parsed CSV file: its header, its records and the line each record ends on. */
export interface DelegateCsv {
  header: string[];
  records: Record<string, string>[];
  lines: number[];
}

export interface ImportResult {
  created: number;
  accountsLinkedOrCreated: number;
  /** Accounts holding staff roles that were seated (and so may vote), as the secretariat confirmed. */
  staffAccountsSeated: string[];
  /** The enrolment code of every account the import created, shown once, in the file's order. */
  enrolments: ImportedEnrolment[];
}

export interface ImportedEnrolment {
  line: number;
  delegateId: string;
  fullName: string;
  email: string;
  code: string;
  expiresAt: Date;
}

export interface ImportOptions {
  /** Seat rows whose email belongs to a staff account (refused row by row otherwise). */
  confirmStaffAccounts?: boolean;
  /** Who imports (the secretariat's account). */
  actorId?: string | null;
  /** Accounts created by the import get enrolment codes valid this long. */
  enrolmentTtlHours?: number;
}

/** What a file is checked against: provinces, delegates on file and accounts already linked. */
export async function importContext(m: EntityManager, options: ImportOptions = {}): Promise<ImportContext> {
  const constituencies = await readAllConstituencies(m);
  const constituencyByKey = new Map<string, string>();
  for (const c of constituencies) {
    constituencyByKey.set(c.code, c.code);
    constituencyByKey.set(foldForSearch(c.name), c.code);
  }
  const existing = await readDelegatesOnFile(m);
  const linked = await readDelegateAccountEmails(m);
  return {
    constituencyByKey,
    existingDocumentIds: new Set(existing.map((row) => row.document_id)),
    existingByDocumentId: new Map(
      existing.map((row) => [
        row.document_id,
        { ...delegateFacts(row), currentAlternateId: row.alternate_id },
      ]),
    ),
    emailsLinkedToDelegates: new Set(linked),
    staffEmails: await readStaffAccountRoles(m),
    confirmStaffAccounts: options.confirmStaffAccounts === true,
  };
}

async function titularOnFile(m: EntityManager, documentId: string): Promise<string> {
  const id = await delegateIdByDocument(m, documentId);
  // The validation above found it under the table lock: missing now is a defect, not a bad row.
  if (id === undefined) throw new Error(`no delegate with document ${documentId}`);
  return id;
}

/** A row's problem as the secretariat reads it: line, column, code and a message in their language. */
export interface DescribedRowError {
  line: number;
  column: string | null;
  problem: string;
  message: string;
}

export function describeRowErrors(errors: RowError[], language: Language): DescribedRowError[] {
  return errors.map((error) => ({
    line: error.line,
    column: error.column,
    problem: error.problem,
    message: describeRowError(error, language),
  }));
}

function invalid(errors: RowError[], language: Language): DomainError {
  return new DomainError(
    'CSV_INVALID',
    { count: errors.length },
    { errors: describeRowErrors(errors, language) },
  );
}

/**
 * All or nothing: every row is checked before anything is written, and the writes share the caller's
 * transaction, so a bad row (or a clash with a concurrent change) leaves the assembly untouched.
 */
export async function importDelegates(
  uow: UnitOfWork,
  { header, records, lines }: DelegateCsv,
  language: Language,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { m } = uow;
  // Serialises imports and manual creation checks against each other for the whole run.
  await lockDelegatesTable(m);
  const context = await importContext(m, options);
  const { rows, errors } = validateDelegateImport(header, records, context, lines);
  if (errors.length > 0) throw invalid(errors, language);
  const staffAccountsSeated = rows.flatMap((row) =>
    row.email && context.staffEmails?.has(row.email) ? [row.email] : [],
  );
  const idsByDocument = new Map<string, string>();
  let accounts = 0;
  const enrolments: ImportedEnrolment[] = [];
  const ordered = [...rows].sort(
    (a, b) => Number(a.alternateOfDocumentId !== null) - Number(b.alternateOfDocumentId !== null),
  );
  for (const row of ordered) {
    const alternateOfId = row.alternateOfDocumentId
      ? (idsByDocument.get(row.alternateOfDocumentId) ?? (await titularOnFile(m, row.alternateOfDocumentId)))
      : null;
    try {
      const { id, account } = await seatDelegate(
        uow,
        { ...row, alternateOfId, confirmStaffAccount: options.confirmStaffAccounts === true },
        options.actorId ?? null,
      );
      idsByDocument.set(row.documentId, id);
      if (account?.created && options.enrolmentTtlHours !== undefined) {
        const issued = await issueEnrolment(
          uow,
          options.actorId ?? null,
          account.userId,
          options.enrolmentTtlHours,
        );
        enrolments.push({
          line: row.line,
          delegateId: id,
          fullName: row.fullName,
          email: row.email!,
          code: issued.code,
          expiresAt: issued.expiresAt,
        });
      }
    } catch (error) {
      // Validation ran under the table lock, so this is rare (e.g. an account linked meanwhile).
      if (!(error instanceof DomainError)) throw error;
      const message = errorMessage(error.code, language, error.params);
      throw new DomainError(
        'CSV_INVALID',
        { count: 1 },
        {
          errors: [{ line: row.line, column: null, problem: error.code, message }],
        },
      );
    }
    if (row.email) accounts += 1;
  }
  enrolments.sort((a, b) => a.line - b.line);
  return { created: rows.length, accountsLinkedOrCreated: accounts, staffAccountsSeated, enrolments };
}
