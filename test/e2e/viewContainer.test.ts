import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { projectRoot } from '../vscode/codeServer';
import { openWorkbench, type Workbench } from './workbench';

describe('the Azure Batch Images view container, as a person sees it', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ folder: join(projectRoot, 'test', 'fixtures', 'empty-workspace') });
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows an activity-bar icon that opens the view with its sign-in welcome', async () => {
    const { page } = workbench;
    const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    // With a single view, VS Code hides the pane header and titles the side bar with it.
    const sideBarTitle = page.locator('.part.sidebar .composite.title');
    await sideBarTitle.waitFor({ timeout: 30_000 });
    assert.match(await sideBarTitle.innerText(), /Azure Batch Images/i);
    const signIn = page.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Azure…' });
    await signIn.waitFor({ timeout: 30_000 });
    assert.equal(await signIn.isVisible(), true);
    const welcome = await page.locator('.welcome-view-content').innerText();
    assert.match(welcome, /31 March 2026/);
    const shot = await workbench.screenshot('view-container-signed-out');
    console.log(`screenshot: ${shot}`);
  });
});
