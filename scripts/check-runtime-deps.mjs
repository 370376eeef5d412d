// Every package the built API, worker and libraries import must be a "dependencies" entry of package.json:
// the production image (docker/Dockerfile) runs `npm prune --omit=dev`, so a package that is only a
// devDependency (or only there because another package pulls it in) is missing at run time, and the
// process dies on start-up or, for a lazy `import()`, on the first request that reaches it.
//
//   node scripts/check-runtime-deps.mjs                  checks dist/ of this repository (build first)
//   node scripts/check-runtime-deps.mjs --root <dir>     checks <dir>/dist against <dir>/package.json
//
// Read from the compiled JavaScript (type-only imports are gone there): import/export … from, import(),
// require(), require.resolve() and import.meta.resolve() with a literal specifier. Node built-ins,
// relative paths, URLs and the "#" aliases of package.json "imports" are not packages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/** The folders of the build that run in production (dist/web is the browser's bundle). */
export const RUNTIME_DIRS = ['dist/apps/api', 'dist/apps/worker', 'dist/libs'];

const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`; null when it is not a package. */
export function packageOf(specifier) {
  if (/^(\.|\/|#|node:|[a-z][a-z0-9+.-]*:)/i.test(specifier)) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? null : name;
}

const literal = (node) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;

/** The literal module specifiers a JavaScript source imports, in order of appearance. */
export function specifiersOf(source, fileName = 'file.js') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      found.push(literal(node.moduleSpecifier));
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const text = callee.getText(file);
      if (
        callee.kind === ts.SyntaxKind.ImportKeyword ||
        text === 'require' ||
        /^(require|import\.meta)\.resolve$/.test(text) ||
        /^createRequire\([^)]*\)(\.resolve)?$/.test(text)
      ) {
        found.push(literal(node.arguments[0]));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.filter((specifier) => specifier !== null);
}

function* jsFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* jsFiles(path);
    else if (/\.(m|c)?js$/.test(entry)) yield path;
  }
}

/**
 * The packages imported under `root`'s runtime folders that its package.json does not list in
 * "dependencies" (or "optionalDependencies"): `[{ package, file, specifier }]`, one per package and file.
 */
export function checkRuntimeDeps(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const allowed = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const dirs = RUNTIME_DIRS.map((dir) => join(root, dir)).filter((dir) => existsSync(dir));
  if (dirs.length === 0)
    throw new Error(`nothing built under ${join(root, 'dist')}: run npm run build first`);
  const problems = [];
  let files = 0;
  for (const dir of dirs) {
    for (const file of jsFiles(dir)) {
      files += 1;
      const seen = new Set();
      for (const specifier of specifiersOf(readFileSync(file, 'utf8'), file)) {
        const name = packageOf(specifier);
        if (name === null || allowed.has(name) || name === manifest.name || seen.has(name)) continue;
        seen.add(name);
        problems.push({ package: name, file: relative(root, file), specifier });
      }
    }
  }
  return { files, problems };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = at >= 0 ? args[at + 1] : join(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, problems } = checkRuntimeDeps(root);
  if (problems.length > 0) {
    process.stderr.write(
      'Imported at run time but not in package.json "dependencies" (the production image prunes the rest):\n',
    );
    for (const p of problems) process.stderr.write(`  ${p.package}  (${p.file}: '${p.specifier}')\n`);
    process.stderr.write('Move each one with `npm install <package>` (without -D).\n');
    process.exit(1);
  }
  process.stdout.write(
    `runtime dependencies: ${files} built files, every imported package is a dependency\n`,
  );
}
