// `npm test`: type-check and build (the process-level tests run the built entry points), then every jest project.
import { spawnSync } from 'node:child_process';

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', '--silent', 'build']);
run('npx', ['jest', ...process.argv.slice(2)], { NODE_OPTIONS: '--experimental-vm-modules' });
