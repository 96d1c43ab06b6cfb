// `npm run package`: a production build, then a .vsix made by @vscode/vsce. The Azure SDKs are
// bundled into dist/, so node_modules stays out (--no-dependencies). Any warning vsce prints fails
// the command: a Marketplace package must be clean.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse((await import('node:fs')).readFileSync(`${root}package.json`, 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;

const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const vsce = spawnSync(process.execPath, [`${root}node_modules/@vscode/vsce/vsce`, 'package', '--no-dependencies', '--out', out], {
  cwd: root,
  encoding: 'utf8',
});
process.stdout.write(vsce.stdout);
process.stderr.write(vsce.stderr);
if (vsce.status !== 0) process.exit(vsce.status ?? 1);
if (/WARNING/i.test(vsce.stdout + vsce.stderr)) {
  console.error('package: vsce printed a warning (see above); fix it before publishing.');
  process.exit(1);
}
console.log(`package: ${out} ${(statSync(`${root}${out}`).size / 1024).toFixed(1)} KiB`);
