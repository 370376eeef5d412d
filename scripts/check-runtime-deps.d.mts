// Types of check-runtime-deps.mjs for the TypeScript that imports it (test/runtime-deps.e2e-spec.ts).
export const RUNTIME_DIRS: string[];
export function packageOf(specifier: string): string | null;
export function specifiersOf(source: string, fileName?: string): string[];
export function checkRuntimeDeps(root: string): {
  files: number;
  problems: { package: string; file: string; specifier: string }[];
};
