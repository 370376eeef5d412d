import { readFileSync } from 'node:fs';
import {
  isRecordEventType,
  RECORD_EVENT_TYPES,
  RECORD_EVENTS,
  recordEventTable,
  recordSubject,
} from './record-events.js';

describe('record event catalogue', () => {
  it('files each event under its subject, read from the payload', () => {
    expect(
      recordSubject({
        type: 'speaker.withdrawn',
        actor: 'user:1',
        payload: { sessionId: 's-1', itemId: 'i-1', delegateId: 'd-1' },
      }),
    ).toBe('session:s-1');
    expect(
      recordSubject({
        type: 'resolution.issued',
        actor: null,
        payload: { resolutionId: 'r-1', number: 'RES-2026-0001', motionId: 'm', voteId: 'v', digest: 'x' },
      }),
    ).toBe('resolution:RES-2026-0001');
    expect(
      recordSubject({
        type: 'compliance.overdue',
        actor: null,
        payload: {
          resolutionNumber: 'RES-2026-0002',
          institutionCode: 'DIRESA',
          status: 'overdue',
          progress: 0,
          deadline: '2026-01-31',
        },
      }),
    ).toBe('resolution:RES-2026-0002');
    expect(
      recordSubject({
        type: 'ballot.cast',
        actor: 'user:2',
        payload: { voteId: 'v-9', delegateId: 'd', revision: 1, commitment: 'c' },
      }),
    ).toBe('vote:v-9');
  });

  it('refuses to file an event it does not declare', () => {
    const stray = { type: 'bench.appended', actor: null, payload: {} } as unknown as Parameters<
      typeof recordSubject
    >[0];
    expect(() => recordSubject(stray)).toThrow("bench.appended is not in the record's catalogue");
  });

  it('knows only its own types (not Object members)', () => {
    expect(isRecordEventType('motion.filed')).toBe(true);
    expect(isRecordEventType('motion.voting')).toBe(false);
    expect(isRecordEventType('toString')).toBe(false);
  });

  it('has names the ledger table accepts', () => {
    // ledger_events.type CHECK (type ~ '^[a-z]+(\.[a-z_]+)+$')
    for (const type of RECORD_EVENT_TYPES) expect(type).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
    for (const type of RECORD_EVENT_TYPES) expect(RECORD_EVENTS[type].meaning.length).toBeGreaterThan(10);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('<!-- record-events:start -->');
    const end = readme.indexOf('<!-- record-events:end -->');
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + '<!-- record-events:start -->'.length, end).trim()).toBe(recordEventTable());
  });
});
