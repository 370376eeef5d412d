import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth-decorators.js';
import { ListObjectivesQuery } from './dto/plan.dto.js';
import { PlanService, type ObjectiveDetail, type ObjectiveSummary } from './plan.service.js';

@ApiTags('plan')
@Public()
@Controller('plan')
export class PlanController {
  constructor(private readonly plan: PlanService) {}

  @Get()
  @ApiOperation({ summary: 'The whole plan catalogue (public)' })
  catalogue(): Promise<unknown> {
    return this.plan.catalogue();
  }

  @Get('objectives')
  @ApiOperation({
    summary: 'Strategic objectives, filtered by dimension or theme, with Spanish search (public)',
  })
  list(@Query() query: ListObjectivesQuery): Promise<ObjectiveSummary[]> {
    return this.plan.listObjectives(query);
  }

  @Get('objectives/:code')
  @ApiOperation({
    summary: 'One objective with its theme, problems, 2022 targets and cross-cutting policies (public)',
  })
  get(@Param('code') code: string): Promise<ObjectiveDetail> {
    return this.plan.getObjective(code);
  }
}
