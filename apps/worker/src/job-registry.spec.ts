import { assertCompleteRegistry } from './job-registry.js';

describe('assertCompleteRegistry', () => {
  const noop = async () => undefined;

  it('accepts a handler for every declared job', () => {
    expect(() => assertCompleteRegistry({ 'maintenance.purge-refresh-tokens': noop })).not.toThrow();
  });

  it('refuses a registry with a declared job missing', () => {
    expect(() => assertCompleteRegistry({})).toThrow(/no handler for maintenance\.purge-refresh-tokens/);
  });

  it('refuses a handler for a job nobody declared', () => {
    expect(() =>
      assertCompleteRegistry({ 'maintenance.purge-refresh-tokens': noop, 'ghost.job': noop }),
    ).toThrow(/undeclared job ghost\.job/);
  });
});
