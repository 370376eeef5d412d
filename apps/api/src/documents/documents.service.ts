import { DomainError } from '#domain';
import { readSessionStatus, readStoredDocument } from '#persistence';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Documents the worker generated, served from where it stored them. */
@Injectable()
export class DocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async file(kind: 'resolution' | 'minutes', subject: string, filename: string): Promise<StreamableFile> {
    const row = await readStoredDocument(this.dataSource, kind, subject);
    if (!row) throw new DomainError('DOCUMENT_NOT_READY');
    return new StreamableFile(row.content, {
      type: row.content_type,
      disposition: `inline; filename="${filename}"`,
      length: row.content.length,
    });
  }

  /** The minutes (acta) of a session, once the worker has generated them. */
  async minutes(sessionId: string): Promise<StreamableFile> {
    const status = await readSessionStatus(this.dataSource, sessionId);
    if (status === undefined) throw new DomainError('SESSION_NOT_FOUND');
    return this.file('minutes', sessionId, `acta-${sessionId}.pdf`);
  }
}
