import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../common/auth/auth-decorators.js';
import { CreateInstitutionDto, UpdateInstitutionDto } from './dto/institution.dto.js';
import { InstitutionsService, type InstitutionView } from './institutions.service.js';

@ApiTags('institutions')
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Public()
  @Get()
  @ApiQuery({ name: 'all', required: false, description: 'true: include deactivated institutions' })
  @ApiOperation({ summary: 'Institutions that resolutions can bind (public)' })
  list(@Query('all') all?: string): Promise<InstitutionView[]> {
    return this.institutions.list(all === 'true');
  }

  @Public()
  @Get(':code')
  get(@Param('code') code: string): Promise<InstitutionView> {
    return this.institutions.get(code);
  }

  @Post()
  @Roles('admin')
  @ApiBearerAuth()
  create(@Body() body: CreateInstitutionDto): Promise<InstitutionView> {
    return this.institutions.create(body);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiBearerAuth()
  update(@Param('code') code: string, @Body() body: UpdateInstitutionDto): Promise<InstitutionView> {
    return this.institutions.update(code, body);
  }

  @Delete(':code')
  @HttpCode(204)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete an unused institution (one with liaisons can only be deactivated)' })
  async remove(@Param('code') code: string): Promise<void> {
    await this.institutions.remove(code);
  }
}
