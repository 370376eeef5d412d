import { pino } from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { errorWithoutValues } from './error-without-values.js';

describe('errorWithoutValues', () => {
  it("logs a failed query's text and codes, never its values, at any depth", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'secret_participation_pkey',
      detail: 'Key (round_id, delegate_id)=(r-1, delegate-7) already exists.',
    });
    const failed = new QueryFailedError(
      'INSERT INTO "secret_ballot_box" ("round_id", "tracker_lookup") VALUES ($1, $2)',
      ['r-1', 'ABCD-EFGH-JKMN-PQR5'],
      driverError,
    );
    const logged = (err: Error): string => {
      const chunks: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk.toString());
          done();
        },
      });
      pino({ level: 'debug', serializers: { err: errorWithoutValues } }, stream).error({ err }, 'x');
      return chunks.join('');
    };
    const line = logged(failed);
    expect(line).toContain('secret_ballot_box');
    expect(line).toContain('23505');
    expect(line).toContain('secret_participation_pkey');
    for (const text of [line, logged(new Error('cast failed', { cause: failed }))])
      for (const value of ['ABCD-EFGH-JKMN-PQR5', 'delegate-7', 'r-1']) expect(text).not.toContain(value);
    // The error itself is left whole for whoever else holds it.
    expect(failed.parameters).toEqual(['r-1', 'ABCD-EFGH-JKMN-PQR5']);
    expect((failed.driverError as { detail?: string }).detail).toContain('delegate-7');
  });
});
