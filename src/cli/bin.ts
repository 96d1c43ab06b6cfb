// Bootstrap for dist/cli.js: wires main() to the process. Live inventory loading is not wired
// here yet (see CliDeps.loadInventory); --inventory FILE works.
import { readFile } from 'node:fs/promises';
import { main } from './main';

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`batch-images: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
