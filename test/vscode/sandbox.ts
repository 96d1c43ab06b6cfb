// A VS Code for the web connected to the Azure simulator: the simulator runs in this process,
// code-server gets the user settings of service-principal mode pointing at it, the client secret
// and the simulator's CA through its environment (inherited by the extension host), and opens a
// copy of the demo pool files. Used by the integration tier and by `npm start`.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../simulator';
import { projectRoot, startCodeServer, type CodeServer } from './codeServer';

export const demoWorkspace = join(projectRoot, 'test', 'simulator', 'scenarios', 'demo-workspace');

/** The Batch account most demo pool files target (demo-workspace/README.md). */
export const demoDefaultAccount = '/subscriptions/11111111-aaaa-4bbb-8ccc-000000000001/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast';

export interface Sandbox {
  simulator: SimulatorHandle;
  server: CodeServer;
  /** The folder the workbench opens: a throwaway copy of the demo pool files. */
  folder: string;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  simulator?: SimulatorOptions;
  installVsix?: string[];
  port?: number;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Keep workspace trust on, so the folder opens in restricted mode until trusted (default off). */
  workspaceTrust?: boolean;
  /** Display language of code-server (`--locale`). */
  locale?: string;
  /** Workspace settings written into the copy's .vscode/settings.json (e.g. its default Batch account). */
  workspaceSettings?: Record<string, unknown>;
}

/** User settings that connect the extension to the simulator as a service principal. */
export function simulatorSettings(simulator: SimulatorHandle): Record<string, unknown> {
  return {
    'azureBatchImages.authentication.mode': 'servicePrincipal',
    'azureBatchImages.servicePrincipal.tenantId': simulator.tenantId,
    'azureBatchImages.servicePrincipal.clientId': simulator.clientId,
    'azureBatchImages.servicePrincipal.authorityHost': simulator.url,
    'azureBatchImages.servicePrincipal.resourceManagerEndpoint': simulator.url,
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const simulator = await startSimulator({ scenario: 'demo', ...options.simulator });
  const folder = join(mkdtempSync(join(tmpdir(), 'abi-workspace-')), 'demo-workspace');
  cpSync(demoWorkspace, folder, { recursive: true });
  if (options.workspaceSettings) {
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify(options.workspaceSettings, null, 2));
  }
  let server: CodeServer;
  try {
    server = await startCodeServer({
      folder,
      port: options.port,
      installVsix: options.installVsix,
      workspaceTrust: options.workspaceTrust,
      locale: options.locale,
      settings: { ...simulatorSettings(simulator), ...options.settings },
      env: {
        NODE_EXTRA_CA_CERTS: simulator.caCertPath,
        AZURE_CLIENT_SECRET: simulator.clientSecret,
        // Only tests read this: it lets them use the simulator's control API (counters, faults).
        ABI_SIMULATOR_URL: simulator.url,
        ...options.env,
      },
    });
  } catch (error) {
    await simulator.stop();
    throw error;
  }
  return {
    simulator,
    server,
    folder,
    async stop() {
      await server.stop();
      await simulator.stop();
      rmSync(join(folder, '..'), { recursive: true, force: true });
    },
  };
}
