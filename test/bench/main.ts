// `npm run bench` (scripts/bench.mjs builds, then runs this): inventory load, pool JSON re-check,
// heap of the large inventory, bundle and .vsix sizes, activation in a real VS Code. Prints a
// table with the targets beside the figures and writes bench/results.json. Targets are not
// assertions: the figures are for reading. BENCH_RUNS=n sets the inventory runs (default 3);
// BENCH_SKIP=inventory,sizes,activation skips parts while iterating.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../vscode/codeServer';
import { benchActivation } from './activationBench';
import { benchInventory, LATENCY_MS, PAGE_SIZE, startLargeSimulator } from './inventoryBench';
import { benchRecheck, typeAndRecheck } from './recheckBench';
import { benchSizes } from './sizeBench';
import { round1 } from './stats';

const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const rows: [string, string, string][] = [];
const row = (what: string, figure: string, target = ''): void => {
  rows.push([what, figure, target]);
  console.log(`  ${what}: ${figure}${target ? `   [target ${target}]` : ''}`);
};
const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

function heapOf(snapshotJson: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'abi-bench-heap-'));
  try {
    const file = join(dir, 'inventory.json');
    writeFileSync(file, snapshotJson);
    const r = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'heapProbe.js'), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`heap probe failed: ${r.stderr}`);
    return (JSON.parse(r.stdout) as { heapBytes: number }).heapBytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  console.log(`bench: large scenario, ${LATENCY_MS} ms latency per request, page size ${PAGE_SIZE}, ${runs} runs (medians)`);

  const sim = skip.has('inventory') ? undefined : await startLargeSimulator();
  if (sim) try {
    console.log('\n[inventory]');
    const inv = await benchInventory(sim, runs, 8);
    const lb = inv.lowerBound;
    const ratio = inv.ms / lb.ms;
    results.inventory = { ms: round1(inv.ms), lowerBoundMs: lb.ms, ratio: Math.round(ratio * 100) / 100, requests: inv.requests, firstLevelMs: round1(inv.firstLevelMs) };
    row('inventory load (concurrency 8, the default)', `${inv.ms.toFixed(0)} ms; runs ${inv.runs.map((r) => r.ms.toFixed(0)).join(', ')}`);
    row('round-trip lower bound', `${lb.ms} ms = ${lb.length} chained requests x ${LATENCY_MS} ms (${lb.chain.map((c) => `${c.what}: ${c.requests}`).join(' -> ')})`);
    row('ratio to the lower bound', ratio.toFixed(2), '<= 1.3');
    row('first tree level', `${inv.firstLevelMs.toFixed(0)} ms`);
    row('client CPU during the load', `${inv.runs.map((r) => r.cpuMs.toFixed(0)).join(', ')} ms (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    row('requests', `${inv.totalRequests} in all; errors ${inv.runs.map((r) => r.errors).join(', ')}`);
    for (const [route, n] of Object.entries(inv.requests)) console.log(`      ${route}: ${n}`);
    row('throughput bound at concurrency 8 per subscription', `${inv.throughputBoundMs.toFixed(0)} ms = token and subscription list, then ${inv.busiestSubscriptionRequests} requests of the busiest subscription x ${LATENCY_MS} ms / 8`);
    const wide = await benchInventory(sim, 1, 64, false);
    row('inventory load at concurrency 64 (diagnostic)', `${wide.ms.toFixed(0)} ms, ratio ${(wide.ms / lb.ms).toFixed(2)}, first level ${wide.firstLevelMs.toFixed(0)} ms`);

    console.log('\n[re-check: parse + rules for every pool, warm inventory]');
    const before = JSON.stringify(await sim.counters());
    const recheck = benchRecheck(inv.inventory);
    const typedFindings = typeAndRecheck(inv.inventory, 500);
    const after = JSON.stringify(await sim.counters());
    const targets: Record<string, string> = { '10k': '<= 5 ms', '200k': '', '2m': '<= 150 ms' };
    results.recheck = Object.fromEntries(Object.entries(recheck).map(([k, f]) => [k, { medianMs: Math.round(f.medianMs * 100) / 100, p95Ms: Math.round(f.p95Ms * 100) / 100 }]));
    for (const [k, f] of Object.entries(recheck)) {
      row(`re-check ${k} (${kib(f.bytes)}, ${f.pools} pools, ${f.findings} findings, ${f.runs} runs)`, `median ${f.medianMs.toFixed(2)} ms, p95 ${f.p95Ms.toFixed(2)} ms`, targets[k]);
    }
    row('network requests during all re-checks and 500 typed edits', before === after ? `0 (simulator counters unchanged; ${typedFindings} findings)` : 'CHANGED', '0');

    console.log('\n[heap]');
    const heap = heapOf(JSON.stringify(inv.inventory.snapshot));
    results.inventoryHeapBytes = heap;
    row('heap of the large inventory (snapshot + indexes)', `${(heap / 1024 / 1024).toFixed(1)} MiB`);
  } finally {
    await sim.stop();
  }
  // (BENCH_SKIP=inventory also skips the re-check and heap parts, which use its inventory.)

  if (!skip.has('sizes')) {
    console.log('\n[sizes: npm run package]');
    const sizes = benchSizes(projectRoot);
    results.bundleBytes = sizes.bundleBytes;
    results.vsixBytes = sizes.vsixBytes;
    row('dist/extension.js (production)', kib(sizes.bundleBytes));
    for (const [f, n] of Object.entries(sizes.distFiles)) console.log(`      dist/${f}: ${kib(n)}`);
    row('.vsix', kib(sizes.vsixBytes), '<= 2 MiB');
  }

  if (!skip.has('activation')) {
    console.log('\n[activation in code-server]');
    const activation = await benchActivation(Number(process.env.BENCH_ACTIVATION_RUNS ?? 3)).catch((error: unknown) => {
      // The other figures are still worth writing down.
      row('activate() resolved', `failed: ${error instanceof Error ? error.message : String(error)}`, '<= 50 ms');
      return undefined;
    });
    if (activation) {
      results.activationMs = round1(activation.medianMs);
      row('activate() resolved', `median ${activation.medianMs.toFixed(1)} ms; runs ${activation.runs.map((m) => m.toFixed(1)).join(', ')}`, '<= 50 ms');
      row('  of which: loading dist/extension.js + the activate() call', `${activation.loadMs.toFixed(1)} + ${activation.callMs.toFixed(1)} ms; loaded ${activation.loaded.join(', ')}`);
      results.activationFloorMs = round1(activation.floorMedianMs);
      row('  floor: an extension whose activate() does nothing, same host', `median ${activation.floorMedianMs.toFixed(1)} ms; runs ${activation.floorRuns.map((m) => m.toFixed(1)).join(', ')}`);
    }
  }

  const ordered = {
    inventory: results.inventory,
    recheck: results.recheck,
    activationMs: results.activationMs ?? null,
    activationFloorMs: results.activationFloorMs ?? null,
    bundleBytes: results.bundleBytes ?? null,
    vsixBytes: results.vsixBytes ?? null,
    inventoryHeapBytes: results.inventoryHeapBytes,
  };
  mkdirSync(join(projectRoot, 'bench'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench', 'results.json'), `${JSON.stringify(ordered, null, 2)}\n`);

  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.min(70, Math.max(...rows.map((r) => r[1].length)));
  console.log(`\n${'measure'.padEnd(w0)} | ${'figure'.padEnd(w1)} | target`);
  console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-------`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)} | ${(b.length > w1 ? `${b.slice(0, w1 - 1)}…` : b).padEnd(w1)} | ${c}`);
  console.log('\nbench: wrote bench/results.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
