/**
 * Shape of `libs/plan-data/plan-catalogue.json`: the regional government plan 2018-2022 as structured data
 * (dimensions → themes → problems, strategic objectives, targets for 2022), plus the Acuerdo Nacional
 * policies and the Plan Bicentenario axes as a second, cross-cutting taxonomy. Every text is the plan's own
 * Spanish wording; the catalogue's `notes` state the modelling rules and every editorial choice.
 */

export type CatalogueDimensionCode = 'SOC' | 'ECO' | 'AMB' | 'INS';

/** `SOC-SALUD`: dimension code + ASCII upper-case slug. */
export type CatalogueThemeCode = `${CatalogueDimensionCode}-${string}`;

/** Whether a theme's name is the plan's own heading or a short name chosen by the editors. */
export type CatalogueNameSource = 'plan' | 'editorial';

export interface PlanCatalogue {
  /** Catalogue version, e.g. "2018-2022.1"; bump it when any code or text changes. */
  version: string;
  source: CatalogueSource;
  /** Modelling rules and editorial choices, in Spanish/English prose. */
  notes: string[];
  dimensions: CatalogueDimension[];
  acuerdoNacional: AcuerdoNacionalGroup[];
  bicentenario: BicentenarioAxis[];
}

export interface CatalogueSource {
  title: string;
  /** Path of the seed text, relative to `libs/plan-data/`. */
  file: string;
  /** SHA-256 (hex) of the seed file's bytes. */
  sha256: string;
}

export interface CatalogueDimension {
  code: CatalogueDimensionCode;
  /** 1 Social, 2 Económica, 3 Ambiental, 4 Institucional (the plan's numbering). */
  number: number;
  /** "Dimensión Social", … */
  name: string;
  themes: CatalogueTheme[];
}

export interface CatalogueTheme {
  code: CatalogueThemeCode;
  /** ASCII upper-case, e.g. "SALUD", "EDUCACION", "PARTICIPACION". */
  slug: string;
  name: string;
  nameSource: CatalogueNameSource;
  /** The plan's objective sentence that introduces numbered strategies ("… priorizando lo siguiente:"). */
  lead?: string;
  problems: CatalogueProblem[];
  objectives: CatalogueObjective[];
  targets: CatalogueTarget[];
  crossCutting: CatalogueCrossCutting;
}

export interface CatalogueProblem {
  /** `SOC-SALUD-P1` */
  code: string;
  /** 1-based position inside the theme. */
  number: number;
  text: string;
  /** Bulleted aspects of the problem ("expresada en: • …"); empty when the plan lists none. */
  aspects: string[];
}

export interface CatalogueObjective {
  /** `SOC-SALUD-O4` — the code motions and URLs use. */
  code: string;
  /** 1-based; the plan's own number where it prints one. */
  number: number;
  text: string;
  /** Unnumbered bullets under the objective ("con énfasis en: • …", PERTUR strategies); may be empty. */
  emphases: string[];
}

export interface CatalogueTarget {
  /** `SOC-SALUD-M6` ("Meta al 2022"). */
  code: string;
  number: number;
  text: string;
  /** Every quantity the target states with a number; empty when it states none. */
  measures: CatalogueMeasure[];
}

export interface CatalogueMeasure {
  /** The phrase as written in the target's text, e.g. "60 por 100 mil nacidos vivos". */
  raw: string;
  /** `parseQuantity(raw).value`, e.g. 60; money in soles (600 millones → 600000000). */
  value: number;
  /** `parseQuantity(raw).unit`, e.g. "por 100 mil nacidos vivos", "%", "soles", "hectáreas". */
  unit: string;
}

/** Editorial mapping of a theme to the cross-cutting taxonomies (codes `AN-2d`, `BIC-2`). */
export interface CatalogueCrossCutting {
  acuerdoNacional: string[];
  bicentenario: string[];
}

export interface AcuerdoNacionalGroup {
  /** `AN-1` */
  code: string;
  number: number;
  /** "Democracia y Estado de Derecho" */
  name: string;
  policies: AcuerdoNacionalPolicy[];
}

export interface AcuerdoNacionalPolicy {
  /** `AN-1a` */
  code: string;
  /** "a" */
  letter: string;
  /** "Afirmación de la identidad nacional." */
  name: string;
}

export interface BicentenarioAxis {
  /** `BIC-1` … `BIC-6` */
  code: string;
  number: number;
  /** "Derechos Fundamentales y dignidad de la persona" */
  name: string;
  /** The axis text after its first colon. */
  description: string;
  /** The bulleted priorities (axis 2 only). */
  priorities?: BicentenarioPriority[];
}

export interface BicentenarioPriority {
  /** Text of the bullet before its colon, e.g. "En Educación". */
  name: string;
  /** Text after the colon. */
  text: string;
}
