import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../vscode/chromium';
import { freePort, projectRoot } from '../vscode/codeServer';
import { screenshotDir } from './workbench';

/** Waits for the line in which `npm start` announces the workbench URL. */
function announcedUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    const onData = (data: Buffer): void => {
      text += data.toString();
      const match = /running in VS Code for the web: (http:\/\/127\.0\.0\.1:\d+\S*)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${text}`));
    });
  });
}

describe('npm start', () => {
  let child: ChildProcess;
  let url: string;

  before(async () => {
    const port = await freePort();
    child = spawn(process.execPath, [join(projectRoot, 'scripts', 'start.mjs'), '--port', String(port)], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await announcedUrl(child, 120_000);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('opens a demo pool file associated with its account: the Problems panel shows its errors without a click, and the view never shows "Sign in"', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      await page.locator('.tab[aria-label*="region-mismatch.pool.json"]').waitFor({ timeout: 90_000 });
      // The explorer while the silent sign-in runs: never the signed-out welcome.
      const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      const sidebar = page.locator('.part.sidebar');
      const subscription = sidebar.locator('.monaco-list-row', { hasText: 'Contoso Batch Production' }).first();
      let sawSignIn = false;
      for (let i = 0; i < 600 && !(await subscription.isVisible()); i++) {
        if (await sidebar.getByText('Sign in to Azure…').isVisible()) sawSignIn = true;
        await page.waitForTimeout(100);
      }
      assert.equal(await subscription.isVisible(), true, 'the demo subscription appeared');
      assert.equal(sawSignIn, false, 'the view showed "Sign in to Azure…" during the silent sign-in');
      // The keyboard opens the Problems panel; nothing in the editor was clicked.
      await page.keyboard.press('ControlOrMeta+Shift+M');
      const problems = page.locator('.markers-panel');
      for (const code of ['managed-image-retired', 'image-region-mismatch']) {
        await problems.locator('.monaco-list-row', { hasText: code }).first().waitFor({ timeout: 60_000 });
      }
      const text = await problems.innerText();
      assert.doesNotMatch(text, /account-not-selected/, 'the file is associated with its demo account');
      mkdirSync(screenshotDir, { recursive: true });
      const shot = join(screenshotDir, 'sandbox-problems.png');
      await page.screenshot({ path: shot });
      console.log(`screenshot: ${shot}`);
    } finally {
      await browser.close();
    }
  });

  it('serves the installed extension, signed in to the simulated Azure, with the demo tree', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      const sidebar = page.locator('.part.sidebar');
      const row = (text: string) => sidebar.locator('.monaco-list-row', { hasText: text }).first();
      await row('Contoso Batch Production').waitFor({ timeout: 60_000 });
      await row('Contoso Shared Images').waitFor({ timeout: 30_000 });
      // Open the production subscription's accounts and images as a person would.
      await row('Batch Accounts').click();
      await row('batchprodeast').waitFor({ timeout: 30_000 });
      await row('batchprodeast').click();
      await row('pool-shared-a').waitFor({ timeout: 30_000 });
      await row('Managed Images').click();
      await row('img-orphaned').waitFor({ timeout: 30_000 }).catch(() => undefined);
      mkdirSync(screenshotDir, { recursive: true });
      const shot = join(screenshotDir, 'sandbox-explorer.png');
      await page.screenshot({ path: shot });
      console.log(`screenshot: ${shot}`);
      // A pool whose image another pool shares carries a warning or error in its description.
      const description = await row('pool-shared-a').innerText();
      assert.match(description, /error|warning/);
    } finally {
      await browser.close();
    }
  });
});
