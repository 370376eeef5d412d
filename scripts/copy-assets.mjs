// tsc emits only JavaScript; the plan catalogue data travels beside the compiled libraries.
import { cpSync } from 'node:fs';

cpSync('libs/plan-data', 'dist/libs/plan-data', { recursive: true });
