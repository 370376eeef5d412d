import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import { CreateUserDto, SetPasswordDto, UpdateUserDto } from './dto/user.dto.js';
import { UsersService, type UserView } from './users.service.js';

@ApiTags('users (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every account' })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get(':id')
  get(@Param('id', UuidParam) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create an account with roles' })
  create(@Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, roles, institution or deactivate (ends its sessions)' })
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor.id, id, body);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password (ends every session of the account)' })
  async setPassword(@Param('id', UuidParam) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.users.setPassword(id, body.password);
  }
}
