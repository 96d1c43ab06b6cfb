// Activation inside a real VS Code (code-server's Node extension host): each run opens a fresh
// workbench window on an empty folder, whose new extension host loads the extension only when
// the probe calls activate().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, startCodeServer } from '../vscode/codeServer';
import { runTestsInVsCode } from '../vscode/runTestsInVsCode';
import { median } from './stats';

export interface ActivationFigures {
  runs: number[];
  medianMs: number;
}

export async function benchActivation(runs: number): Promise<ActivationFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'abi-bench-empty-'));
  const server = await startCodeServer({ folder });
  const probe = join(projectRoot, 'out', 'test', 'bench', 'vscode', 'activationProbe.js');
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const result = await runTestsInVsCode(server, projectRoot, probe, folder, 180_000);
      const line = result.output.find((l) => l.startsWith('bench-activation '));
      if (result.exitCode !== 0 || !line) throw new Error(`activation probe failed (exit ${result.exitCode}); see ${server.logPath}`);
      const report = JSON.parse(line.slice('bench-activation '.length)) as { ms: number; wasActive: boolean };
      if (report.wasActive) throw new Error('the extension was already active: the measurement would not include activation');
      times.push(report.ms);
    }
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return { runs: times, medianMs: median(times) };
}
