// `npm run simulator -- [options]`: transpiles src/ and test/ into out/, then runs the Azure
// simulator CLI (out/test/simulator/main.js) with the given options in this process's stdio.
import { spawn } from 'node:child_process';
import { buildTests } from './build-tests.mjs';

await buildTests();
const main = new URL('../out/test/simulator/main.js', import.meta.url).pathname;
const child = spawn(process.execPath, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
