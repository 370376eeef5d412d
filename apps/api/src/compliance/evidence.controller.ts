import type { EvidenceFileView, EvidenceLimitsView } from '#contracts';
import { evidenceDisposition } from '#domain';
import {
  Controller,
  Get,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { EvidenceUploadInterceptor, type UploadedEvidence } from './evidence-upload.interceptor.js';
import { EvidenceService } from './evidence.service.js';

/**
 * Evidence files of compliance reports. Uploading is a step of its own, before the report: each file gets
 * its own progress and its own error where it was chosen, a failed file is sent again alone, and the report
 * stays a small JSON body that cites the files by digest (validated like any other DTO).
 */
@ApiTags('compliance')
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Public()
  @Get('limits')
  @ApiOperation({ summary: 'What an evidence file may be: types, largest size, files per report (public)' })
  limits(): EvidenceLimitsView {
    return this.evidence.limits();
  }

  @Post()
  @Roles('liaison', 'admin')
  @ApiBearerAuth()
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF, PNG, JPEG or WebP' } },
    },
  })
  @ApiOperation({
    summary:
      'Upload one evidence file (liaison or secretariat); answers its SHA-256, which a compliance report then cites in evidenceFiles',
    description:
      'The type is read from the bytes (magic numbers), not from the name or the declared type. 413 EVIDENCE_FILE_TOO_LARGE over EVIDENCE_MAX_FILE_BYTES (default 5 MiB); 415 EVIDENCE_FILE_TYPE_UNSUPPORTED or EVIDENCE_FILE_TYPE_MISMATCH; 422 EVIDENCE_FILE_EMPTY. The same bytes uploaded again answer the stored file (created: false). A file is public only once a report cites it.',
  })
  upload(
    @CurrentUser() user: AuthenticatedUser,
    @UploadedFile() file: UploadedEvidence | undefined,
  ): Promise<EvidenceFileView & { created: boolean }> {
    return this.evidence.upload(user, file);
  }

  @Public()
  @Get(':sha256')
  @ApiParam({
    name: 'sha256',
    description: 'Lower-case hex SHA-256 of the file, as the public record names it',
  })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/webp')
  @ApiOperation({
    summary:
      'An evidence file cited by a compliance report, byte for byte (public; a download that can never run script)',
  })
  async file(
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.evidence.published(sha256);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'none'");
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // Named by its digest: the bytes at this URL never change.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.setHeader('ETag', `"${file.sha256}"`);
    return new StreamableFile(file.content, {
      type: file.mediaType,
      disposition: evidenceDisposition(file.fileName),
      length: file.size,
    });
  }
}
