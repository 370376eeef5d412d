import type { ComplianceStatus, ComplianceTrack } from '#contracts';
import { DomainError, hasAnyRole } from '#domain';
import { appendLedgerEvent } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { PublicReadCache } from '../common/cache/public-read-cache.js';
import { actorOf } from '../delegates/acting-delegate.js';
import type { ComplianceReportDto } from './dto/compliance.dto.js';

/** Compliance of a resolution per bound institution: reports by that institution's liaisons or the secretariat. */
@Injectable()
export class ComplianceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publicReads: PublicReadCache,
  ) {}

  async report(
    user: AuthenticatedUser,
    number: string,
    input: ComplianceReportDto,
  ): Promise<ComplianceTrack[]> {
    await this.dataSource.transaction(async (m) => {
      const [resolution]: { id: string }[] = await m.query(`SELECT id FROM resolutions WHERE number = $1`, [
        number,
      ]);
      if (!resolution) throw new DomainError('RESOLUTION_NOT_FOUND');
      const institution = await this.reportingInstitution(user, input.institutionCode);
      const [track]: { status: ComplianceStatus; code: string }[] = await m.query(
        `SELECT c.status, i.code FROM compliance c JOIN institutions i ON i.id = c.institution_id
         WHERE c.resolution_id = $1 AND i.code = $2 FOR UPDATE OF c`,
        [resolution.id, institution],
      );
      if (!track) throw new DomainError('INSTITUTION_NOT_BOUND', { institution, number });
      if (track.status === 'fulfilled') throw new DomainError('COMPLIANCE_ALREADY_FULFILLED');
      const fulfilled = input.status === 'fulfilled';
      if (fulfilled && input.progress !== 100) throw new DomainError('FULFILLED_NEEDS_FULL_PROGRESS');
      // A late report does not erase the lateness: overdue stays overdue until fulfilled.
      const status: ComplianceStatus = fulfilled
        ? 'fulfilled'
        : track.status === 'overdue'
          ? 'overdue'
          : 'in_progress';
      const evidence = input.evidence ?? [];
      const event = await appendLedgerEvent(m, {
        type: 'compliance.reported',
        subject: `resolution:${number}`,
        actor: actorOf(user),
        payload: {
          resolutionNumber: number,
          institutionCode: institution,
          progress: input.progress,
          status,
          body: input.body,
          evidence,
        },
      });
      await m.query(
        `INSERT INTO compliance_reports (resolution_id, institution_id, progress, status_after, body, evidence, reported_by, ledger_sequence)
         SELECT $1, i.id, $3, $4, $5, $6, $7, $8 FROM institutions i WHERE i.code = $2`,
        [resolution.id, institution, input.progress, status, input.body, evidence, user.id, event.sequence],
      );
      await m.query(
        `UPDATE compliance SET status = $3, progress = $4, updated_at = now(),
           fulfilled_at = CASE WHEN $3 = 'fulfilled' THEN now() ELSE NULL END
         WHERE resolution_id = $1 AND institution_id = (SELECT id FROM institutions WHERE code = $2)`,
        [resolution.id, institution, status, input.progress],
      );
    });
    this.publicReads.changed();
    return this.tracks(number);
  }

  /** A liaison reports for their own institution only; the secretariat names the institution. */
  private async reportingInstitution(
    user: AuthenticatedUser,
    requested: string | undefined,
  ): Promise<string> {
    if (hasAnyRole(user.roles, ['admin'])) {
      if (!requested)
        throw new DomainError('VALIDATION_FAILED', {}, [
          { field: 'institutionCode', problems: ['institutionCode is required for the secretariat'] },
        ]);
      return requested;
    }
    const [own]: { code: string }[] = await this.dataSource.query(
      `SELECT code FROM institutions WHERE id = $1`,
      [user.institutionId],
    );
    if (!own || (requested && requested !== own.code)) throw new DomainError('NOT_INSTITUTION_LIAISON');
    return own.code;
  }

  async tracks(number: string): Promise<ComplianceTrack[]> {
    const rows: (Omit<ComplianceTrack, 'reports'> & { resolution_id: string; institution_id: string })[] =
      await this.dataSource.query(
        `SELECT c.resolution_id, c.institution_id, json_build_object('code', i.code, 'name', i.name) AS institution,
           c.status, c.progress, to_char(c.deadline, 'YYYY-MM-DD') AS deadline, c.updated_at AS "updatedAt",
           c.fulfilled_at AS "fulfilledAt"
         FROM compliance c JOIN resolutions r ON r.id = c.resolution_id JOIN institutions i ON i.id = c.institution_id
         WHERE r.number = $1 ORDER BY i.code`,
        [number],
      );
    if (rows.length === 0) {
      const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM resolutions WHERE number = $1`, [
        number,
      ]);
      if (exists.length === 0) throw new DomainError('RESOLUTION_NOT_FOUND');
    }
    const reports: (ComplianceTrack['reports'][number] & { institution_id: string })[] =
      await this.dataSource.query(
        `SELECT cr.institution_id, cr.id, cr.progress, cr.status_after AS status, cr.body, cr.evidence,
         cr.reported_at AS "reportedAt", u.display_name AS "reportedBy", e.hash AS receipt
       FROM compliance_reports cr JOIN resolutions r ON r.id = cr.resolution_id
       JOIN users u ON u.id = cr.reported_by JOIN ledger_events e ON e.sequence = cr.ledger_sequence
       WHERE r.number = $1 ORDER BY cr.reported_at, cr.id`,
        [number],
      );
    return rows.map(({ resolution_id: _r, institution_id, ...track }) => ({
      ...track,
      reports: reports
        .filter((r) => r.institution_id === institution_id)
        .map(({ institution_id: _i, ...r }) => r),
    }));
  }
}
