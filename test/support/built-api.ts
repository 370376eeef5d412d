import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts the built API (`dist/`) as its own OS process; resolves with its URL once it listens. `output()`
 * is everything it has written to stdout and stderr so far (its log lines).
 */
export function startBuiltApi(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output(): string }> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
}
