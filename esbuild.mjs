// Bundles the extension (src/extension.ts -> dist/extension.js) and, once it exists, the
// command-line checker (src/cli/main.ts -> dist/cli.js).
//   node esbuild.mjs [--production] [--watch]
// Development builds carry sourcemaps; --production minifies and drops them (the .vsix ships
// no maps). `vscode` is provided by the extension host and stays external.
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const targets = [
  { entry: 'src/extension.ts', outfile: 'dist/extension.js', banner: undefined },
  { entry: 'src/cli/bin.ts', outfile: 'dist/cli.js', banner: '#!/usr/bin/env node' },
].filter((t) => existsSync(t.entry));

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

const contexts = await Promise.all(
  targets.map((t) =>
    esbuild.context({
      entryPoints: [t.entry],
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
      plugins: [reportSize],
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
