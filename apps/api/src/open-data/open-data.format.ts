import { stringify } from 'csv-stringify/sync';
import {
  DATASET_NAMES,
  DATASETS,
  type ColumnDefinition,
  type ColumnType,
  type DatasetDefinition,
  type DatasetName,
} from './open-data.columns.js';

/** Pure rendering of the datasets: rows as the column definitions say, CSV, JSON, README, catalogue. */

export type CellValue = string | number | boolean | null | string[];
export type DatasetRow = Record<string, CellValue>;

export interface DatasetDocument {
  dataset: DatasetName;
  generatedAt: string;
  count: number;
  rows: DatasetRow[];
}

export interface ManifestEntry {
  name: DatasetName;
  rows: number;
  files: { csv: string; json: string };
  sha256: { csv: string; json: string };
}

export interface Manifest {
  generatedAt: string;
  snapshot: string;
  readme: string;
  datasets: ManifestEntry[];
}

export const API_PREFIX = '/api';
export const OPEN_DATA_PATH = `${API_PREFIX}/open-data`;
export const DUMP_FILENAME = 'dump.zip';
export const FEED_PATHS = {
  resolutions: `${API_PREFIX}/feeds/resolutions.atom`,
  compliance: `${API_PREFIX}/feeds/compliance.atom`,
} as const;

function convert(column: ColumnDefinition, value: unknown): CellValue {
  if (column.type === 'list') {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) throw new Error(`open data: column ${column.name} is not a list`);
    return value.map(String);
  }
  if (value === null || value === undefined) {
    if (!column.nullable) throw new Error(`open data: column ${column.name} is null`);
    return null;
  }
  switch (column.type) {
    case 'integer':
      return Number(value);
    case 'boolean':
      return value === true || value === 't' || value === 'true';
    case 'timestamp':
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    default:
      return String(value);
  }
}

/**
 * Keeps exactly the defined columns, in their order, with their JSON types. A query that lost a
 * column is a bug, and fails loudly rather than publishing a dataset that disagrees with its README.
 */
export function shapeRows(
  definition: DatasetDefinition,
  raw: readonly Record<string, unknown>[],
): DatasetRow[] {
  return raw.map((source) => {
    const row: DatasetRow = {};
    for (const column of definition.columns) {
      if (!(column.name in source)) throw new Error(`open data: ${definition.name} has no ${column.name}`);
      row[column.name] = convert(column, source[column.name]);
    }
    return row;
  });
}

/** Integers stay numbers so that formula escaping leaves a negative count such as `-2` alone. */
function csvCell(type: ColumnType, value: CellValue): string | number {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  if (type === 'boolean') return value ? 'true' : 'false';
  if (type === 'integer' && typeof value === 'number') return value;
  return String(value);
}

/**
 * RFC 4180: header row, CRLF line ends, fields with a comma, quote, CR or LF quoted; UTF-8 without BOM.
 * A text cell starting with `=`, `+`, `-`, `@`, tab or CR is written with a leading `'` (csv-stringify's
 * `escape_formulas`), so a spreadsheet shows it as text instead of evaluating it as a formula.
 */
export function toCsv(definition: DatasetDefinition, rows: readonly DatasetRow[]): string {
  return stringify(
    rows.map((row) => definition.columns.map((c) => csvCell(c.type, row[c.name] ?? null))),
    {
      header: true,
      columns: definition.columns.map((c) => c.name),
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
      escape_formulas: true,
    },
  );
}

export function toDocument(name: DatasetName, rows: DatasetRow[], generatedAt: string): DatasetDocument {
  return { dataset: name, generatedAt, count: rows.length, rows };
}

export function datasetPaths(name: DatasetName): { csv: string; json: string } {
  return { csv: `${OPEN_DATA_PATH}/${name}.csv`, json: `${OPEN_DATA_PATH}/${name}.json` };
}

const TYPE_NOTES: Record<ColumnType, { es: string; en: string }> = {
  uuid: { es: 'identificador UUID', en: 'UUID identifier' },
  text: { es: 'texto', en: 'text' },
  enum: { es: 'uno de unos valores fijos', en: 'one of fixed values' },
  integer: { es: 'número entero', en: 'integer' },
  boolean: { es: '`true` / `false`', en: '`true` / `false`' },
  date: { es: 'fecha `AAAA-MM-DD`', en: 'date `YYYY-MM-DD`' },
  timestamp: { es: 'fecha y hora ISO 8601 en UTC', en: 'ISO 8601 date-time in UTC' },
  list: { es: 'lista (CSV: separada por `;`; JSON: arreglo)', en: 'list (CSV: `;`-separated; JSON: array)' },
};

/** The catalogue served at GET /api/open-data. */
export function catalogue() {
  return {
    title: {
      es: 'Datos abiertos de la Asamblea Popular Regional',
      en: 'Regional People’s Assembly open data',
    },
    formats: {
      csv: {
        es: "CSV según RFC 4180 en UTF-8 (sin BOM), con fila de encabezado y fin de línea CRLF. Celda vacía = sin valor; las listas se separan con `;`; fechas AAAA-MM-DD; fechas y horas ISO 8601 en UTC. Un texto que empieza con `=`, `+`, `-`, `@`, tabulación o retorno de carro lleva delante un apóstrofo `'` para que una hoja de cálculo no lo evalúe como fórmula.",
        en: "RFC 4180 CSV in UTF-8 (no BOM), with a header row and CRLF line ends. Empty cell = no value; lists are `;`-separated; dates YYYY-MM-DD; date-times ISO 8601 in UTC. A text starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with an apostrophe `'` so that a spreadsheet does not evaluate it as a formula.",
      },
      json: {
        es: '`{ dataset, generatedAt, count, rows }`; cada fila es un objeto con las columnas documentadas; null = sin valor; las listas son arreglos.',
        en: '`{ dataset, generatedAt, count, rows }`; each row is an object with the documented columns; null = no value; lists are arrays.',
      },
    },
    dump: {
      href: `${OPEN_DATA_PATH}/${DUMP_FILENAME}`,
      description: {
        es: 'Todos los conjuntos en CSV y JSON, leídos en una sola instantánea consistente, con README.md y manifest.json (filas y SHA-256 de cada archivo).',
        en: 'Every dataset as CSV and JSON, read in one consistent snapshot, with README.md and manifest.json (rows and SHA-256 of every file).',
      },
    },
    feeds: {
      resolutions: { href: FEED_PATHS.resolutions, type: 'application/atom+xml' },
      compliance: { href: FEED_PATHS.compliance, type: 'application/atom+xml' },
    },
    datasets: DATASET_NAMES.map((name) => {
      const d = DATASETS[name];
      return {
        name,
        title: d.title,
        description: d.description,
        ...datasetPaths(name),
        columns: d.columns.map((c) => ({
          name: c.name,
          type: c.type,
          nullable: c.nullable ?? false,
          ...(c.values ? { values: [...c.values] } : {}),
          description: c.description,
        })),
      };
    }),
  };
}

/** Markdown table cell: `|` would end the cell and `<año>` would be taken for an HTML tag. */
const md = (text: string) => text.replace(/[|<>]/g, '\\$&').replace(/\r?\n/g, ' ');

/** README.md of the dump: every dataset and every column, in Spanish and English. */
export function readme(manifest: Manifest): string {
  const rows = new Map(manifest.datasets.map((d) => [d.name, d.rows]));
  const lines: string[] = [
    '# Datos abiertos de la Asamblea Popular Regional / Regional People’s Assembly open data',
    '',
    `Generado / Generated: ${manifest.generatedAt} (UTC). Instantánea consistente / consistent snapshot: ${manifest.snapshot}.`,
    '',
    '## Formato / Format',
    '',
    '- CSV: RFC 4180, UTF-8 sin BOM / without BOM, fila de encabezado / header row, CRLF; celda vacía = sin valor / empty cell = no value.',
    "- CSV: un texto que empieza con `=`, `+`, `-`, `@`, tabulación o retorno de carro lleva delante un apóstrofo `'` para que una hoja de cálculo no lo evalúe como fórmula (el JSON trae el texto sin cambios) / a text starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with an apostrophe `'` so that a spreadsheet does not evaluate it as a formula (the JSON carries the text unchanged).",
    '- JSON: `{ dataset, generatedAt, count, rows }`; `null` = sin valor / no value.',
    '- `manifest.json`: filas y SHA-256 de cada archivo / rows and SHA-256 of every file.',
    '',
    '| tipo / type | es | en |',
    '| --- | --- | --- |',
    ...(Object.keys(TYPE_NOTES) as ColumnType[]).map(
      (t) => `| \`${t}\` | ${TYPE_NOTES[t].es} | ${TYPE_NOTES[t].en} |`,
    ),
    '',
  ];
  for (const name of DATASET_NAMES) {
    const d = DATASETS[name];
    lines.push(
      `## ${d.title.es} / ${d.title.en} — \`${name}.csv\`, \`${name}.json\``,
      '',
      md(d.description.es),
      '',
      md(d.description.en),
      '',
      `Filas / Rows: ${rows.get(name) ?? 0}`,
      '',
      '| columna / column | tipo / type | vacío / empty | descripción | description |',
      '| --- | --- | --- | --- | --- |',
      ...d.columns.map((c) => {
        const type = c.values
          ? `\`${c.type}\`: ${c.values.map((v) => `\`${v}\``).join(', ')}`
          : `\`${c.type}\``;
        return `| \`${c.name}\` | ${type} | ${c.nullable ? 'sí / yes' : 'no'} | ${md(c.description.es)} | ${md(c.description.en)} |`;
      }),
      '',
    );
  }
  return lines.join('\n');
}
