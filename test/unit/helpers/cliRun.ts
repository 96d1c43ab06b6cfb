// Runs the CLI's main() in-process with files and standard input held in memory, as the CLI unit
// tests need it: the exit code and everything printed.
import { main, type CliDeps } from '../../../src/cli';
import { NOW } from './ruleHarness';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], files: Record<string, string | Uint8Array>, deps: CliDeps = {}, stdin?: string | Uint8Array): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readFile: async (p) => {
        if (!(p in files)) throw new Error(`ENOENT: no such file, open '${p}'`);
        return files[p];
      },
      readStdin: stdin === undefined ? undefined : async () => stdin,
    },
    { now: () => NOW, ...deps },
  );
  return { code, stdout, stderr };
}
