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

  it('serves the installed extension on 127.0.0.1 with its view container', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Azure…' }).waitFor({ timeout: 30_000 });
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, 'npm-start.png') });
    } finally {
      await browser.close();
    }
  });
});
