import { JOBS } from '#contracts';
import { assertCompleteRegistry } from './job-registry.js';

describe('assertCompleteRegistry', () => {
  const noop = async () => undefined;
  const all = () => Object.fromEntries(Object.keys(JOBS).map((name) => [name, noop]));

  it('accepts a handler for every declared job', () => {
    expect(() => assertCompleteRegistry(all())).not.toThrow();
  });

  it('refuses a registry with a declared job missing, naming it', () => {
    const { ['webhooks.deliver']: _missing, ...rest } = all();
    expect(() => assertCompleteRegistry(rest)).toThrow(/no handler for webhooks\.deliver$/);
  });

  it('refuses a handler for a job nobody declared', () => {
    expect(() => assertCompleteRegistry({ ...all(), 'ghost.job': noop })).toThrow(
      /undeclared job ghost\.job/,
    );
  });
});
