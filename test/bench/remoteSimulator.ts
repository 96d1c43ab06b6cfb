// The simulator in its own process (the CLI, test/simulator/main.ts), driven through its control
// API. In-process, the simulator's TLS and JSON work would share this process's event loop with
// the loader under test, and the load would measure the simulator's CPU as much as the loader.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { trustCa, type LogEntry, type RouteCounter } from '../simulator/index';

export interface BenchSimulator {
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  counters(): Promise<Record<string, RouteCounter>>;
  requestLog(): Promise<LogEntry[]>;
  clearRequestLog(): Promise<void>;
  stop(): Promise<void>;
}

interface Ready {
  url: string;
  caCertPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export async function startRemoteSimulator(args: string[]): Promise<BenchSimulator> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', 'simulator', 'main.js'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stdout = child.stdout;
  if (!stdout) throw new Error('no simulator stdout');
  const ready = await new Promise<Ready>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => resolve(JSON.parse(line) as Ready));
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const ca = readFileSync(ready.caCertPath, 'utf8');
  trustCa(ca);
  const control = (method: string, action: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = request(`${ready.url}/__simulator/${action}`, { method, ca, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve(body ? (JSON.parse(body) as unknown) : undefined));
      });
      req.on('error', reject);
      req.end();
    });
  return {
    ...ready,
    counters: () => control('GET', 'counters') as Promise<Record<string, RouteCounter>>,
    requestLog: () => control('GET', 'requests') as Promise<LogEntry[]>,
    clearRequestLog: async () => {
      await control('DELETE', 'requests');
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
