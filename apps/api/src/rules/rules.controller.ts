import type { AppConfig } from '#config';
import type { AssemblyRulesView } from '#contracts';
import { ASSEMBLY_TIME_ZONE } from '#domain';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';

class QuorumRuleDto {
  @ApiProperty({ example: 1 })
  numerator: number;
  @ApiProperty({ example: 2 })
  denominator: number;
}

class AssemblyRulesDto implements AssemblyRulesView {
  @ApiProperty({ description: 'Co-sponsors a motion needs before it can be admitted', example: 2 })
  cosponsorThreshold: number;
  @ApiProperty({
    type: QuorumRuleDto,
    description: 'Quorum: present seats must exceed numerator/denominator of the seated delegates',
  })
  quorum: QuorumRuleDto;
  @ApiProperty({ description: 'Default length of a speech, in seconds', example: 180 })
  speechSeconds: number;
  @ApiProperty({ enum: ['America/Lima'] })
  timeZone: 'America/Lima';
}

/** The assembly's rules as the client needs them; today they come from the configuration. */
@ApiTags('rules')
@Controller('rules')
export class RulesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: "The assembly's rules: co-sponsor threshold, quorum, speech length, time zone (public)",
  })
  @ApiOkResponse({ type: AssemblyRulesDto })
  get(): AssemblyRulesView {
    return {
      cosponsorThreshold: this.config.cosponsorThreshold,
      quorum: { numerator: this.config.quorum.numerator, denominator: this.config.quorum.denominator },
      speechSeconds: this.config.speechSeconds,
      timeZone: ASSEMBLY_TIME_ZONE,
    };
  }
}
