// Headless Debian Chromium for the workbench, kept entirely on this machine: no background
// networking, and every host name but 127.0.0.1 resolves to nothing.
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launchChromium(): Promise<Browser> {
  // Chromium writes crash and config files under XDG_CONFIG_HOME; keep them out of ~/.config.
  process.env.XDG_CONFIG_HOME ??= mkdtempSync(join(tmpdir(), 'abi-chromium-'));
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** The workbench URL that opens `folder`, optionally loading an extension under development. */
export function workbenchUrl(serverUrl: string, folder: string, payload?: [string, string][]): string {
  const params = new URLSearchParams({ folder });
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${serverUrl}/?${params.toString()}`;
}

/** A path on the code-server machine as the workbench addresses it. */
export function remoteUri(host: string, path: string): string {
  return `vscode-remote://${host}${path}`;
}
