// `npm test`: builds, then runs the three tiers — unit (plain Node), integration (inside a real
// VS Code extension host, code-server), e2e (Chromium driving the workbench). Each tier prints its
// own counts; the run fails when a tier fails or runs no test at all.
//   node scripts/test.mjs [unit|integration|e2e ...]
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'integration', 'e2e'];

if (!process.version.startsWith('v22.')) {
  console.error(`npm test needs Node 22 (found ${process.version}); run 'npm ci' so node_modules/.bin/node is Node 22.`);
  process.exit(2);
}

/** Runs a command, echoing its output as it comes, and returns everything it printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { text += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

function lastNumber(text, pattern) {
  const all = [...text.matchAll(pattern)];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
}

/** node:test's spec reporter ends with "ℹ pass N" / "ℹ fail N" lines. */
async function nodeTestTier(glob, extraArgs = []) {
  const r = await run(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...extraArgs, glob]);
  return { code: r.code, passed: lastNumber(r.text, /^ℹ pass (\d+)/gm) ?? 0, failed: lastNumber(r.text, /^ℹ fail (\d+)/gm) ?? 0 };
}

const runners = {
  unit: () => nodeTestTier('out/test/unit/**/*.test.js'),
  integration: async () => {
    const r = await run(process.execPath, [join(root, 'out', 'test', 'vscode', 'integrationMain.js')]);
    return {
      code: r.code,
      passed: lastNumber(r.text, /^integration: (\d+) passed/gm) ?? 0,
      failed: lastNumber(r.text, /^integration: \d+ passed, (\d+) failed/gm) ?? 0,
    };
  },
  e2e: () => nodeTestTier('out/test/e2e/**/*.test.js'),
};

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildTests();

const results = [];
for (const tier of tiers) {
  if (!runners[tier]) {
    console.error(`unknown tier '${tier}' (unit, integration, e2e)`);
    process.exit(2);
  }
  console.log(`\n=== ${tier} ===`);
  const started = Date.now();
  const r = await runners[tier]();
  results.push({ tier, ...r, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== summary ===');
let ok = true;
for (const r of results) {
  const problem = r.code !== 0 ? ` (exit code ${r.code})` : r.passed + r.failed === 0 ? ' (ran no test)' : '';
  if (problem || r.failed > 0) ok = false;
  console.log(`${r.tier}: ${r.passed} passed, ${r.failed} failed in ${r.seconds.toFixed(1)} s${problem}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
