// tsc emits only JavaScript; the plan catalogue data travels beside the compiled libraries. The copy
// replaces the previous one, so a file removed from libs/plan-data is gone from dist too.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/libs/plan-data', { recursive: true, force: true });
cpSync('libs/plan-data', 'dist/libs/plan-data', { recursive: true });
