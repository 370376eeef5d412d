import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface StoredDocumentRow {
  content: Buffer;
  content_type: string;
  source_digest: string;
}

/** A document the worker generated (a resolution's PDF, a session's minutes), once it has. */
export async function readStoredDocument(
  source: Source,
  kind: 'resolution' | 'minutes',
  subject: string,
): Promise<StoredDocumentRow | undefined> {
  const [row]: StoredDocumentRow[] = await source.query(
    `SELECT content, content_type, source_digest FROM documents WHERE kind = $1 AND subject = $2`,
    [kind, subject],
  );
  return row;
}
