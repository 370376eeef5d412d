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
import { ConstituencyEntity } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import { DelegatesService } from './delegates.service.js';

export interface ImportResult {
  created: number;
  accountsLinkedOrCreated: number;
}

@Injectable()
export class DelegateImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delegates: DelegatesService,
  ) {}

  /**
   * All or nothing: every row is checked before anything is written, and the writes share one
   * transaction, so a bad row (or a clash with a concurrent change) leaves the assembly untouched.
   */
  async import(csv: string, language: Language): Promise<ImportResult> {
    const { header, records, lines } = this.parse(csv, language);
    return this.dataSource.transaction(async (manager) => {
      // Serialises imports and manual creation checks against each other for the whole run.
      await manager.query('LOCK TABLE delegates IN SHARE ROW EXCLUSIVE MODE');
      const { rows, errors } = validateDelegateImport(header, records, await this.context(manager), lines);
      if (errors.length > 0) throw this.invalid(errors, language);
      const idsByDocument = new Map<string, string>();
      let accounts = 0;
      const ordered = [...rows].sort(
        (a, b) => Number(a.alternateOfDocumentId !== null) - Number(b.alternateOfDocumentId !== null),
      );
      for (const row of ordered) {
        const alternateOfId = row.alternateOfDocumentId
          ? (idsByDocument.get(row.alternateOfDocumentId) ??
            (await this.idOf(manager, row.alternateOfDocumentId)))
          : null;
        try {
          const id = await this.delegates.insert(manager, { ...row, alternateOfId });
          idsByDocument.set(row.documentId, id);
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
      return { created: rows.length, accountsLinkedOrCreated: accounts };
    });
  }

  private parse(
    csv: string,
    language: Language,
  ): { header: string[]; records: Record<string, string>[]; lines: number[] } {
    let header: string[] = [];
    try {
      const records = parse(csv, {
        bom: true,
        columns: (names: string[]) => {
          header = names.map((name) => name.trim().toLowerCase());
          return header;
        },
        skip_empty_lines: true,
        trim: true,
        relax_column_count: false,
        info: true,
      }) as { record: Record<string, string>; info: { lines: number } }[];
      // info.lines is the line where the record ends; multi-line quoted fields are rare, so that is what errors cite.
      return { header, records: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 1;
      throw new DomainError(
        'CSV_INVALID',
        { count: 1 },
        {
          errors: [
            {
              line,
              column: null,
              problem: 'unparseable',
              message:
                language === 'en'
                  ? `the file is not valid CSV: ${(error as Error).message}`
                  : `el archivo no es un CSV válido: ${(error as Error).message}`,
            },
          ],
        },
      );
    }
  }

  private async context(manager: EntityManager): Promise<ImportContext> {
    const constituencies = await manager.getRepository(ConstituencyEntity).find();
    const constituencyByKey = new Map<string, string>();
    for (const c of constituencies) {
      constituencyByKey.set(c.code, c.code);
      constituencyByKey.set(foldForSearch(c.name), c.code);
    }
    const existing: {
      id: string;
      document_id: string;
      constituency_code: string;
      status: 'active' | 'suspended' | 'ceased';
      alternate_of_id: string | null;
      term_start: string;
      term_end: string;
      alternate_id: string | null;
    }[] = await manager.query(`
      SELECT d.id, d.document_id, d.constituency_code, d.status, d.alternate_of_id,
             to_char(d.term_start, 'YYYY-MM-DD') AS term_start, to_char(d.term_end, 'YYYY-MM-DD') AS term_end,
             a.id AS alternate_id
      FROM delegates d LEFT JOIN delegates a ON a.alternate_of_id = d.id`);
    const linked: { email: string }[] = await manager.query(
      `SELECT u.email FROM users u JOIN delegates d ON d.user_id = u.id`,
    );
    return {
      constituencyByKey,
      existingDocumentIds: new Set(existing.map((row) => row.document_id)),
      existingByDocumentId: new Map(
        existing.map((row) => [
          row.document_id,
          {
            id: row.id,
            constituencyCode: row.constituency_code,
            status: row.status,
            alternateOfId: row.alternate_of_id,
            termStart: row.term_start,
            termEnd: row.term_end,
            currentAlternateId: row.alternate_id,
          },
        ]),
      ),
      emailsLinkedToDelegates: new Set(linked.map((row) => row.email)),
    };
  }

  private async idOf(manager: EntityManager, documentId: string): Promise<string> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM delegates WHERE document_id = $1', [
      documentId,
    ]);
    return rows[0]!.id;
  }

  private invalid(errors: RowError[], language: Language): DomainError {
    const described = errors.map((error) => ({
      line: error.line,
      column: error.column,
      problem: error.problem,
      message: describeRowError(error, language),
    }));
    return new DomainError('CSV_INVALID', { count: errors.length }, { errors: described });
  }
}
