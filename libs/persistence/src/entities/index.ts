import { ConstituencyEntity } from './constituency.entity.js';
import { DelegateEntity } from './delegate.entity.js';
import { InstitutionEntity } from './institution.entity.js';
import {
  PlanBicentenarioAxisEntity,
  PlanCatalogueVersionEntity,
  PlanDimensionEntity,
  PlanNationalPolicyEntity,
  PlanObjectiveEntity,
  PlanProblemEntity,
  PlanTargetEntity,
  PlanThemeEntity,
} from './plan.entities.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { UserEntity } from './user.entity.js';

export * from './constituency.entity.js';
export * from './delegate.entity.js';
export * from './institution.entity.js';
export * from './plan.entities.js';
export * from './refresh-token.entity.js';
export * from './user.entity.js';

export const ENTITIES = [
  ConstituencyEntity,
  DelegateEntity,
  InstitutionEntity,
  UserEntity,
  RefreshTokenEntity,
  PlanCatalogueVersionEntity,
  PlanDimensionEntity,
  PlanThemeEntity,
  PlanProblemEntity,
  PlanObjectiveEntity,
  PlanTargetEntity,
  PlanNationalPolicyEntity,
  PlanBicentenarioAxisEntity,
];
