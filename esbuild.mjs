// Bundles the extension's activation shell (src/extension.ts -> dist/extension.js), its features
// (src/features.ts -> dist/features.js, loaded on first use) and, once it exists, the
// command-line checker (src/cli/main.ts -> dist/cli.js). The Azure SDKs, which the code only
// reaches through `await import()`, go into a third bundle, dist/azure-sdk.js, loaded on the first
// such import: activation then parses ~0.2 MB instead of ~2.4 MB, and the CLI shares the SDKs.
//   node esbuild.mjs [--production] [--watch]
// Development builds carry sourcemaps; --production minifies and drops them (the .vsix ships
// no maps). `vscode` is provided by the extension host and stays external.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');


/** Every package the sources import lazily (`await import('@azure/…')`): what dist/azure-sdk.js holds. */
function lazyPackages(dir = fileURLToPath(new URL('src', import.meta.url))) {
  const found = new Set();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const p of lazyPackages(path)) found.add(p);
    else if (name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/import\(\s*'((?:@azure|@microsoft)\/[^']+)'\s*\)/g)) found.add(m[1]);
  }
  return [...found].sort();
}
const sdkPackages = lazyPackages();
const SDK_BUNDLE = './azure-sdk.js';

/**
 * In the extension and CLI bundles, a dynamic import of an SDK package becomes a require of
 * dist/azure-sdk.js (external, resolved beside the bundle at run time) picking that package.
 * Static imports are untouched (type-only imports are erased anyway).
 */
const lazySdk = {
  name: 'lazy-sdk',
  setup(build) {
    build.onResolve({ filter: /^@(azure|microsoft)\// }, (args) => (args.kind === 'dynamic-import' && sdkPackages.includes(args.path) ? { path: args.path, namespace: 'lazy-sdk' } : undefined));
    build.onResolve({ filter: /^\.\/azure-sdk\.js$/, namespace: 'lazy-sdk' }, () => ({ path: SDK_BUNDLE, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-sdk' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(SDK_BUNDLE)}).load(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * `import * as vscode from 'vscode'` in each of ~40 source files would become as many
 * `__toESM(require('vscode'))`, each copying every property of VS Code's API object into a new
 * namespace object while the bundle loads (~70 ms of activation on a loaded 2-core machine).
 * Routing them through one virtual ES module that re-exports `vscode` copies it once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * The activation shell (src/extension.ts) requires './features' on first use: in the shell's
 * bundle that stays a require of dist/features.js, the second bundle, so activation parses only
 * the shell.
 */
const lazyFeatures = {
  name: 'lazy-features',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) => (args.kind === 'require-call' && args.importer.endsWith(join('src', 'extension.ts')) ? { path: './features.js', external: true } : undefined));
  },
};

/** The SDK bundle's entry: one loader per package, so requiring a package evaluates only its modules. */
const sdkEntry = [
  'const packages = {',
  ...sdkPackages.map((p) => `  ${JSON.stringify(p)}: () => require(${JSON.stringify(p)}),`),
  '};',
  'exports.load = (name) => {',
  '  const load = packages[name];',
  "  if (!load) throw new Error(`${name} is not in dist/azure-sdk.js`);",
  '  return load();',
  '};',
].join('\n');

/** Prints each bundle's size after every (re)build, so growth is noticed when it happens. */
const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      const out = build.initialOptions.outfile;
      if (result.errors.length === 0 && existsSync(out)) {
        console.log(`[esbuild] ${out} ${(statSync(out).size / 1024).toFixed(1)} KiB${production ? ' (production)' : ''}`);
      }
    });
  },
};

const targets = [
  { entry: 'src/extension.ts', outfile: 'dist/extension.js', banner: undefined, plugins: [lazyFeatures, vscodeOnce] },
  { entry: 'src/features.ts', outfile: 'dist/features.js', banner: undefined, plugins: [lazySdk, vscodeOnce] },
  { entry: 'src/cli/bin.ts', outfile: 'dist/cli.js', banner: '#!/usr/bin/env node', plugins: [lazySdk] },
].filter((t) => existsSync(t.entry));
targets.push({ stdin: { contents: sdkEntry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), sourcefile: 'azure-sdk-entry.js', loader: 'js' }, outfile: 'dist/azure-sdk.js', banner: undefined, plugins: [] });

const contexts = await Promise.all(
  targets.map((t) =>
    esbuild.context({
      ...(t.entry ? { entryPoints: [t.entry] } : { stdin: t.stdin }),
      outfile: t.outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node22',
      external: ['vscode'],
      // The Azure SDKs ship ESM and CJS builds; prefer the Node CJS entry points.
      mainFields: ['module', 'main'],
      minify: production,
      sourcemap: production ? false : 'linked',
      sourcesContent: false,
      legalComments: production ? 'none' : 'inline',
      // Keep class names: node-fetch (under ms-rest-js, the Batch data plane) accepts a signal only if its
      // class is literally named AbortSignal, and bundling renames the abort-controller polyfill's class.
      keepNames: true,
      banner: t.banner ? { js: t.banner } : undefined,
      define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
      logLevel: 'warning',
      plugins: [...t.plugins, reportSize],
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes');
} else {
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}
