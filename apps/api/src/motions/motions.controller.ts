import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { UuidParam } from '../common/http/validation.js';
import {
  AdmitMotionDto,
  CreateMotionDto,
  InadmissibleDto,
  ListMotionsQuery,
  UpdateMotionDto,
} from './dto/motion.dto.js';
import { MotionCommandsService } from './motion-commands.service.js';
import { MotionQueriesService, type MotionDetail, type MotionSummary } from './motion-queries.service.js';

@ApiTags('motions')
@Controller('motions')
export class MotionsController {
  constructor(
    private readonly commands: MotionCommandsService,
    private readonly queries: MotionQueriesService,
  ) {}

  /** The delegate behind an optional token, to show them their own drafts. */
  private viewer(user: AuthenticatedUser | undefined): Promise<string | null> {
    return this.queries.viewerDelegateId(user?.id);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Motions (public; drafts only to their author with status=draft). Keyset-paginated.',
  })
  async list(
    @Query() query: ListMotionsQuery,
    @CurrentUser() user?: AuthenticatedUser,
  ): Promise<{ items: MotionSummary[]; nextCursor: string | null }> {
    return this.queries.list(query, await this.viewer(user));
  }

  @Public()
  @Get(':idOrNumber')
  @ApiOperation({
    summary:
      'One motion by id or number (MOC-2026-0007), with versions and diffs, co-sponsors and its public record',
  })
  async get(
    @Param('idOrNumber') idOrNumber: string,
    @CurrentUser() user?: AuthenticatedUser,
  ): Promise<MotionDetail> {
    return this.queries.get(idOrNumber, await this.viewer(user));
  }

  @Post()
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start a draft motion, or an amendment (parentId + changes)' })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateMotionDto): Promise<MotionDetail> {
    const id = await this.commands.createDraft(
      user,
      body as Parameters<MotionCommandsService['createDraft']>[1],
    );
    return this.queries.get(id, await this.viewer(user));
  }

  @Patch(':id')
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit a draft (author only; after filing, change comes through amendments)' })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateMotionDto,
  ): Promise<MotionDetail> {
    await this.commands.updateDraft(user, id, body as Parameters<MotionCommandsService['updateDraft']>[2]);
    return this.queries.get(id, await this.viewer(user));
  }

  @Post(':id/file')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'File a draft: it gets its number (MOC-<year>-<NNNN>) and becomes public' })
  async file(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<MotionDetail> {
    await this.commands.file(user, id);
    return this.queries.get(id, await this.viewer(user));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw (author only, before the vote opens)' })
  async withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<MotionDetail> {
    await this.commands.withdraw(user, id);
    return this.queries.get(id, await this.viewer(user));
  }

  @Post(':id/cosponsors')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Co-sponsor a filed motion (idempotent)' })
  cosponsor(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<{ changed: boolean }> {
    return this.commands.cosponsor(user, id, true);
  }

  @Delete(':id/cosponsors')
  @HttpCode(200)
  @Roles('delegate')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw your co-sponsorship while the motion is filed (idempotent)' })
  uncosponsor(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
  ): Promise<{ changed: boolean }> {
    return this.commands.cosponsor(user, id, false);
  }

  @Post(':id/admit')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Admit a filed motion (needs an objective and the co-sponsor threshold); optionally qualify it as a kind of decision the reglamento added',
  })
  async admit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: AdmitMotionDto,
  ): Promise<MotionDetail> {
    await this.commands.admit(user, id, body.decision);
    return this.queries.get(id, null);
  }

  @Post(':id/inadmissible')
  @HttpCode(200)
  @Roles('moderator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Declare a filed motion inadmissible, with the reason' })
  async inadmissible(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParam) id: string,
    @Body() body: InadmissibleDto,
  ): Promise<MotionDetail> {
    await this.commands.declareInadmissible(user, id, body.reason);
    return this.queries.get(id, null);
  }
}
