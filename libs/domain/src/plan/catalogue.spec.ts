import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { CatalogueTheme, PlanCatalogue } from './catalogue.types.js';
import { parseQuantity } from './quantity.js';
import { findInSeed, matchInSeed } from './seed-match.js';

const dataUrl = (path: string): URL => new URL(`../../../plan-data/${path}`, import.meta.url);

const catalogue = JSON.parse(readFileSync(dataUrl('plan-catalogue.json'), 'utf8')) as PlanCatalogue;
const seedBytes = readFileSync(dataUrl(catalogue.source.file));
const seed = seedBytes.toString('utf8');

const themes: CatalogueTheme[] = catalogue.dimensions.flatMap((d) => d.themes);
const problems = themes.flatMap((t) => t.problems);
const objectives = themes.flatMap((t) => t.objectives);
const targets = themes.flatMap((t) => t.targets);
const measures = targets.flatMap((t) => t.measures.map((m) => ({ target: t, ...m })));
const policies = catalogue.acuerdoNacional.flatMap((g) => g.policies);
const byCode = <T extends { code: string }>(items: T[], code: string): T => {
  const found = items.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

/** Every text the catalogue takes from the plan, labelled by where it sits. */
const planTexts: Array<[string, string]> = [
  ...catalogue.dimensions.map((d): [string, string] => [d.code, d.name]),
  ...themes.filter((t) => t.lead).map((t): [string, string] => [`${t.code} lead`, t.lead!]),
  ...problems.map((p): [string, string] => [p.code, p.text]),
  ...problems.flatMap((p) => p.aspects.map((a, i): [string, string] => [`${p.code} aspect ${i + 1}`, a])),
  ...objectives.map((o): [string, string] => [o.code, o.text]),
  ...objectives.flatMap((o) =>
    o.emphases.map((e, i): [string, string] => [`${o.code} emphasis ${i + 1}`, e]),
  ),
  ...targets.map((t): [string, string] => [t.code, t.text]),
  ...catalogue.acuerdoNacional.map((g): [string, string] => [g.code, g.name]),
  ...policies.map((p): [string, string] => [p.code, p.name]),
  ...catalogue.bicentenario.flatMap((a): Array<[string, string]> => [
    [`${a.code} name`, a.name],
    [`${a.code} description`, a.description],
    ...(a.priorities ?? []).flatMap((p, i): Array<[string, string]> => [
      [`${a.code} priority ${i + 1} name`, p.name],
      [`${a.code} priority ${i + 1} text`, p.text],
    ]),
  ]),
];

describe('plan catalogue', () => {
  it('names its seed by path and SHA-256', () => {
    expect(catalogue.version).toBe('2018-2022.1');
    expect(catalogue.source.file).toBe('seed/plan-de-gobierno-mas-2018-2022.txt');
    expect(catalogue.source.sha256).toBe(createHash('sha256').update(seedBytes).digest('hex'));
    expect(catalogue.notes.length).toBeGreaterThanOrEqual(5);
  });

  it('has the counts of the plan', () => {
    expect(catalogue.dimensions.map((d) => [d.code, d.number, d.name])).toEqual([
      ['SOC', 1, 'Dimensión Social'],
      ['ECO', 2, 'Dimensión Económica'],
      ['AMB', 3, 'Dimensión Ambiental'],
      ['INS', 4, 'Dimensión Institucional'],
    ]);
    // theme → [problems, objectives, targets]
    const shape = Object.fromEntries(
      themes.map((t) => [t.code, [t.problems.length, t.objectives.length, t.targets.length]]),
    );
    expect(shape).toEqual({
      'SOC-SALUD': [2, 6, 9],
      'SOC-EDUCACION': [5, 4, 5],
      'SOC-SANEAMIENTO': [3, 3, 2],
      'SOC-CULTURA': [1, 3, 3],
      'SOC-SEGURIDAD': [1, 4, 0],
      'ECO-AGRARIO': [1, 6, 5],
      'ECO-REGIONAL': [1, 4, 2],
      'ECO-INDUSTRIA': [1, 2, 5],
      'ECO-SOSTENIBLE': [1, 3, 0],
      'AMB-TERRITORIO': [1, 2, 0],
      'AMB-AGUA': [1, 4, 0],
      'AMB-PASIVOS': [1, 2, 2],
      'INS-GESTION': [1, 1, 0],
      'INS-EJECUCION': [1, 1, 0],
      'INS-CORRUPCION': [1, 1, 0],
      'INS-PARTICIPACION': [1, 1, 0],
    });
    expect(Object.keys(shape)).toEqual(themes.map((t) => t.code)); // plan order
    expect(catalogue.dimensions.map((d) => d.themes.length)).toEqual([5, 4, 3, 4]);
    expect(themes).toHaveLength(16);
    expect(problems).toHaveLength(23);
    expect(objectives).toHaveLength(47);
    expect(targets).toHaveLength(33);
    expect(measures).toHaveLength(25);
    expect(problems.flatMap((p) => p.aspects)).toHaveLength(4);
    expect(objectives.flatMap((o) => o.emphases)).toHaveLength(12);
    expect(themes.filter((t) => t.lead).map((t) => t.code)).toEqual([
      'SOC-SEGURIDAD',
      'ECO-AGRARIO',
      'ECO-REGIONAL',
    ]);

    expect(catalogue.acuerdoNacional.map((g) => [g.code, g.name, g.policies.length])).toEqual([
      ['AN-1', 'Democracia y Estado de Derecho', 4],
      ['AN-2', 'Equidad y Justicia Social', 7],
      ['AN-3', 'Competitividad del país', 5],
      ['AN-4', 'Estado eficiente y transparente', 2],
    ]);
    expect(policies).toHaveLength(18);
    expect(catalogue.bicentenario.map((a) => a.code)).toEqual([
      'BIC-1',
      'BIC-2',
      'BIC-3',
      'BIC-4',
      'BIC-5',
      'BIC-6',
    ]);
    expect(catalogue.bicentenario.map((a) => a.priorities?.length ?? 0)).toEqual([0, 5, 0, 0, 0, 0]);
  });

  it('has unique codes that follow the pattern', () => {
    const all = [
      ...catalogue.dimensions.map((d) => d.code),
      ...themes.map((t) => t.code),
      ...problems.map((p) => p.code),
      ...objectives.map((o) => o.code),
      ...targets.map((t) => t.code),
      ...catalogue.acuerdoNacional.map((g) => g.code),
      ...policies.map((p) => p.code),
      ...catalogue.bicentenario.map((a) => a.code),
    ];
    expect(new Set(all).size).toBe(all.length);

    for (const d of catalogue.dimensions) {
      expect(d.code).toMatch(/^(SOC|ECO|AMB|INS)$/);
      for (const t of d.themes) {
        expect(t.slug).toMatch(/^[A-Z]+$/);
        expect(t.code).toBe(`${d.code}-${t.slug}`);
        expect(t.nameSource).toBe(d.code === 'SOC' ? 'plan' : 'editorial');
        const numbered = (kind: string, items: Array<{ code: string; number: number }>) =>
          items.forEach((item, i) => {
            expect(item.number).toBe(i + 1);
            expect(item.code).toBe(`${t.code}-${kind}${i + 1}`);
          });
        numbered('P', t.problems);
        numbered('O', t.objectives);
        numbered('M', t.targets);
      }
    }
    for (const o of objectives) expect(o.code).toMatch(/^(SOC|ECO|AMB|INS)-[A-Z]+-O[1-9]\d*$/);
    catalogue.acuerdoNacional.forEach((g, i) => {
      expect(g.number).toBe(i + 1);
      expect(g.code).toBe(`AN-${i + 1}`);
      g.policies.forEach((p, j) => {
        expect(p.letter).toBe('abcdefg'[j]);
        expect(p.code).toBe(`${g.code}${p.letter}`);
      });
    });
    catalogue.bicentenario.forEach((a, i) => expect([a.number, a.code]).toEqual([i + 1, `BIC-${i + 1}`]));
  });

  it('keeps texts trimmed, with single spaces and no bullets or list numbers', () => {
    for (const [where, text] of planTexts) {
      expect([where, text]).toEqual([where, text.replace(/\s+/g, ' ').trim()]);
      expect([where, /^(•|\d+\.\s|[a-g]\.\s)/.test(text)]).toEqual([where, false]);
    }
  });

  it("takes the social themes' names from the plan's headings", () => {
    const social = themes.filter((t) => t.nameSource === 'plan');
    expect(social.map((t) => t.name)).toEqual([
      'Salud',
      'Educación',
      'Saneamiento',
      'Cultura',
      'Seguridad Ciudadana',
    ]);
    for (const t of social)
      expect([t.code, seed.includes(`(${t.name.toUpperCase()})`)]).toEqual([t.code, true]);
  });

  it.each(planTexts)('finds %s in the seed', (_where, text) => {
    expect(findInSeed(seed, text)).toBe(true);
  });

  it('needs chunked matching only for the texts the PDF layout really split', () => {
    // Every other text is one unbroken run of the seed (whitespace aside), so a dropped word there fails.
    const chunks = planTexts
      .map(([where, text]): [string, number] => [where, matchInSeed(seed, text)?.length ?? 0])
      .filter(([, n]) => n !== 1);
    expect(Object.fromEntries(chunks)).toEqual({
      'SOC-EDUCACION-P3': 2,
      'ECO-AGRARIO-P1': 2,
      'SOC-EDUCACION-O3': 2,
      'SOC-SALUD-M3': 2,
      'ECO-REGIONAL-M2': 2,
    });
  });

  it('pins some texts exactly', () => {
    expect(byCode(objectives, 'SOC-SALUD-O4').text).toBe(
      'Reducción sustantiva de la anemia, desnutrición crónica infantil y mortalidad materna y neonatal.',
    );
    expect(byCode(objectives, 'INS-PARTICIPACION-O1').text).toBe(
      'Implementación de la Asamblea Popular Regional como mecanismo de democracia participativa con ' +
        'decisiones de orientación política vinculantes para las instituciones regionales.',
    );
    // the plan's problem 4 of the Dimensión Institucional
    expect(byCode(problems, 'INS-PARTICIPACION-P1').text).toBe(
      'Mecanismos de participación ciudadana formales y poco participativos.',
    );
    expect(byCode(targets, 'SOC-SALUD-M6')).toEqual({
      code: 'SOC-SALUD-M6',
      number: 6,
      text: 'Reducir la Desnutrición Crónica Infantil a 13.3% al 2022.',
      measures: [{ raw: '13.3%', value: 13.3, unit: '%' }],
    });
    expect(byCode(targets, 'SOC-SALUD-M5').text).toBe(
      'Fortalecimiento de la capacidad resolutiva de establecimientos FONB.',
    );
    expect(byCode(problems, 'SOC-SALUD-P2').text).toBe(
      'Deficiente capacidad resolutiva de los establecimientos de salud y deficiente sistema de referencias ' +
        'y contra-referencias.',
    );
    expect(byCode(themes, 'SOC-SEGURIDAD').lead).toBe(
      'Contribuir a la formación de un sistema de seguridad comunitaria que implemente políticas y acciones ' +
        'alternativas frente a las actividades ilícitas y la inseguridad ciudadana, priorizando lo siguiente:',
    );
    expect(byCode(objectives, 'ECO-INDUSTRIA-O2').emphases).toEqual([
      'Mejoramiento del acceso',
      'Fortalecimiento de capacidades',
      'Señalización turística',
      'Promoción turística',
    ]);
    expect(byCode(objectives, 'INS-GESTION-O1').emphases).toEqual([
      'El sistema de planificación del desarrollo sostenible.',
      'El sistema de participación ciudadana y de comunicación institucional',
    ]);
    expect(byCode(policies, 'AN-1a').name).toBe('Afirmación de la identidad nacional.');
    expect(byCode(catalogue.bicentenario, 'BIC-1').name).toBe(
      'Derechos Fundamentales y dignidad de la persona',
    );
    expect(byCode(catalogue.bicentenario, 'BIC-2').priorities?.map((p) => p.name)).toEqual([
      'En Educación',
      'En Salud',
      'Seguridad Alimentaria',
      'Servicios básicos y Vivienda',
      'Seguridad Ciudadana',
    ]);
  });

  it('states every measure as parseQuantity reads it from the target text', () => {
    for (const m of measures) {
      expect([m.target.code, m.target.text.includes(m.raw)]).toEqual([m.target.code, true]);
      expect([m.target.code, m.raw, { value: m.value, unit: m.unit }]).toEqual([
        m.target.code,
        m.raw,
        parseQuantity(m.raw),
      ]);
    }
    const summary = (code: string) => byCode(targets, code).measures.map((m) => [m.value, m.unit]);
    expect(summary('SOC-SALUD-M3')).toEqual([
      [7, 'redes de salud'],
      [8_000_000, 'soles'],
    ]);
    expect(summary('SOC-SALUD-M8')).toEqual([[60, 'por 100 mil nacidos vivos']]);
    expect(summary('SOC-SANEAMIENTO-M1')).toEqual([
      [600_000_000, 'soles'],
      [350, 'localidades'],
    ]);
    expect(summary('ECO-AGRARIO-M1')).toEqual([
      [50, '%'],
      [470_000, 'predios'],
    ]);
    expect(summary('ECO-AGRARIO-M2')).toEqual([
      [25_000, 'hectáreas'],
      [9, 'represas'],
      [350_000_000, 'soles'],
    ]);
  });

  it('gives a measure to every target that states a digit, except for years and level names', () => {
    for (const t of targets) {
      const rest = t.measures
        .reduce((text, m) => text.replace(m.raw, ''), t.text)
        .replace(/\b(al|el año|para el) 20\d\d\b/g, '')
        .replace(/Nivel 2|III-1|menores de 36 meses/g, '');
      expect([t.code, rest]).toEqual([t.code, rest.replace(/\d/g, '')]);
    }
  });

  it('maps every theme to existing Acuerdo Nacional policies and Bicentenario axes', () => {
    const an = new Set(policies.map((p) => p.code));
    const bic = new Set(catalogue.bicentenario.map((a) => a.code));
    for (const t of themes) {
      expect(t.crossCutting.acuerdoNacional.length).toBeGreaterThan(0);
      expect(t.crossCutting.bicentenario.length).toBeGreaterThan(0);
      for (const c of t.crossCutting.acuerdoNacional) expect([t.code, an.has(c)]).toEqual([t.code, true]);
      for (const c of t.crossCutting.bicentenario) expect([t.code, bic.has(c)]).toEqual([t.code, true]);
    }
  });
});
