import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, remoteUri, workbenchUrl } from '../vscode/chromium';
import { projectRoot } from '../vscode/codeServer';
import { startSandbox, type Sandbox } from '../vscode/sandbox';

/** Every file under a folder (logs, state), skipping anything too large to be a log. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) return files(path);
    return stat.isFile() && stat.size < 20 * 1024 * 1024 ? [path] : [];
  });
}

describe('tokens and secrets never reach the logs', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  before(async () => {
    sandbox = await startSandbox({ simulator: { tokenLifetimeSeconds: 30 } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload: [string, string][] = [['extensionDevelopmentPath', remoteUri(sandbox.server.host, projectRoot)]];
    await page.goto(workbenchUrl(sandbox.server.url, sandbox.folder, payload));
  });

  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('signs in, loads, fails a load and retries without writing a token or the secret to any log', async () => {
    const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.monaco-list-row', { hasText: 'Contoso Batch Production' }).first().waitFor({ timeout: 60_000 });
    await sidebar.locator('.monaco-list-row', { hasText: 'Managed Images' }).first().click();
    // A failed load logs Azure's error: it must carry the message, never the request's token.
    sandbox.simulator.setFaults('500:1');
    await sidebar.locator('.action-label[aria-label^="Refresh"]').first().click();
    await sidebar.locator('.monaco-list-row', { hasText: 'Could not load' }).first().waitFor({ timeout: 90_000 });
    sandbox.simulator.setFaults('');
    // With every request failing, the subscription list itself fails: its Retry reloads everything.
    await sidebar.locator('.monaco-list-row', { hasText: 'Could not load' }).first().click();
    await sidebar.locator('.monaco-list-row', { hasText: 'Contoso Batch Production' }).first().waitFor({ timeout: 60_000 });
    const images = sidebar.locator('.monaco-list-row', { hasText: 'Managed Images' }).first();
    if ((await images.getAttribute('aria-expanded')) !== 'true') await images.click();
    await sidebar.locator('.monaco-list-row', { hasText: 'img-orphaned' }).first().waitFor({ timeout: 60_000 });

    const tokens = sandbox.simulator.issuedTokens();
    assert.ok(tokens.length > 0, 'the extension signed in to the simulator');
    const secrets = [...tokens, sandbox.simulator.clientSecret];
    const scanned = files(sandbox.server.stateDir);
    const logs = scanned.filter((f) => f.endsWith('.log'));
    assert.ok(logs.some((f) => /Azure Batch Images/.test(f)), `the extension's log exists among ${logs.length} logs`);
    const ourLog = readFileSync(logs.find((f) => /Azure Batch Images/.test(f)) ?? '', 'utf8');
    assert.match(ourLog, /failed/i, 'the failed load was logged');
    for (const file of scanned) {
      const text = readFileSync(file, 'latin1');
      for (const secret of secrets) assert.equal(text.includes(secret), false, `${file} contains a token or the client secret`);
    }
    console.log(`scanned ${scanned.length} files (${logs.length} logs) for ${tokens.length} tokens and the client secret`);
  });
});
