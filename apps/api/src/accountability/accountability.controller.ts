import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import { DelegateRecordService, type DelegateRecord } from './delegate-record.service.js';
import {
  InstitutionAccountabilityService,
  type InstitutionAccountability,
} from './institution-accountability.service.js';
import {
  PlanAccountabilityService,
  type DimensionAccountability,
  type ObjectiveAccountability,
  type PlanOverview,
} from './plan-accountability.service.js';
import { SessionRecordService, type SessionRecord } from './session-record.service.js';

/**
 * Public views, no login: what happened in each session, how each delegate took part, and how far the plan
 * is served. The operation ids stay the ones published before the controller was renamed: generated clients
 * name their methods after them.
 */
@ApiTags('public record')
@Public()
@Controller()
export class AccountabilityController {
  constructor(
    private readonly sessions: SessionRecordService,
    private readonly delegates: DelegateRecordService,
    private readonly plan: PlanAccountabilityService,
    private readonly institutions: InstitutionAccountabilityService,
  ) {}

  @Get('sessions/:id/record')
  @ApiOperation({
    operationId: 'PublicRecordController_session',
    summary:
      'A session’s full record: attendance and quorum, agenda, every speech, every vote (ballots once closed) and the resolutions issued (public)',
  })
  session(@Param('id', UuidParam) id: string): Promise<SessionRecord> {
    return this.sessions.record(id);
  }

  @Get('delegates/:id/record')
  @ApiOperation({
    operationId: 'PublicRecordController_delegate',
    summary:
      'A delegate’s attendance rate over opened sessions and their ballot on every closed vote they were entitled to (public)',
  })
  delegate(@Param('id', UuidParam) id: string): Promise<DelegateRecord> {
    return this.delegates.record(id);
  }

  @Get('plan/accountability')
  @ApiOperation({
    operationId: 'PublicRecordController_plan',
    summary:
      'The whole plan at a glance: every dimension and objective with its motions, resolutions and compliance, and every bound institution’s compliance (public)',
  })
  planOverview(): Promise<PlanOverview> {
    return this.plan.overview();
  }

  @Get('plan/objectives/:code/accountability')
  @ApiParam({ name: 'code', example: 'SOC-SALUD-O4' })
  @ApiOperation({
    operationId: 'PublicRecordController_objective',
    summary:
      'A plan objective with its filed motions, its resolutions and their compliance per institution, and how far it is served (public)',
  })
  objective(@Param('code') code: string): Promise<ObjectiveAccountability> {
    return this.plan.objective(code);
  }

  @Get('plan/dimensions/:code/accountability')
  @ApiParam({ name: 'code', example: 'SOC' })
  @ApiOperation({
    operationId: 'PublicRecordController_dimension',
    summary: 'A plan dimension: each of its objectives and the whole dimension, summarised (public)',
  })
  dimension(@Param('code') code: string): Promise<DimensionAccountability> {
    return this.plan.dimension(code);
  }

  @Get('institutions/:code/accountability')
  @ApiParam({ name: 'code', example: 'DIRESA' })
  @ApiOperation({
    operationId: 'PublicRecordController_institution',
    summary:
      'An institution with every resolution that binds it, its compliance on each and how it is doing overall (public)',
  })
  institution(@Param('code') code: string): Promise<InstitutionAccountability> {
    return this.institutions.institution(code);
  }
}
