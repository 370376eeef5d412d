import {
  importDelegates,
  previewDelegateImport,
  type DelegateCsv,
  type DescribedRowError,
  type ImportOptions,
  type ImportPreview,
  type ImportResult,
} from '#application';
import type { AppConfig } from '#config';
import { DomainError, type Language } from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CredentialsService } from '../credentials/credentials.service.js';

export type { ImportPreview } from '#application';

export type ImportAnswer = Omit<ImportResult, 'enrolments'> & {
  enrolments: (ImportResult['enrolments'][number] & { url: string })[];
};

@Injectable()
export class DelegateImportService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly useCases: UseCaseRunner,
    private readonly credentials: CredentialsService,
  ) {}

  /** All or nothing (libs/application/src/delegates/import-delegates.ts); the file is parsed first. */
  async import(csv: string, language: Language, options: ImportOptions = {}): Promise<ImportAnswer> {
    const parsed = this.parse(csv, language);
    const result = await this.useCases.run((uow) =>
      importDelegates(uow, parsed, language, {
        ...options,
        enrolmentTtlHours: this.config.enrolmentCodeTtlHours,
      }),
    );
    return {
      ...result,
      enrolments: result.enrolments.map((e) => ({ ...e, url: this.credentials.enrolmentUrl(e.code) })),
    };
  }

  /** The same checks, nothing written; a file that is not CSV answers as a preview with that one error. */
  async preview(csv: string, language: Language, options: ImportOptions = {}): Promise<ImportPreview> {
    let parsed: DelegateCsv;
    try {
      parsed = this.parse(csv, language);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'CSV_INVALID') throw error;
      const { errors } = error.details as { errors: DescribedRowError[] };
      return { valid: false, columns: [], rows: [], errors, wouldCreate: 0, wouldLinkAccounts: 0 };
    }
    return this.useCases.run((uow) => previewDelegateImport(uow, parsed, language, options));
  }

  private parse(csv: string, language: Language): DelegateCsv {
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
}
