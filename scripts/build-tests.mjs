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

export async function buildTests() {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const entryPoints = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'test'))];
  await esbuild.build({
    entryPoints,
    outdir: join(root, 'out'),
    outbase: root,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  copyAssets(join(root, 'test'));
  return entryPoints.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = await buildTests();
  console.log(`build-tests: ${count} files -> out/`);
}
