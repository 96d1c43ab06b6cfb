// A new user's first start: the walkthrough opens by itself, and its first button signs in, here
// to the Azure simulator (the sandbox's service-principal settings), as it would sign in to Azure.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, remoteUri, workbenchUrl } from '../vscode/chromium';
import { projectRoot } from '../vscode/codeServer';
import { startSandbox, type Sandbox } from '../vscode/sandbox';
import { screenshotDir } from './workbench';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

describe('the walkthrough on first start', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;

  before(async () => {
    // A fresh user profile with VS Code's default: walkthroughs open on install.
    sandbox = await startSandbox({ settings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload: [string, string][] = [['extensionDevelopmentPath', remoteUri(sandbox.server.host, projectRoot)]];
    await page.goto(workbenchUrl(sandbox.server.url, sandbox.folder, payload), { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  });

  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  /** Token requests and Azure requests the simulator has answered so far. */
  const requests = () => {
    const log = sandbox.simulator.requestLog();
    return { tokens: log.filter((e) => e.route.startsWith('aad.')).length, azure: log.filter((e) => !e.route.startsWith('aad.')).map((e) => `${e.method} ${e.path}`) };
  };

  it('opens by itself, and its first button signs in to the simulator', async () => {
    const walkthrough = page.locator('.gettingStartedContainer');
    mkdirSync(screenshotDir, { recursive: true });
    try {
      await walkthrough.locator('.getting-started-step', { hasText: 'Sign in (or try the sandbox)' }).first().waitFor({ timeout: 90_000 });
    } catch (error) {
      // What the workbench showed instead, for whoever reads the failure.
      await page.screenshot({ path: join(screenshotDir, 'walkthrough-not-opened.png') });
      const tabs = await page.locator('.tab').allInnerTexts();
      throw new Error(`the walkthrough did not open; editor tabs: ${JSON.stringify(tabs)}; code-server log: ${sandbox.server.logPath}`, { cause: error });
    }
    // The page shows our walkthrough's title. (Not the tab: VS Code titles it "Walkthrough: <display
    // name>" only when the walkthrough is picked on the welcome page, not when opened by id.)
    assert.equal(await walkthrough.locator('.gettingStartedSlideDetails h2.category-title', { hasText: 'Get started with Azure Batch Images' }).count(), 1, 'the page is our walkthrough');
    for (const step of ['Find the managed images your pools still use', 'Publish one to a gallery', 'Check a pool file and apply the fix', 'Run batch-images check in CI']) {
      assert.equal(await walkthrough.locator('.getting-started-step', { hasText: step }).count(), 1, step);
    }
    await page.screenshot({ path: join(screenshotDir, 'walkthrough-first-start.png') });
    // Nothing asked for sign-in yet: no view open, no pool file open.
    assert.deepEqual(requests(), { tokens: 0, azure: [] });

    const button = walkthrough.locator('.getting-started-step.expanded .monaco-button, .getting-started-step.expanded a', { hasText: 'Sign in to Azure' }).first();
    await button.click();

    // Signed in: the step is checked (its completion event is the signed-in context key)...
    // (VS Code marks the step's check icon `.complete`, not the step itself.)
    await walkthrough.locator('.getting-started-step:has(.codicon.complete)', { hasText: 'Sign in (or try the sandbox)' }).waitFor({ timeout: 60_000 });
    // ...and it was the simulator that issued the tokens and listed the subscriptions.
    // (Signed in means a token: the subscription list may follow a moment after the check.)
    let after = requests();
    for (const end = Date.now() + 30_000; !after.azure.some((r) => /^GET \/subscriptions\b/.test(r)) && Date.now() < end; after = requests()) {
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(after.tokens > 0, 'a token request reached the simulated Entra ID');
    assert.ok(after.azure.some((r) => /^GET \/subscriptions\b/.test(r)), `the subscriptions were listed: ${after.azure.join(', ')}`);
    await page.screenshot({ path: join(screenshotDir, 'walkthrough-signed-in.png') });

    // The explorer shows the simulated subscriptions.
    await page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]').click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Contoso Batch Production' }).first().waitFor({ timeout: 60_000 });
  });
});
