// Shared e2e plumbing: a code-server with the extension under development loaded, a Chromium
// page on its workbench, and screenshots saved to test-results/screenshots (gitignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, remoteUri, workbenchUrl } from '../vscode/chromium';
import { projectRoot, startCodeServer, type CodeServer, type CodeServerOptions } from '../vscode/codeServer';

export const screenshotDir = join(projectRoot, 'test-results', 'screenshots');

export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(options: CodeServerOptions): Promise<Workbench> {
  const server = await startCodeServer(options);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const payload: [string, string][] = [['extensionDevelopmentPath', remoteUri(server.host, projectRoot)]];
    await page.goto(workbenchUrl(server.url, options.folder, payload));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshotDir, { recursive: true });
    return {
      server,
      browser,
      page,
      async screenshot(name: string): Promise<string> {
        const path = join(screenshotDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      async close(): Promise<void> {
        await browser.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser.close();
    await server.stop();
    throw error;
  }
}

/**
 * Opens a quick input with `key` (F1, Control+P), types `text` and waits for the row naming
 * `rowText`, as a person would: if the quick input closed before the row showed (in a fresh
 * profile the first-run walkthrough opens a few seconds after activation and takes the focus),
 * it is opened again once. The row is then the active one: Enter accepts it.
 */
export async function pickFromQuickInput(page: Page, key: string, text: string, rowText: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(text);
    try {
      await row.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
