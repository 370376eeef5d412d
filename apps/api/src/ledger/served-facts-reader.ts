import { DomainError, type ServedFactsSource } from '#domain';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SessionRecordService } from '../accountability/session-record.service.js';
import { ComplianceService } from '../compliance/compliance.service.js';
import { EvidenceService } from '../compliance/evidence.service.js';
import { MotionQueriesService } from '../motions/motion-queries.service.js';
import { SessionReader } from '../sessions/session-reader.js';

/** As the HTTP answer carries it (dates as ISO text): what is compared is what is served. */
const asServed = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A public read that answers "not found" with a coded error is not served: null. */
async function orNull<T>(read: () => Promise<T>, notFound: string): Promise<T | null> {
  try {
    return asServed(await read());
  } catch (error) {
    if (error instanceof DomainError && error.code === notFound) return null;
    throw error;
  }
}

/**
 * The served facts the server's verifier compares with the record, read by the very services behind the
 * public routes (GET /api/motions…, /api/sessions…, /api/resolutions/:n/compliance, /api/evidence/:sha256).
 */
@Injectable()
export class ServedFactsReader implements ServedFactsSource {
  constructor(
    private readonly motions: MotionQueriesService,
    private readonly sessions: SessionReader,
    private readonly sessionRecords: SessionRecordService,
    private readonly complianceTracks: ComplianceService,
    private readonly evidence: EvidenceService,
  ) {}

  async motionIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let cursor: string | undefined; ;) {
      const page = await this.motions.list({ limit: 100, cursor }, null);
      ids.push(...page.items.map((item) => item.id));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
    }
  }

  motion(id: string) {
    return orNull(() => this.motions.get(id, null), 'MOTION_NOT_FOUND');
  }

  async sessionIds(): Promise<string[]> {
    return (await this.sessions.list()).map((row) => row.id);
  }

  sessionRecord(id: string) {
    return orNull(() => this.sessionRecords.record(id), 'SESSION_NOT_FOUND');
  }

  sessionSnapshot(id: string) {
    return orNull(() => this.sessions.snapshot(id), 'SESSION_NOT_FOUND');
  }

  compliance(number: string) {
    return orNull(() => this.complianceTracks.tracks(number), 'RESOLUTION_NOT_FOUND');
  }

  async evidenceFile(sha256: string): Promise<{ sha256: string; size: number } | null> {
    try {
      const file = await this.evidence.published(sha256);
      return { sha256: createHash('sha256').update(file.content).digest('hex'), size: file.content.length };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'EVIDENCE_FILE_NOT_FOUND') return null;
      throw error;
    }
  }
}
