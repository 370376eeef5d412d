import type { AppConfig } from '#config';
import { DomainError, formatMiB } from '#domain';
import {
  HttpException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { APP_CONFIG } from '../config/config.module.js';

/** The one part of an evidence upload, as multer leaves it (in memory: nothing touches the disk). */
export interface UploadedEvidence {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

/**
 * Nest's FileInterceptor (multer, memory storage) limited by the configuration: one part, the `file` field,
 * at most EVIDENCE_MAX_FILE_BYTES (multer stops reading past it). Its refusals become the product's codes:
 * too large 413, not multipart 415, any other malformed upload 400.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxFileBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxFileBytes = config.evidence.maxFileBytes;
    const Multer = FileInterceptor('file', {
      limits: { fileSize: config.evidence.maxFileBytes, files: 1, fields: 0, parts: 1 },
      // Browsers send the file name in UTF-8 ("Informe de diciembre – año 2026.pdf").
      defParamCharset: 'utf8',
    });
    this.multer = new Multer({});
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const type = String(
      context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['content-type'] ?? '',
    );
    if (!/^multipart\/form-data\b/i.test(type))
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
    try {
      return (await this.multer.intercept(context, next)) as Observable<unknown>;
    } catch (error) {
      if (error instanceof PayloadTooLargeException)
        throw new DomainError('EVIDENCE_FILE_TOO_LARGE', { max: formatMiB(this.maxFileBytes) });
      if (error instanceof UnsupportedMediaTypeException)
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
      if (error instanceof HttpException && error.getStatus() < 500)
        throw new DomainError('EVIDENCE_UPLOAD_MALFORMED');
      throw error;
    }
  }
}
