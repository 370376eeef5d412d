import { DomainError, hasAnyRole, type Language } from '#domain';
import type { ConstituencyEntity } from '#persistence';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { Lang } from '../common/http/request-language.js';
import { UuidParam } from '../common/http/validation.js';
import { DelegateImportService, type ImportAnswer, type ImportPreview } from './delegate-import.service.js';
import { DelegatesService, type DelegateView, type SeatedDelegateView } from './delegates.service.js';
import { CreateDelegateDto, ImportQuery, ListDelegatesQuery, UpdateDelegateDto } from './dto/delegate.dto.js';

const isSecretariat = (user: AuthenticatedUser | undefined) => !!user && hasAnyRole(user.roles, ['admin']);

@ApiTags('delegates')
@Controller()
export class DelegatesController {
  constructor(
    private readonly delegates: DelegatesService,
    private readonly importer: DelegateImportService,
  ) {}

  @Public()
  @Get('constituencies')
  @ApiOperation({ summary: 'The 13 provinces of Cajamarca (public)' })
  constituencies(): Promise<ConstituencyEntity[]> {
    return this.delegates.constituencies();
  }

  @Public()
  @Get('delegates')
  @ApiOperation({
    summary: 'Delegates of the assembly (public; the secretariat also sees documents and accounts)',
  })
  list(@Query() query: ListDelegatesQuery, @CurrentUser() user?: AuthenticatedUser): Promise<DelegateView[]> {
    return this.delegates.list(query, isSecretariat(user));
  }

  @Public()
  @Get('delegates/:id')
  get(@Param('id', UuidParam) id: string, @CurrentUser() user?: AuthenticatedUser): Promise<DelegateView> {
    return this.delegates.get(id, isSecretariat(user));
  }

  @Post('delegates')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Seat a delegate (or an alternate, with alternateOfId)',
    description:
      'With an e-mail of no account, an account is created without password: the answer carries `enrolment` (code, url, expiresAt), shown once, for the delegate to set their own. The account facts are public (account.created, account.seat_changed, account.enrolment_issued).',
  })
  create(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() body: CreateDelegateDto,
  ): Promise<SeatedDelegateView> {
    return this.delegates.create(body, actor.id);
  }

  @Patch('delegates/:id')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change a delegate: province, term, status (active, suspended, ceased) with its date and reason, alternate link. A change of status is recorded publicly (delegate.status_changed).',
  })
  update(
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateDelegateDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<DelegateView> {
    return this.delegates.update(id, body, actor.id);
  }

  @Post('delegates/import/preview')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'The same CSV as POST /api/delegates/import.',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary:
      'Check a roster file without importing it: every row as read and every problem against its line; writes nothing',
  })
  @ApiOkResponse({
    description:
      '{ valid, columns, rows: [{ line, values }], errors: [{ line, column, problem, message }], wouldCreate, wouldLinkAccounts }',
  })
  preview(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Lang() language: Language,
    @Query() query: ImportQuery,
  ): Promise<ImportPreview> {
    if (typeof body !== 'string' || !contentType?.startsWith('text/csv')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'text/csv' });
    }
    return this.importer.preview(body, language, {
      confirmStaffAccounts: query.confirmStaffAccounts === 'true',
    });
  }

  @Post('delegates/import')
  @HttpCode(201)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'UTF-8 CSV with a header row. Columns: full_name, document_id, constituency (ubigeo or name), term_start, term_end (YYYY-MM-DD); optional organization, status, alternate_of (document_id of the titular), email. All rows are imported or none.',
    schema: { type: 'string' },
  })
  @ApiOperation({
    summary: 'Import delegates from CSV (all or nothing, with a per-row error list)',
    description:
      'Every account the import creates gets a one-time enrolment code, answered once in `enrolments` (line, delegate, e-mail, code, url, expiresAt) for the secretariat to hand out.',
  })
  import(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Lang() language: Language,
    @Query() query: ImportQuery,
  ): Promise<ImportAnswer> {
    if (typeof body !== 'string' || !contentType?.startsWith('text/csv')) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'text/csv' });
    }
    return this.importer.import(body, language, {
      confirmStaffAccounts: query.confirmStaffAccounts === 'true',
      actorId: actor.id,
    });
  }
}
