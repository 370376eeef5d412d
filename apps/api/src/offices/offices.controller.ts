import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import {
  AssignOfficeDto,
  CreateCommissionDto,
  CreatePositionDto,
  CreateTermDto,
  ListOfficesQuery,
} from './dto/office.dto.js';
import {
  OfficesService,
  type CommissionView,
  type OfficeView,
  type PositionView,
  type TermView,
} from './offices.service.js';

@ApiTags('offices')
@Controller()
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

  @Public()
  @Get('commissions')
  @ApiOperation({ summary: 'The working commissions of the assembly (public)' })
  commissions(): Promise<CommissionView[]> {
    return this.offices.commissions();
  }

  @Post('commissions')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a commission (admin; public record: commission.created)' })
  createCommission(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateCommissionDto,
  ): Promise<CommissionView> {
    return this.offices.createCommission(user, body);
  }

  @Public()
  @Get('positions')
  @ApiOperation({ summary: 'The positions of the Mesa Directiva and the commissions, with seats (public)' })
  positions(): Promise<PositionView[]> {
    return this.offices.positions();
  }

  @Post('positions')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Create a position of the Mesa or a commission (admin): one presidency of one seat, one chair per commission; 422 POSITIONS_INVALID otherwise (public record: position.created)',
  })
  createPosition(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreatePositionDto,
  ): Promise<PositionView> {
    return this.offices.createPosition(user, body);
  }

  @Public()
  @Get('terms')
  @ApiOperation({ summary: 'Terms of office, by start (public)' })
  terms(): Promise<TermView[]> {
    return this.offices.terms();
  }

  @Post('terms')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Create a term of office: start included, end excluded (admin; public record: term.created)',
  })
  createTerm(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateTermDto): Promise<TermView> {
    return this.offices.createTerm(user, body);
  }

  @Public()
  @Get('offices')
  @ApiOperation({
    summary:
      'Who holds which position in which term, elected or appointed, and when the start and end were applied (public)',
  })
  list(@Query() query: ListOfficesQuery): Promise<OfficeView[]> {
    return this.offices.offices(query.termId);
  }

  @Post('offices')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Appoint an account to a position for a term (admin; an election assigns its elected itself). A Mesa office grants the moderator role from the term’s start to its end (public record: office.assigned, office.taken, office.ended)',
  })
  assign(@CurrentUser() user: AuthenticatedUser, @Body() body: AssignOfficeDto): Promise<OfficeView> {
    return this.offices.assign(user, body);
  }
}
