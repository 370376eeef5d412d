import type { AssemblyRulesView, RulesVersionView } from '#contracts';
import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { ChangeRulesDto, RulesInForceDto, RulesVersionDto } from './dto/rules.dto.js';
import { RulesService } from './rules.service.js';

/** The assembly's rules (reglamento): versioned data the secretariat changes and anyone reads. */
@ApiTags('rules')
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'The reglamento in force (public): quorum, co-sponsors, speech time, the counting rule of each kind of decision, minimum open time and turnout, compliance deadlines; its version and any pending one',
  })
  @ApiOkResponse({ type: RulesInForceDto })
  get(): Promise<AssemblyRulesView> {
    return this.rules.inForce();
  }

  @Public()
  @Get('versions')
  @ApiOperation({ summary: 'Every version of the reglamento, oldest first (public)' })
  @ApiOkResponse({ type: [RulesVersionDto] })
  versions(): Promise<RulesVersionView[]> {
    return this.rules.versions();
  }

  @Public()
  @Get('versions/:version')
  @ApiOperation({ summary: 'One version of the reglamento (public)' })
  @ApiOkResponse({ type: RulesVersionDto })
  version(
    @Param('version', new ParseIntPipe({ errorHttpStatusCode: 400 })) version: number,
  ): Promise<RulesVersionView> {
    return this.rules.version(version);
  }

  @Post('versions')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Adopt a new version of the reglamento, whole (secretariat); recorded as rules.changed; applies from effectiveAt or at once',
  })
  @ApiCreatedResponse({ type: RulesVersionDto })
  change(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangeRulesDto): Promise<RulesVersionView> {
    return this.rules.change(user.id, {
      rules: body.rules,
      effectiveAt: body.effectiveAt ? new Date(body.effectiveAt) : undefined,
      note: body.note,
    });
  }
}
