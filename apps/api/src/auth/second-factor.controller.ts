import { DomainError } from '#domain';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import {
  ConfirmSecondFactorDto,
  DisableSecondFactorDto,
  RecoveryCodesDto,
  SecondFactorCodeDto,
  SecondFactorSetupDto,
  SecondFactorStatusDto,
} from './dto/second-factor.dto.js';
import { SecondFactorService, type SecondFactorStatus } from './second-factor.service.js';

/** Any signed-in account manages its own second factor (no role needed: those required to have one set it up here). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/second-factor')
export class SecondFactorController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Get()
  @ApiOperation({
    summary: "The account's second factor: on, pending, recovery codes left, required by the rules",
  })
  @ApiOkResponse({ type: SecondFactorStatusDto })
  status(@CurrentUser() user: AuthenticatedUser): Promise<SecondFactorStatus> {
    return this.secondFactor.status(user);
  }

  @Post('setup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start setting up TOTP: a new secret (pending until confirmed), its otpauth address and QR code',
    description:
      'Refused with 409 SECOND_FACTOR_ALREADY_ENABLED when one is on. A second call replaces a pending secret.',
  })
  @ApiOkResponse({ type: SecondFactorSetupDto })
  setUp(@CurrentUser() user: AuthenticatedUser, @Req() request: Request): Promise<SecondFactorSetupDto> {
    // Nothing is read from a body here; one sent anyway must be an empty JSON object (a client's defect otherwise).
    const declared =
      request.headers['content-type'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (declared && !request.is('application/json'))
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/json' });
    const body: unknown = request.body;
    if (
      body !== undefined &&
      (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length > 0)
    )
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'body', problems: ['setup takes no fields'] },
      ]);
    return this.secondFactor.setUp(user);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Turn TOTP on with a code of the pending secret; answers 10 recovery codes, shown only this once',
    description: 'Appends `account.second_factor_changed` (enabled) to the public record.',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ConfirmSecondFactorDto,
  ): Promise<RecoveryCodesDto> {
    return this.secondFactor.confirm(user.id, body.code);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the recovery codes (the old ones stop working), with a current code',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  regenerate(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SecondFactorCodeDto,
  ): Promise<RecoveryCodesDto> {
    return this.secondFactor.regenerate(user.id, body.code);
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn TOTP off, with the current password and a code or recovery code',
    description: 'Appends `account.second_factor_changed` (disabled) to the public record.',
  })
  @ApiNoContentResponse()
  disable(@CurrentUser() user: AuthenticatedUser, @Body() body: DisableSecondFactorDto): Promise<void> {
    return this.secondFactor.disable(user.id, body.password, body.code);
  }
}
