import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

/** An evidence file as the record names it: by digest, with its name, size and type (no bytes). */
export interface EvidenceFileMeta {
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
}

const META = `sha256, file_name AS "fileName", size, media_type AS "mediaType"`;

/**
 * Stores the file unless its bytes are stored already (same digest); answers the stored file, which keeps
 * the name of its first upload.
 */
export async function storeEvidenceFile(
  m: EntityManager,
  file: EvidenceFileMeta & { content: Uint8Array; uploadedBy: string },
): Promise<EvidenceFileMeta & { created: boolean }> {
  const inserted: EvidenceFileMeta[] = await m.query(
    `INSERT INTO evidence_files (sha256, content, size, media_type, file_name, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING RETURNING ${META}`,
    [file.sha256, Buffer.from(file.content), file.size, file.mediaType, file.fileName, file.uploadedBy],
  );
  await m.query(
    `INSERT INTO evidence_uploads (sha256, uploaded_by) VALUES ($1, $2) ON CONFLICT (sha256, uploaded_by) DO NOTHING`,
    [file.sha256, file.uploadedBy],
  );
  if (inserted[0]) return { ...inserted[0], created: true };
  const [stored]: EvidenceFileMeta[] = await m.query(`SELECT ${META} FROM evidence_files WHERE sha256 = $1`, [
    file.sha256,
  ]);
  return { ...stored!, created: false };
}

/** The stored files among `digests`, in the order asked (missing ones are left out). */
/**
 * The files a report for `institutionCode` may cite: uploaded by that institution's liaisons or by the
 * secretariat. Another institution's upload is answered as unknown: citing would publish it under this
 * report, and a different answer would tell whether someone uploaded those bytes.
 */
export async function evidenceFilesByDigest(
  m: Source,
  digests: string[],
  institutionCode: string,
): Promise<EvidenceFileMeta[]> {
  if (digests.length === 0) return [];
  const rows: EvidenceFileMeta[] = await m.query(
    `SELECT ${META} FROM evidence_files
     WHERE sha256 = ANY($1::text[])
       AND sha256 IN (SELECT up.sha256 FROM evidence_uploads up
                      JOIN users u ON u.id = up.uploaded_by
                      LEFT JOIN institutions i ON i.id = u.institution_id
                      WHERE i.code = $2 OR 'admin' = ANY(u.roles))`,
    [digests, institutionCode],
  );
  const byDigest = new Map(rows.map((row) => [row.sha256, row]));
  return digests.flatMap((digest) => byDigest.get(digest) ?? []);
}

export async function attachEvidenceFiles(
  m: EntityManager,
  reportId: string,
  digests: string[],
): Promise<void> {
  if (digests.length === 0) return;
  await m.query(
    `INSERT INTO compliance_report_files (report_id, position, sha256)
     SELECT $1, ordinality - 1, sha256 FROM unnest($2::text[]) WITH ORDINALITY AS f(sha256, ordinality)`,
    [reportId, digests],
  );
}

/** A file with its bytes, only when a report cites it: an upload nobody cited is not public. */
export async function readPublishedEvidenceFile(
  source: Source,
  sha256: string,
): Promise<(EvidenceFileMeta & { content: Buffer }) | undefined> {
  const [row]: (EvidenceFileMeta & { content: Buffer })[] = await source.query(
    `SELECT ${META}, content FROM evidence_files f
     WHERE sha256 = $1 AND EXISTS (SELECT 1 FROM compliance_report_files r WHERE r.sha256 = f.sha256)`,
    [sha256],
  );
  return row;
}
