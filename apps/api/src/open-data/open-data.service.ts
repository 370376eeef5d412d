import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DATASET_NAMES, DATASETS, type DatasetName } from './open-data.columns.js';
import {
  readme,
  shapeRows,
  toCsv,
  toDocument,
  type DatasetDocument,
  type Manifest,
  type ManifestEntry,
} from './open-data.format.js';

const ISO_DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const INSTITUTION_CODES = (table: string, key: string, id: string) =>
  `ARRAY(SELECT i.code FROM ${table} x JOIN institutions i ON i.id = x.institution_id WHERE x.${key} = ${id} ORDER BY 1)`;

/**
 * One query per dataset; every alias is a column name of open-data.columns.ts (shapeRows refuses a
 * row that lacks one). Rows come in a stable order so that two dumps of the same data are identical.
 */
const QUERIES: Record<DatasetName, string> = {
  // Public means filed (numbered): a draft, even a withdrawn one, never appears.
  motions: `
    SELECT m.id, m.number, CASE WHEN m.parent_id IS NULL THEN 'motion' ELSE 'amendment' END AS kind,
      p.number AS parent_number, m.title, m.body, m.rationale, m.status, m.inadmissible_reason,
      m.author_delegate_id, d.full_name AS author_name, c.code AS author_constituency_code,
      c.name AS author_constituency,
      ARRAY(SELECT objective_code FROM motion_objectives o WHERE o.motion_id = m.id ORDER BY 1) AS objectives,
      ${INSTITUTION_CODES('motion_institutions', 'motion_id', 'm.id')} AS institutions,
      ${ISO_DATE('m.compliance_deadline')} AS compliance_deadline,
      (SELECT count(*)::int FROM motion_cosponsors mc WHERE mc.motion_id = m.id) AS cosponsors,
      m.current_version, m.filed_at, m.updated_at
    FROM motions m
    JOIN delegates d ON d.id = m.author_delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    LEFT JOIN motions p ON p.id = m.parent_id
    WHERE m.number IS NOT NULL
    ORDER BY m.year, m.sequence`,

  // While a vote is open its tally and outcome are null (they are computed at the close).
  votes: `
    SELECT v.id, v.session_id, s.title AS session_title, v.kind, m.number AS motion_number, v.question, v.rule,
      v.rule_version, v.status,
      (SELECT count(*)::int FROM vote_entitlements e WHERE e.vote_id = v.id) AS entitled_count,
      v.present_at_opening, v.seated_at_opening, v.entitled_hash, v.opened_at, v.deadline, v.closed_at,
      (v.tally #>> '{counts,yes}')::int AS yes_count, (v.tally #>> '{counts,no}')::int AS no_count,
      (v.tally #>> '{counts,abstain}')::int AS abstain_count,
      (v.tally #>> '{counts,notVoted}')::int AS not_voted_count,
      v.tally #>> '{base,kind}' AS base_kind, (v.tally #>> '{base,size}')::int AS base_size,
      (v.tally ->> 'required')::int AS required_yes, v.outcome, r.number AS resolution_number
    FROM votes v
    JOIN sessions s ON s.id = v.session_id
    LEFT JOIN motions m ON m.id = v.motion_id
    LEFT JOIN resolutions r ON r.vote_id = v.id
    ORDER BY v.opened_at, v.id`,

  // Ballots of an open vote are secret until it closes: only closed votes.
  ballots: `
    SELECT b.vote_id, v.session_id, m.number AS motion_number, b.delegate_id, d.full_name AS delegate_name,
      c.code AS delegate_constituency_code, c.name AS delegate_constituency, e.seat_titular_id, b.choice,
      b.revision, br.cast_at, br.receipt
    FROM ballots b
    JOIN votes v ON v.id = b.vote_id AND v.status = 'closed'
    JOIN vote_entitlements e ON e.vote_id = b.vote_id AND e.delegate_id = b.delegate_id
    JOIN ballot_revisions br ON br.vote_id = b.vote_id AND br.delegate_id = b.delegate_id AND br.revision = b.revision
    JOIN delegates d ON d.id = b.delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    LEFT JOIN motions m ON m.id = v.motion_id
    ORDER BY v.opened_at, b.vote_id, c.code, d.full_name, b.delegate_id`,

  resolutions: `
    SELECT r.number, r.year, r.sequence, r.title, r.body, r.issued_at, m.number AS motion_number, r.motion_version,
      r.vote_id, r.session_id,
      ARRAY(SELECT objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1) AS objectives,
      ${INSTITUTION_CODES('resolution_institutions', 'resolution_id', 'r.id')} AS institutions,
      ${ISO_DATE('r.compliance_deadline')} AS compliance_deadline, r.digest
    FROM resolutions r
    JOIN motions m ON m.id = r.motion_id
    ORDER BY r.year, r.sequence`,

  compliance: `
    SELECT r.number AS resolution_number, r.title AS resolution_title, i.code AS institution_code,
      i.name AS institution_name, c.status, c.progress, ${ISO_DATE('c.deadline')} AS deadline,
      (SELECT count(*)::int FROM compliance_reports cr
        WHERE cr.resolution_id = c.resolution_id AND cr.institution_id = c.institution_id) AS reports,
      c.updated_at, c.fulfilled_at
    FROM compliance c
    JOIN resolutions r ON r.id = c.resolution_id
    JOIN institutions i ON i.id = c.institution_id
    ORDER BY r.year, r.sequence, i.code`,

  attendance: `
    SELECT a.session_id, s.title AS session_title, s.scheduled_at AS session_scheduled_at, a.delegate_id,
      d.full_name AS delegate_name, c.code AS delegate_constituency_code, c.name AS delegate_constituency,
      d.alternate_of_id AS alternate_of_delegate_id, a.present, a.recorded_by, a.updated_at
    FROM attendance a
    JOIN sessions s ON s.id = a.session_id
    JOIN delegates d ON d.id = a.delegate_id
    JOIN constituencies c ON c.code = d.constituency_code
    ORDER BY s.scheduled_at, a.session_id, c.code, d.full_name, a.delegate_id`,
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface RenderedDataset {
  filename: string;
  csv: string;
}

/** Reads the open datasets from PostgreSQL and renders them (one dataset, or the whole dump). */
@Injectable()
export class OpenDataService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async read(source: DataSource | EntityManager, name: DatasetName) {
    // Tables are small (one assembly); past tens of thousands of rows this should page with a cursor.
    return shapeRows(DATASETS[name], await source.query(QUERIES[name]));
  }

  async json(name: DatasetName): Promise<DatasetDocument> {
    const rows = await this.read(this.dataSource, name);
    return toDocument(name, rows, new Date().toISOString());
  }

  async csv(name: DatasetName): Promise<RenderedDataset> {
    return {
      filename: `asamblea-${name}.csv`,
      csv: toCsv(DATASETS[name], await this.read(this.dataSource, name)),
    };
  }

  /**
   * Every dataset as CSV and JSON, README.md and manifest.json, zipped. All datasets are read in one
   * read-only REPEATABLE READ transaction, so the files agree with each other (a ballot never names a
   * vote missing from votes.csv).
   */
  async dump(): Promise<{ filename: string; zip: Uint8Array; manifest: Manifest }> {
    const { generatedAt, documents } = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const [{ now }]: { now: Date }[] = await m.query('SELECT transaction_timestamp() AS now');
      const at = now.toISOString();
      const read: DatasetDocument[] = [];
      for (const name of DATASET_NAMES) read.push(toDocument(name, await this.read(m, name), at));
      return { generatedAt: at, documents: read };
    });
    const files: Record<string, Uint8Array> = {};
    const entries: ManifestEntry[] = [];
    for (const document of documents) {
      const csv = strToU8(toCsv(DATASETS[document.dataset], document.rows));
      const json = strToU8(`${JSON.stringify(document, null, 2)}\n`);
      const names = { csv: `${document.dataset}.csv`, json: `${document.dataset}.json` };
      files[names.csv] = csv;
      files[names.json] = json;
      entries.push({
        name: document.dataset,
        rows: document.count,
        files: names,
        sha256: { csv: sha256(csv), json: sha256(json) },
      });
    }
    const manifest: Manifest = {
      generatedAt,
      snapshot: 'PostgreSQL REPEATABLE READ, read only',
      readme: 'README.md',
      datasets: entries,
    };
    const mtime = new Date(generatedAt);
    const zip = zipSync(
      {
        'README.md': strToU8(readme(manifest)),
        'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
        ...files,
      },
      { level: 6, mtime },
    );
    const stamp = generatedAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    return { filename: `asamblea-datos-abiertos-${stamp}.zip`, zip, manifest };
  }
}
