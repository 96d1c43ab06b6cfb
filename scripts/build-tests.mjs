// Transpiles src/ and test/ file by file into out/ (CommonJS, Node 22) so that node:test, mocha
// and the in-VS Code test runner load plain JavaScript. Type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, cpSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Copies non-TypeScript assets (scenario JSON, fixtures) next to the transpiled files. */
function copyAssets(dir) {
  if (!existsSync(dir)) return;
  cpSync(dir, join(root, 'out', relative(root, dir)), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || !src.endsWith('.ts'),
  });
}

/** Files under out/ whose source is gone (renamed or deleted tests must not keep running). */
function removeStale(outDir, sources) {
  if (!existsSync(outDir)) return;
  const expected = new Set(sources.map((s) => join(outDir, relative(root, s)).replace(/\.ts$/, '.js')));
  for (const file of jsFiles(outDir)) if (!expected.has(file)) rmSync(file, { force: true });
}

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

export async function buildTests() {
  // out/ is updated in place rather than deleted first, so that two test runs at once (several
  // developers on one machine) never see a half-empty folder.
  const entryPoints = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'test'))];
  removeStale(join(root, 'out'), entryPoints);
  await esbuild.build({
    entryPoints,
    outdir: join(root, 'out'),
    outbase: root,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    sourcemap: 'inline',
    // Turn lazy `await import('./x')` into require(): in file-by-file CommonJS output an ESM
    // import of an extensionless relative path would not resolve.
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
  copyAssets(join(root, 'test'));
  return entryPoints.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = await buildTests();
  console.log(`build-tests: ${count} files -> out/`);
}
