import { readOpenDataset, startReadOnlySnapshot } from '#persistence';
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
    return shapeRows(DATASETS[name], await readOpenDataset(source, name));
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
      const at = (await startReadOnlySnapshot(m)).toISOString();
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
