import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import type { IssuedEnrolmentAnswer } from '../credentials/credentials.service.js';
import { IssuedEnrolmentDto } from '../credentials/dto/credentials.dto.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UsersService, type AccountView, type CreatedAccount } from './users.service.js';

@ApiTags('users (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every account, with whether it has a password and its open enrolment code' })
  list(): Promise<AccountView[]> {
    return this.users.list();
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<AccountView> {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an account with roles; it comes with a one-time enrolment code for its owner',
    description:
      'No password is set here: the answer carries `enrolment` (code, url, expiresAt), shown once, for the person to set their own. Public as `account.created` and `account.enrolment_issued`.',
  })
  create(@CurrentUser() actor: AuthenticatedUser, @Body() body: CreateUserDto): Promise<CreatedAccount> {
    return this.users.create(body, actor.id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, roles, institution or deactivate (ends its sessions)',
    description:
      'Role and status changes are public as `account.roles_changed` and `account.status_changed`.',
  })
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<AccountView> {
    return this.users.update(actor.id, id, body);
  }

  @Post(':id/enrolment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue a one-time enrolment code; for an account with a password, a reset',
    description:
      'A reset clears the password and ends every session of the account at once; an earlier open code stops working. Nobody but the code’s holder ever knows the new password. Public as `account.enrolment_issued`. 409 ACCOUNT_INACTIVE.',
  })
  @ApiOkResponse({ type: IssuedEnrolmentDto })
  issueEnrolment(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<IssuedEnrolmentAnswer> {
    return this.users.issueEnrolment(actor.id, id);
  }
}
