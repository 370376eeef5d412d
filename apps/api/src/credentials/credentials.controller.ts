import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#domain';
import type { Request } from 'express';
import { CurrentUser, Public, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { LoginRateLimitGuard } from '../auth/login-rate-limit.guard.js';
import { CredentialsService, type AccountActivity } from './credentials.service.js';
import {
  AccountActivityDto,
  ChangePasswordDto,
  EnrolDto,
  EnrolledDto,
  EnrolmentCodeDto,
  EnrolmentViewDto,
} from './dto/credentials.dto.js';
import type { EnrolmentView } from '#application';

@ApiTags('auth')
@Controller('auth')
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly throttle: LoginRateLimitGuard,
  ) {}

  @Public()
  @Post('enrolment/lookup')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: 'Whose account an enrolment or reset code opens (before choosing a password)',
    description:
      'Throttled per address like login. 404 ENROLMENT_CODE_INVALID (unknown or replaced), 409 ENROLMENT_CODE_USED or ENROLMENT_CODE_EXPIRED.',
  })
  @ApiOkResponse({ type: EnrolmentViewDto })
  lookUp(@Body() body: EnrolmentCodeDto): Promise<EnrolmentView> {
    return this.credentials.lookUp(body.code);
  }

  @Public()
  @Post('enrolment')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: 'Set your own password with a one-time enrolment or reset code',
    description:
      'The code is spent, every session of the account ends and `account.password_set` goes to the public record. Sign in afterwards with the e-mail answered. 422 PASSWORD_TOO_WEAK when the password is common, breached or built on the name or e-mail.',
  })
  @ApiOkResponse({ type: EnrolledDto })
  enrol(@Body() body: EnrolDto): Promise<{ email: string }> {
    return this.credentials.enrol(body.code, body.password);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(LoginRateLimitGuard)
  @ApiOperation({
    summary: 'Change your own password (knowing the current one); every session ends, this one too',
    description: '403 CURRENT_PASSWORD_WRONG (counts as a failed login), 422 PASSWORD_TOO_WEAK.',
  })
  @ApiNoContentResponse()
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<void> {
    try {
      await this.credentials.changePassword(user.id, body.currentPassword, body.newPassword);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CURRENT_PASSWORD_WRONG')
        await this.throttle.failed(request, user.email);
      throw error;
    }
  }

  @Get('me/activity')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Your account in the public record, and every ballot cast in your seat’s name',
    description:
      'Credential facts (account.*) of the account, oldest first; for a delegate, every ballot revision cast in the seat’s name, newest first, with the account that cast it.',
  })
  @ApiOkResponse({ type: AccountActivityDto })
  activity(@CurrentUser() user: AuthenticatedUser): Promise<AccountActivity> {
    return this.credentials.activity(user.id);
  }
}
