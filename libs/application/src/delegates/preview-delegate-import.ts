import { validateDelegateImport, type Language } from '#domain';
import type { UnitOfWork } from '../unit-of-work.js';
import {
  describeRowErrors,
  importContext,
  type DelegateCsv,
  type ImportOptions,
  type DescribedRowError,
} from './import-delegates.js';

/** What an import would do, row by row, without doing it. */
export interface ImportPreview {
  /** True when the import would go through as it stands. */
  valid: boolean;
  /** The file's columns, as read from its header (lower-cased). */
  columns: string[];
  /** Every record of the file with the line it ends on, as read. */
  rows: { line: number; values: Record<string, string> }[];
  /** Every problem, against its line (1 is the header); empty when valid. */
  errors: DescribedRowError[];
  /** How many delegates the import would seat (0 while there are errors). */
  wouldCreate: number;
  wouldLinkAccounts: number;
}

/**
 * The same checks as the import (libs/application/src/delegates/import-delegates.ts) against the
 * delegates on file now, writing nothing: the secretariat fixes the file before importing it.
 */
export async function previewDelegateImport(
  uow: UnitOfWork,
  { header, records, lines }: DelegateCsv,
  language: Language,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  const { rows, errors } = validateDelegateImport(
    header,
    records,
    await importContext(uow.m, options),
    lines,
  );
  return {
    valid: errors.length === 0,
    columns: header,
    rows: records.map((values, index) => ({ line: lines[index] ?? index + 2, values })),
    errors: describeRowErrors(errors, language),
    wouldCreate: rows.length,
    wouldLinkAccounts: rows.filter((row) => row.email !== null).length,
  };
}
