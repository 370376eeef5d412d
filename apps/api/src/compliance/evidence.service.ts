import type { AppConfig } from '#config';
import type { EvidenceFileView, EvidenceLimitsView } from '#contracts';
import { uploadEvidenceFile } from '#application';
import { DomainError, EVIDENCE_MEDIA_TYPES, SHA256_PATTERN } from '#domain';
import { readPublishedEvidenceFile, type EvidenceFileMeta } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { UploadedEvidence } from './evidence-upload.interceptor.js';

/** Evidence files: uploaded by liaisons and the secretariat, public once a report cites them. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  limits(): EvidenceLimitsView {
    return { ...this.config.evidence, mediaTypes: [...EVIDENCE_MEDIA_TYPES] };
  }

  async upload(
    user: AuthenticatedUser,
    file: UploadedEvidence | undefined,
  ): Promise<EvidenceFileView & { created: boolean }> {
    if (!file) throw new DomainError('EVIDENCE_FILE_MISSING');
    return this.useCases.run((uow) =>
      uploadEvidenceFile(
        uow,
        user,
        { bytes: file.buffer, declaredType: file.mimetype, originalName: file.originalname },
        this.config.evidence,
      ),
    );
  }

  async published(sha256: string): Promise<EvidenceFileMeta & { content: Buffer }> {
    const file = SHA256_PATTERN.test(sha256)
      ? await readPublishedEvidenceFile(this.dataSource, sha256)
      : undefined;
    if (!file) throw new DomainError('EVIDENCE_FILE_NOT_FOUND');
    return file;
  }
}
