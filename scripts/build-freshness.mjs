// Which parts of the build are stale: each part lists its inputs (directories walked for every file,
// plus single files); a stamp under dist/.build records what the last successful build of the part read.
// A part is fresh when its input list is the same (no file added or removed) and every file has the same
// content, and its outputs are all there. Content is compared by hash, but only for files whose stat
// (size, mtime, ctime, inode) differs from the stamp's: a no-op check reads no file (ctime cannot be set
// back by any tool, so an unchanged stat means unchanged content).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** Bump to invalidate every stamp (a change of what a build does that its inputs do not show). */
const RECIPE = 1;

const isSpec = (path) => /\.spec\.tsx?$/.test(path);
// Dependencies, as installed: npm rewrites this file whenever it changes node_modules.
const installed = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

/**
 * dirs: walked recursively (dotfiles, editor backups and node_modules skipped); skip: directories or
 * files left out; files: single inputs (absent ones count as absent); outputs(inputs): what must exist.
 */
export const PARTS = {
  api: {
    label: 'API and libraries (tsc)',
    dirs: ['apps', 'libs'],
    skip: (path) => path === 'apps/web' || path === 'libs/plan-data' || isSpec(path),
    files: ['tsconfig.json', 'tsconfig.build.json', ...installed, 'scripts/build.mjs'],
    // Every compiled source has its JavaScript: `tsc --incremental` does not notice deleted outputs.
    outputs: (inputs) =>
      inputs
        .filter((path) => /\.ts$/.test(path) && !path.endsWith('.d.ts') && /^(apps|libs)\//.test(path))
        .map((path) => `dist/${path.replace(/\.ts$/, '.js')}`),
  },
  assets: {
    label: 'plan catalogue data',
    dirs: ['libs/plan-data'],
    skip: () => false,
    files: ['scripts/copy-assets.mjs'],
    outputs: (inputs) => inputs.filter((path) => path.startsWith('libs/')).map((path) => `dist/${path}`),
  },
  web: {
    label: 'web client (vite)',
    // apps/web and what its aliases reach (package.json "imports": #contracts, #domain/*).
    dirs: ['apps/web', 'libs/domain', 'libs/contracts'],
    skip: isSpec,
    files: ['tsconfig.json', ...installed, 'scripts/build-web.mjs'],
    outputs: () => ['dist/web/index.html'],
  },
};

export const stampPath = (root, part) => join(root, 'dist', '.build', `${part}.json`);

function walk(root, dir, skip, out) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (name.startsWith('.') || name.endsWith('~') || name === 'node_modules') continue;
    const path = `${dir}/${name}`;
    if (skip(path)) continue;
    if (entry.isDirectory()) walk(root, path, skip, out);
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(path);
  }
}

/** The part's input files, relative to root with forward slashes, sorted. */
export function inputsOf(root, part) {
  const spec = PARTS[part];
  const out = [];
  for (const dir of spec.dirs) walk(root, dir, spec.skip, out);
  for (const file of spec.files) out.push(file);
  return [...new Set(out)].sort();
}

// File times are coarse (a clock tick): a file written again within the tick of the snapshot could keep
// its stat. As git does ("racily clean" entries), a file changed less than a second before the snapshot
// gets a stat that matches nothing, so the next check hashes it again.
const RACY_MS = 1000;
const statKey = (stats, now) => {
  if (!stats) return 'absent';
  const key = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
  return Math.max(stats.mtimeMs, stats.ctimeMs) > now - RACY_MS ? `racy:${key}` : key;
};

function statOf(root, path) {
  try {
    return statSync(join(root, path));
  } catch {
    return null;
  }
}

function hashOf(root, path) {
  try {
    return createHash('sha256')
      .update(readFileSync(join(root, path)))
      .digest('base64url');
  } catch {
    return 'absent';
  }
}

/** The inputs as they are now: path → { stat, hash }; hashes reused from `previous` when the stat matches. */
export function snapshot(root, part, previous = {}) {
  const files = {};
  const now = Date.now();
  for (const path of inputsOf(root, part)) {
    const stat = statKey(statOf(root, path), now);
    const before = previous[path];
    const reuse = before && before.stat === stat && !stat.startsWith('racy:');
    files[path] = { stat, hash: reuse ? before.hash : stat === 'absent' ? 'absent' : hashOf(root, path) };
  }
  return files;
}

export function readStamp(root, part) {
  try {
    const stamp = JSON.parse(readFileSync(stampPath(root, part), 'utf8'));
    return stamp.recipe === RECIPE ? stamp : null;
  } catch {
    return null;
  }
}

/**
 * Why the part must be built, or null when it is fresh. `files` is the current snapshot (pass it to
 * writeStamp after a successful build so that what the build read, not what came later, is recorded).
 */
export function check(root, part) {
  const stamp = readStamp(root, part);
  const files = snapshot(root, part, stamp?.files);
  const result = (reason, extra = {}) => ({ part, reason, files, stamp, ...extra });
  if (!stamp) return result('never built (no stamp)');
  const before = Object.keys(stamp.files);
  const now = Object.keys(files);
  const removed = before.filter((path) => !(path in files));
  const added = now.filter((path) => !(path in stamp.files));
  if (removed.length || added.length) {
    const names = [...added.map((p) => `+${p}`), ...removed.map((p) => `-${p}`)];
    return result(`files added or removed: ${names.slice(0, 3).join(' ')}${names.length > 3 ? ' …' : ''}`, {
      removed,
    });
  }
  const changed = now.filter((path) => files[path].hash !== stamp.files[path].hash);
  if (changed.length)
    return result(`changed: ${changed.slice(0, 3).join(' ')}${changed.length > 3 ? ' …' : ''}`);
  const missing = PARTS[part].outputs(now).filter((path) => !existsSync(join(root, path)));
  if (missing.length) return result(`output missing: ${missing[0]}`, { outputsMissing: true });
  // Fresh; refresh the recorded stats (a touched or checked-out file that kept its content) so the next
  // check needs no hashing either.
  if (now.some((path) => files[path].stat !== stamp.files[path].stat)) writeStamp(root, part, files);
  return null;
}

export function writeStamp(root, part, files) {
  const path = stampPath(root, part);
  mkdirSync(join(root, 'dist', '.build'), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify({ recipe: RECIPE, part, files }));
  renameSync(`${path}.tmp`, path);
}

export function removeStamp(root, part) {
  rmSync(stampPath(root, part), { force: true });
}
