import { DomainError } from '#domain';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Documents the worker generated, served from where it stored them. */
@Injectable()
export class DocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async file(kind: 'resolution' | 'minutes', subject: string, filename: string): Promise<StreamableFile> {
    const [row]: { content: Buffer; content_type: string; source_digest: string }[] =
      await this.dataSource.query(
        `SELECT content, content_type, source_digest FROM documents WHERE kind = $1 AND subject = $2`,
        [kind, subject],
      );
    if (!row) throw new DomainError('DOCUMENT_NOT_READY');
    return new StreamableFile(row.content, {
      type: row.content_type,
      disposition: `inline; filename="${filename}"`,
      length: row.content.length,
    });
  }
}
