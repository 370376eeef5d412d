import type { SessionSnapshot, SpeechView } from '#contracts';
import type { SessionAction } from '#domain';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import {
  AddAgendaItemDto,
  SessionListItemDto,
  AttendanceDto,
  CreateSessionDto,
  ExtendSpeechDto,
  FloorDto,
  GiveFloorDto,
  ReorderAgendaDto,
} from './dto/session.dto.js';
import { FloorService } from './floor.service.js';
import { SessionReader } from './session-reader.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly reader: SessionReader,
    private readonly floor: FloorService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Sessions, newest first (the latest 200), each with what is being voted on in it now (public)',
  })
  @ApiOkResponse({ type: SessionListItemDto, isArray: true })
  list(): Promise<unknown[]> {
    return this.reader.list();
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary:
      'A session as the live board shows it: agenda, attendance and quorum, with its live sequence (public)',
  })
  get(@Param('id', UuidParam) id: string): Promise<SessionSnapshot> {
    return this.reader.snapshot(id);
  }

  @Post()
  @Roles('moderator')
  @ApiBearerAuth()
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateSessionDto,
  ): Promise<SessionSnapshot> {
    return this.reader.snapshot(await this.sessions.create(user, body));
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Open the session' })
  open(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam) id: string): Promise<SessionSnapshot> {
    return this.transition(user, id, 'open');
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Suspend the session' })
  suspend(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<SessionSnapshot> {
    return this.transition(user, id, 'suspend');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Resume a suspended session' })
  resume(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<SessionSnapshot> {
    return this.transition(user, id, 'resume');
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close the session' })
  close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<SessionSnapshot> {
    return this.transition(user, id, 'close');
  }

  private async transition(
    user: AuthenticatedUser,
    id: string,
    action: SessionAction,
  ): Promise<SessionSnapshot> {
    await this.sessions.transition(user, id, action);
    return this.reader.snapshot(id);
  }

  @Post(':id/agenda')
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add an agenda item at the end (an admitted motion becomes scheduled)' })
  async addItem(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: AddAgendaItemDto,
  ): Promise<SessionSnapshot> {
    await this.sessions.addItem(user, id, body);
    return this.reader.snapshot(id);
  }

  @Patch(':id/agenda')
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Reorder the agenda' })
  async reorder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: ReorderAgendaDto,
  ): Promise<SessionSnapshot> {
    await this.sessions.reorder(user, id, body.itemIds);
    return this.reader.snapshot(id);
  }

  @Delete(':id/agenda/:itemId')
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove an item that has not started (its motion goes back to admitted)' })
  async removeItem(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('itemId', UuidParam) itemId: string,
  ): Promise<SessionSnapshot> {
    await this.sessions.removeItem(user, id, itemId);
    return this.reader.snapshot(id);
  }

  @Post(':id/agenda/:itemId/start')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Make a pending item the current one (its motion goes into debate)' })
  start(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('itemId', UuidParam) itemId: string,
  ): Promise<SessionSnapshot> {
    return this.progress(user, id, itemId, 'start');
  }

  @Post(':id/agenda/:itemId/finish')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close a report or free topic being dealt with' })
  finish(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('itemId', UuidParam) itemId: string,
  ): Promise<SessionSnapshot> {
    return this.progress(user, id, itemId, 'finish');
  }

  @Post(':id/agenda/:itemId/defer')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Defer an item (its motion goes back to admitted)' })
  defer(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('itemId', UuidParam) itemId: string,
  ): Promise<SessionSnapshot> {
    return this.progress(user, id, itemId, 'defer');
  }

  private async progress(
    user: AuthenticatedUser,
    id: string,
    itemId: string,
    action: 'start' | 'finish' | 'defer',
  ): Promise<SessionSnapshot> {
    await this.sessions.progressItem(user, id, itemId, action);
    return this.reader.snapshot(id);
  }

  @Post(':id/floor')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Ask for the floor on the current item (checked-in delegates; points of order go first)',
  })
  requestFloor(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: FloorDto,
  ): Promise<{ requestId: string }> {
    return this.floor.request(user, id, body.stance);
  }

  @Delete(':id/floor')
  @HttpCode(204)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw your request for the floor' })
  async withdrawFloor(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<void> {
    await this.floor.withdraw(user, id);
  }

  @Post(':id/floor/give')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Give the floor to the next speaker, or to a chosen request' })
  giveFloor(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: GiveFloorDto,
  ): Promise<SpeechView> {
    return this.floor.giveFloor(user, id, body.requestId);
  }

  @Post(':id/floor/extend')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Give the running speech more time' })
  extend(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: ExtendSpeechDto,
  ): Promise<SpeechView> {
    return this.floor.extend(user, id, body.seconds);
  }

  @Post(':id/floor/end')
  @HttpCode(204)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the running speech' })
  async endSpeech(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParam) id: string): Promise<void> {
    await this.floor.endSpeech(user, id);
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Check in or out (a sitting delegate, for themself)' })
  async attend(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: AttendanceDto,
  ): Promise<SessionSnapshot> {
    await this.sessions.recordAttendance(user, id, body.present);
    return this.reader.snapshot(id);
  }

  @Post(':id/attendance/:delegateId')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Roll call: record a delegate present or absent' })
  async rollCall(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Param('delegateId', UuidParam) delegateId: string,
    @Body() body: AttendanceDto,
  ): Promise<SessionSnapshot> {
    await this.sessions.recordAttendance(user, id, body.present, delegateId);
    return this.reader.snapshot(id);
  }
}
