// Activation inside a real VS Code (code-server's Node extension host): each run opens a fresh
// workbench window on an empty folder, whose new extension host loads the extension only when
// the probe calls activate(). The workbench itself creates JSON models (settings), which would
// fire the `onLanguage:json` activation event before the probe runs; so the extension is run
// from a copy of what the .vsix holds whose manifest lists no activation event.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, startCodeServer } from '../vscode/codeServer';
import { runTestsInVsCode } from '../vscode/runTestsInVsCode';
import { median } from './stats';

export interface ActivationFigures {
  runs: number[];
  medianMs: number;
  /** Loading dist/extension.js (median). */
  loadMs: number;
  /** The synchronous activate() call (median). */
  callMs: number;
  /** Modules of the extension loaded by the end of activation (last run). */
  loaded: string[];
  /**
   * The same measurement of an extension whose activate() does nothing, run alternately with
   * ours in the same code-server: what the extension host itself takes (creating the extension
   * context, its storage and IPC), the floor no extension can go below on this machine.
   */
  floorRuns: number[];
  floorMedianMs: number;
}

/** The packaged files (dist/*.js, media, schemas, manifest) in a temporary extension folder. */
function extensionCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abi-bench-extension-'));
  cpSync(join(projectRoot, 'dist'), join(dir, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  for (const f of ['media', 'schemas', 'package.nls.json']) if (existsSync(join(projectRoot, f))) cpSync(join(projectRoot, f), join(dir, f), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  manifest.activationEvents = [];
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** An extension with our id and manifest whose activate() does nothing (the floor). */
function emptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abi-bench-floor-'));
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const floor = { name: manifest.name, publisher: manifest.publisher, version: manifest.version, engines: manifest.engines, main: 'dist/extension.js', activationEvents: [] };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(floor, null, 2));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'extension.js'), 'exports.activate = function () {};\nexports.deactivate = function () {};\n');
  return dir;
}

interface ProbeReport {
  ms: number;
  loadMs: number;
  callMs: number;
  wasActive: boolean;
  loaded: string[];
}

export async function benchActivation(runs: number): Promise<ActivationFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'abi-bench-empty-'));
  const extension = extensionCopy();
  const floorExtension = emptyExtension();
  const server = await startCodeServer({ folder });
  const probe = join(projectRoot, 'out', 'test', 'bench', 'vscode', 'activationProbe.js');
  const measure = async (path: string): Promise<ProbeReport> => {
    const result = await runTestsInVsCode(server, path, probe, folder, 180_000);
    const line = result.output.find((l) => l.startsWith('bench-activation '));
    if (result.exitCode !== 0 || !line) throw new Error(`activation probe failed (exit ${result.exitCode}); see ${server.logPath}`);
    const report = JSON.parse(line.slice('bench-activation '.length)) as ProbeReport;
    if (report.wasActive) throw new Error('the extension was already active: the measurement would not include activation');
    return report;
  };
  const times: number[] = [];
  const floorTimes: number[] = [];
  const loads: number[] = [];
  const calls: number[] = [];
  let loaded: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Alternating, so both see the same machine load.
      floorTimes.push((await measure(floorExtension)).ms);
      const report = await measure(extension);
      times.push(report.ms);
      loads.push(report.loadMs);
      calls.push(report.callMs);
      loaded = report.loaded;
    }
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(extension, { recursive: true, force: true });
    rmSync(floorExtension, { recursive: true, force: true });
  }
  return { runs: times, medianMs: median(times), loadMs: median(loads), callMs: median(calls), loaded, floorRuns: floorTimes, floorMedianMs: median(floorTimes) };
}
