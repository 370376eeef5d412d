// Types of build-freshness.mjs for the TypeScript that imports it (test/build-freshness.e2e-spec.ts).
export type PartName = 'api' | 'assets' | 'web';
export interface FileState {
  stat: string;
  hash: string;
}
export type Snapshot = Record<string, FileState>;
export interface Stale {
  part: PartName;
  reason: string;
  files: Snapshot;
  stamp: { recipe: number; part: PartName; files: Snapshot } | null;
  removed?: string[];
  outputsMissing?: boolean;
}
export const PARTS: Record<
  PartName,
  {
    label: string;
    dirs: string[];
    skip(path: string): boolean;
    files: string[];
    outputs(inputs: string[]): string[];
  }
>;
export function stampPath(root: string, part: PartName): string;
export function inputsOf(root: string, part: PartName): string[];
export function snapshot(root: string, part: PartName, previous?: Snapshot): Snapshot;
export function readStamp(root: string, part: PartName): Stale['stamp'];
export function check(root: string, part: PartName): Stale | null;
export function writeStamp(root: string, part: PartName, files: Snapshot): void;
export function removeStamp(root: string, part: PartName): void;
