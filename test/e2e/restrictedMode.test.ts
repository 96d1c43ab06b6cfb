// Restricted mode, as a person meets it: workspace trust on, the demo folder opens untrusted
// (no startup prompt), pool files get only the local checks, and neither opening nor editing them
// sends anything to Azure; Deploy Pool JSON refuses with a message. Then the person trusts the folder and the Azure-backed findings appear,
// which shows that the first half of the test could tell the two modes apart.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, remoteUri, workbenchUrl } from '../vscode/chromium';
import { projectRoot } from '../vscode/codeServer';
import { startSandbox, type Sandbox } from '../vscode/sandbox';
import { pickFromQuickInput, screenshotDir } from './workbench';

const BATCH_PROD_EAST = '/subscriptions/11111111-aaaa-4bbb-8ccc-000000000001/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast';
/** Codes of region-mismatch.pool.json that need the inventory (see the demo workspace README). */
const NEEDS_INVENTORY = ['image-region-mismatch', 'image-shared-by-pools'];

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('restricted mode (untrusted workspace)', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  /** Azure requests the simulator answered (token endpoints excluded), in order. */
  const azureRequests = (): string[] => sandbox.simulator.requestLog().filter((e) => !e.route.startsWith('aad.')).map((e) => `${e.method} ${e.path}`);

  /** Waits until the simulator has seen no Azure request for `quietMs` (the extension's own inventory load is over). */
  async function waitForQuiet(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let count = -1;
    let since = Date.now();
    while (Date.now() < deadline) {
      const now = azureRequests().length;
      if (now !== count) {
        count = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return;
      await sleep(250);
    }
    throw new Error(`Azure requests kept coming for ${timeoutMs} ms`);
  }

  async function problemRows(): Promise<string[]> {
    return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  }

  /** Waits until the Problems panel satisfies `ok`, returning its rows. */
  async function waitForProblems(ok: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = (await problemRows()).join('\n');
      if (ok(text)) return text;
      await sleep(300);
    }
    throw new Error(`Problems panel never showed ${what}; it showed:\n${text}`);
  }

  async function openFile(name: string): Promise<void> {
    await pickFromQuickInput(page, 'Control+P', name, name);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
  }

  before(async () => {
    sandbox = await startSandbox({
      workspaceTrust: true,
      settings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' },
    });
    // A workspace setting naming the target account: a restricted setting, ignored until trusted.
    mkdirSync(join(sandbox.folder, '.vscode'), { recursive: true });
    writeFileSync(join(sandbox.folder, '.vscode', 'settings.json'), JSON.stringify({ 'azureBatchImages.defaultBatchAccount': BATCH_PROD_EAST }, null, 2));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload: [string, string][] = [['extensionDevelopmentPath', remoteUri(sandbox.server.host, projectRoot)]];
    await page.goto(workbenchUrl(sandbox.server.url, sandbox.folder, payload));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('opens untrusted, reports only local findings, and sends nothing to Azure for pool files', async () => {
    // code-server's web workbench applies workspace trust: it says so in the status bar.
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });

    // The extension signs in and loads the tree's inventory when its view opens (user-level
    // settings, not the workspace's): open it, let that load finish, then count from there.
    const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Contoso Batch Production' }).first().waitFor({ timeout: 90_000 });
    await waitForQuiet(4000, 120_000);
    assert.ok(azureRequests().length > 0, 'the extension is active and signed in');
    const mark = azureRequests().length;

    await openFile('region-mismatch.pool.json');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ timeout: 30_000 });
    const regionRows = await waitForProblems((t) => t.includes('managed-image-retired'), 'managed-image-retired for region-mismatch.pool.json');

    // Deploy Pool JSON from the palette on the open pool file: refused with a message that says
    // why, before any prompt or request (the count of Azure requests below covers it too).
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Azure Batch Images: Deploy Pool JSON');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Deploy Pool JSON' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    const refusal = page.locator('.notifications-toasts .notification-toast', { hasText: 'not available in Restricted Mode' }).first();
    await refusal.waitFor({ timeout: 30_000 });
    assert.match(await refusal.innerText(), /Deploy Pool JSON is not available in Restricted Mode: it writes to Azure from a file of this workspace/);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no account prompt is shown');
    await openFile('no-resize-timeout.pool.json');
    await waitForProblems((t) => t.includes('resize-timeout-short'), 'resize-timeout-short for no-resize-timeout.pool.json');

    // Edit: give the pool a resizeTimeout; the local finding goes away.
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('"resizeTimeout": "PT15M",');
    const afterEdit = await waitForProblems((t) => !t.includes('resize-timeout-short') && t.includes('managed-image-retired'), 'the finding gone after the edit');
    // Give any late request (debounced analysis, hover, completion) time to show up.
    await sleep(3000);
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'restricted-mode.png') });

    for (const code of NEEDS_INVENTORY) {
      assert.equal(regionRows.includes(code), false, `${code} needs the inventory and must not appear in restricted mode:\n${regionRows}`);
      assert.equal(afterEdit.includes(code), false, code);
    }
    assert.equal(afterEdit.includes('account-not-selected'), false, 'no account is asked for in restricted mode');
    assert.deepEqual(azureRequests().slice(mark), [], 'opening and editing pool files sent nothing to Azure');
  });

  it('once the folder is trusted, the Azure-backed findings appear', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Workspaces: Manage Workspace Trust');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Manage Workspace Trust' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached', timeout: 30_000 });
    // The open pool files are analysed again with the inventory and the workspace's account.
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    const rows = await waitForProblems((t) => NEEDS_INVENTORY.every((c) => t.includes(c)), `${NEEDS_INVENTORY.join(', ')} after trusting`, 90_000);
    assert.ok(rows.includes('managed-image-retired'));
  });
});
