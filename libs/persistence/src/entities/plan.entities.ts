import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('plan_catalogue_versions')
export class PlanCatalogueVersionEntity {
  @PrimaryColumn({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'now()' })
  loadedAt: Date;
}

@Entity('plan_dimensions')
export class PlanDimensionEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  name: string;
}

@Entity('plan_themes')
export class PlanThemeEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'dimension_code', type: 'text' })
  dimensionCode: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_source', type: 'text' })
  nameSource: 'plan' | 'editorial';

  @Column({ type: 'text', nullable: true })
  lead: string | null;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'national_policy_codes', type: 'text', array: true })
  nationalPolicyCodes: string[];

  @Column({ name: 'bicentenario_axis_codes', type: 'text', array: true })
  bicentenarioAxisCodes: string[];
}

@Entity('plan_problems')
export class PlanProblemEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'theme_code', type: 'text' })
  themeCode: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', array: true })
  aspects: string[];
}

@Entity('plan_objectives')
export class PlanObjectiveEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'theme_code', type: 'text' })
  themeCode: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', array: true })
  emphases: string[];
}

export interface PlanMeasure {
  raw: string;
  value: number;
  unit: string;
}

@Entity('plan_targets')
export class PlanTargetEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'theme_code', type: 'text' })
  themeCode: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb' })
  measures: PlanMeasure[];
}

@Entity('plan_national_policies')
export class PlanNationalPolicyEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'group_code', type: 'text' })
  groupCode: string;

  @Column({ name: 'group_name', type: 'text' })
  groupName: string;

  @Column({ type: 'text' })
  letter: string;

  @Column({ type: 'text' })
  name: string;
}

@Entity('plan_bicentenario_axes')
export class PlanBicentenarioAxisEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'jsonb' })
  priorities: { name: string; text: string }[];
}
