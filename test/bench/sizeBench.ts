// Bundle and package sizes: dist/extension.js after a production build, and the .vsix that
// `npm run package` makes (which runs the production build itself).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SizeFigures {
  bundleBytes: number;
  /** Every dist/*.js file and its size (to see what a split moved where). */
  distFiles: Record<string, number>;
  vsixBytes: number;
}

export function benchSizes(root: string): SizeFigures {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const r = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  const vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`${vsix} was not written`);
  const dist = join(root, 'dist');
  const distFiles = Object.fromEntries(
    readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .sort()
      .map((f) => [f, statSync(join(dist, f)).size]),
  );
  return { bundleBytes: statSync(join(dist, 'extension.js')).size, distFiles, vsixBytes: statSync(vsix).size };
}
