import type { SessionRecord } from '#contracts';
import {
  readSessionAgendaRecord,
  readSessionAttendanceRecord,
  readSessionResolutions,
  readSessionSpeeches,
  readSessionVotes,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SessionReader } from '../sessions/session-reader.js';

export type { SessionRecord };

/** A session's full public record, read in one snapshot so every part agrees. */
@Injectable()
export class SessionRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: SessionReader,
  ) {}

  record(sessionId: string): Promise<SessionRecord> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const { sequence: _sequence, ...session } = await this.reader.session(m, sessionId);
      const delegates = await readSessionAttendanceRecord(m, sessionId);
      const { quorum } = await this.reader.attendance(m, sessionId);
      const agenda = await readSessionAgendaRecord(m, sessionId);
      const speeches = await readSessionSpeeches(m, sessionId);
      const votes = await readSessionVotes(m, sessionId);
      const resolutions = await readSessionResolutions(m, sessionId);
      return { session, attendance: { delegates, quorum }, agenda, speeches, votes, resolutions };
    });
  }
}
