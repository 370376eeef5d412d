import { DomainError } from '#domain';
import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth-decorators.js';
import { DATASET_NAMES, isDatasetName } from './open-data.columns.js';
import { catalogue, DUMP_FILENAME, type DatasetDocument } from './open-data.format.js';
import { OpenDataService } from './open-data.service.js';

const CSV_TYPE = 'text/csv; charset=utf-8';

@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Catalogue of the open datasets: every column with its type and a description in Spanish and English, and the URLs (public)',
  })
  catalogue(): ReturnType<typeof catalogue> {
    return catalogue();
  }

  @Public()
  @Get(DUMP_FILENAME)
  @ApiProduces('application/zip')
  @ApiOperation({
    summary:
      'Every dataset as CSV and JSON from one consistent snapshot, with README.md (every field) and manifest.json (public)',
  })
  async dump(): Promise<StreamableFile> {
    const { filename, zip } = await this.openData.dump();
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${filename}"`,
      length: zip.length,
    });
  }

  @Public()
  @Get(':file')
  @ApiParam({
    name: 'file',
    description: `<dataset>.csv or <dataset>.json; datasets: ${DATASET_NAMES.join(', ')}`,
    example: 'resolutions.csv',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'One dataset: CSV (RFC 4180, UTF-8, header row) or JSON { dataset, generatedAt, count, rows } (public)',
  })
  async dataset(@Param('file') file: string): Promise<DatasetDocument | StreamableFile> {
    const match = /^([a-z_]+)\.(csv|json)$/.exec(file);
    if (!match || !isDatasetName(match[1]!)) throw new DomainError('ROUTE_NOT_FOUND');
    const name = match[1];
    if (match[2] === 'json') return this.openData.json(name);
    const { filename, csv } = await this.openData.csv(name);
    const bytes = Buffer.from(csv, 'utf8');
    return new StreamableFile(bytes, {
      type: CSV_TYPE,
      disposition: `attachment; filename="${filename}"`,
      length: bytes.length,
    });
  }
}
