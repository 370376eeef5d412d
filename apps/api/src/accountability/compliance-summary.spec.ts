import { overallStatus, summarizeCompliance, type Obligation } from './compliance-summary.js';

const obligation = (
  resolutionId: string,
  institutionId: string,
  status: Obligation['status'],
  progress: number,
): Obligation => ({ resolutionId, institutionId, status, progress });

describe('compliance summary', () => {
  it('gives a resolution the status of its bound institutions taken together', () => {
    expect(overallStatus([])).toBeNull();
    expect(overallStatus(['pending', 'pending'])).toBe('pending');
    expect(overallStatus(['fulfilled', 'fulfilled'])).toBe('fulfilled');
    expect(overallStatus(['pending', 'fulfilled'])).toBe('in_progress');
    expect(overallStatus(['in_progress', 'fulfilled'])).toBe('in_progress');
    expect(overallStatus(['fulfilled', 'overdue', 'in_progress'])).toBe('overdue');
  });

  it('counts resolutions and obligations, once each, with the mean progress and fulfilled rate', () => {
    const summary = summarizeCompliance(
      ['r1', 'r2', 'r3'],
      [
        obligation('r1', 'diresa', 'in_progress', 40),
        obligation('r1', 'hrdc', 'fulfilled', 100),
        obligation('r1', 'hrdc', 'fulfilled', 100),
        obligation('r2', 'dre', 'overdue', 10),
      ],
    );
    expect(summary).toEqual({
      resolutions: 3,
      resolutionsByStatus: { pending: 0, in_progress: 1, fulfilled: 0, overdue: 1 },
      untrackedResolutions: 1,
      obligations: 3,
      obligationsByStatus: { pending: 0, in_progress: 1, fulfilled: 1, overdue: 1 },
      overdue: 1,
      fulfilledRate: 0.3333,
      meanProgress: 50,
    });
  });

  it('has no rates when nothing binds', () => {
    expect(summarizeCompliance([], [])).toMatchObject({
      resolutions: 0,
      obligations: 0,
      fulfilledRate: null,
      meanProgress: null,
    });
  });
});
