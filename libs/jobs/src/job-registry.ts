import { JOBS, type JobName, type JobPayloads } from '#contracts';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<unknown>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** The worker refuses to boot when a declared job has no handler (or a handler has no declared job). */
export function assertCompleteRegistry(
  handlers: Partial<Record<string, unknown>>,
): asserts handlers is JobHandlers {
  const declared = Object.keys(JOBS);
  const missing = declared.filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !declared.includes(name));
  if (missing.length || unknown.length) {
    throw new Error(
      `Job registry incomplete: ${missing.length ? `no handler for ${missing.join(', ')}` : ''}${
        missing.length && unknown.length ? '; ' : ''
      }${unknown.length ? `handler for undeclared job ${unknown.join(', ')}` : ''}`,
    );
  }
}
