// What a person does: Command Palette → "Create Image from Snapshots…", answering each prompt
// with the keyboard in the real quick input, until the notification says the image exists — and
// the simulated Azure holds it.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, remoteUri, workbenchUrl } from '../vscode/chromium';
import { projectRoot } from '../vscode/codeServer';
import { startSandbox, type Sandbox } from '../vscode/sandbox';
import { pickFromQuickInput, screenshotDir } from './workbench';

const production = '11111111-aaaa-4bbb-8ccc-000000000001';

describe('Create Image from Snapshots through the Command Palette', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  before(async () => {
    sandbox = await startSandbox({ simulator: { lroMs: 300 } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload: [string, string][] = [['extensionDevelopmentPath', remoteUri(sandbox.server.host, projectRoot)]];
    await page.goto(workbenchUrl(sandbox.server.url, sandbox.folder, payload));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  });

  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  /** Waits for the quick input titled like `title`, optionally types, then accepts with Enter. */
  async function answer(title: RegExp, typed?: string): Promise<void> {
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
    if (typed !== undefined) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(typed);
      // The list filters as you type; let it settle before accepting.
      await page.waitForTimeout(300);
    }
    await page.keyboard.press('Enter');
  }

  it('asks for the snapshot, disks, group, name and image settings, then creates the image', async () => {
    // Signed in and loaded: the explorer shows the demo subscription.
    const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Contoso Batch Production' }).first().waitFor({ timeout: 60_000 });

    await pickFromQuickInput(page, 'F1', 'Azure Batch Images: Create Image from Snapshots', 'Create Image from Snapshots');
    await page.keyboard.press('Enter');

    await answer(/OS-disk snapshot/, 'snap-ubuntu-os-v1');
    await answer(/data-disk snapshots/);
    await answer(/resource group/);
    await answer(/image name/, 'img-e2e-palette');
    // Back from the next question: the name box comes back with what was typed.
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: /OS type \(step \d+ of \d+\)/ }).waitFor({ timeout: 30_000 });
    await widget.locator('.codicon-quick-input-back').click();
    await widget.locator('.quick-input-title', { hasText: /image name/ }).waitFor({ timeout: 30_000 });
    assert.equal(await widget.locator('.quick-input-box input').inputValue(), 'img-e2e-palette');
    await page.keyboard.press('Enter');
    await answer(/OS type/);
    await answer(/OS state/);
    await answer(/Hyper-V generation/);
    await answer(/zone resilience/);
    // The summary starts on its Create button.
    await answer(/summary/);

    const toast = page.locator('.notifications-toasts', { hasText: 'Created managed image img-e2e-palette in eastus.' });
    await toast.waitFor({ timeout: 60_000 });
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'create-image-palette.png') });

    const stored = sandbox.simulator.getResource(`/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-e2e-palette`);
    assert.ok(stored, 'the simulated Azure holds the image');
    const properties = stored.properties as { provisioningState?: string; storageProfile?: { osDisk?: { snapshot?: { id?: string }; osType?: string } } };
    assert.equal(properties.provisioningState, 'Succeeded');
    assert.equal(properties.storageProfile?.osDisk?.osType, 'Linux');
    assert.match(properties.storageProfile?.osDisk?.snapshot?.id ?? '', /\/snapshots\/snap-ubuntu-os-v1$/i);
  });
});
