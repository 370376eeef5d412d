import { DomainError, RESOLUTION_NUMBER_PATTERN } from '#domain';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import type { ComplianceTrack } from '#contracts';
import { ComplianceService } from './compliance.service.js';
import { ComplianceReportDto } from './dto/compliance.dto.js';

function resolutionNumber(raw: string): string {
  if (!RESOLUTION_NUMBER_PATTERN.test(raw)) throw new DomainError('RESOLUTION_NOT_FOUND');
  return raw;
}

@ApiTags('compliance')
@Controller('resolutions/:number/compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Compliance per bound institution, with every dated report (public)' })
  list(@Param('number') number: string): Promise<ComplianceTrack[]> {
    return this.compliance.tracks(resolutionNumber(number));
  }

  @Post()
  @Roles('liaison', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Report progress (liaison of a bound institution, or the secretariat naming it); goes into the public record',
  })
  report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('number') number: string,
    @Body() body: ComplianceReportDto,
  ): Promise<ComplianceTrack[]> {
    return this.compliance.report(user, resolutionNumber(number), body);
  }
}
