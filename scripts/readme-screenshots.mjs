// Takes the pictures of the README and the walkthrough from the sandbox: the extension under
// development in code-server, signed in to the Azure simulator's demo scenario, driven by
// Chromium like a person would. Writes PNGs into media/readme/ and media/walkthrough/; commit them.
//   node scripts/readme-screenshots.mjs                                   every picture
//   node scripts/readme-screenshots.mjs migration-report migration-plan   only these (names without .png)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTests } from './build-tests.mjs';

const root = new URL('..', import.meta.url).pathname;
const PICTURES = ['sign-in', 'diagnostic', 'quick-fix', 'publish-to-gallery', 'create-pool', 'migration-report', 'migration-plan'];
const asked = process.argv.slice(2).map((a) => a.replace(/\.png$/, '').replace(/^.*\//, ''));
const unknown = asked.filter((a) => !PICTURES.includes(a));
if (unknown.length > 0) {
  console.error(`unknown picture(s): ${unknown.join(', ')}; known: ${PICTURES.join(', ')}`);
  process.exit(2);
}
/** True when this run makes the picture (all of them when none is named). */
const want = (...names) => asked.length === 0 || names.some((n) => asked.includes(n));
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildTests();
const { startSandbox } = await import(join(root, 'out', 'test', 'vscode', 'sandbox.js'));
const { startCodeServer } = await import(join(root, 'out', 'test', 'vscode', 'codeServer.js'));
const { launchChromium, remoteUri, workbenchUrl } = await import(join(root, 'out', 'test', 'vscode', 'chromium.js'));

const viewport = { width: 1280, height: 760 };
/** Room for the pictures: long lines wrap, no minimap, no secondary side bar. */
const pictureSettings = { 'editor.wordWrap': 'on', 'editor.minimap.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden' };
const browser = await launchChromium();

async function open(server, folder) {
  const page = await browser.newPage({ viewport });
  await page.goto(workbenchUrl(server.url, folder, [['extensionDevelopmentPath', remoteUri(server.host, root)]]), { timeout: 180_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 180_000 });
  return page;
}

async function palette(page, command) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(`Azure Batch Images: ${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Accepts each prompt's default until one whose title matches `stop`; returns the titles seen. */
async function acceptUntil(page, stop, max = 12) {
  const titles = [];
  const title = page.locator('.quick-input-widget .quick-input-title');
  for (let i = 0; i < max; i++) {
    await title.first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    const text = await title.first().innerText();
    titles.push(text);
    if (stop.test(text)) return titles;
    await page.keyboard.press('Enter');
    await page.waitForFunction((previous) => document.querySelector('.quick-input-widget .quick-input-title')?.textContent !== previous, text, { timeout: 30_000 }).catch(() => undefined);
  }
  throw new Error(`no prompt matched ${stop}; saw: ${titles.join(' | ')}`);
}

async function showExplorer(page) {
  const icon = page.locator('.activitybar a.action-label[aria-label^="Azure Batch Images"]');
  await icon.waitFor({ timeout: 60_000 });
  await icon.click();
}

const out = (name) => join(root, 'media', name);

// Signed out: the welcome view with its sign-in button.
if (want('sign-in')) {
  const server = await startCodeServer({ folder: join(root, 'test', 'fixtures', 'empty-workspace'), settings: pictureSettings });
  try {
    const page = await open(server, join(root, 'test', 'fixtures', 'empty-workspace'));
    await showExplorer(page);
    await page.locator('.part.sidebar .welcome-view-content').waitFor({ timeout: 60_000 });
    await page.mouse.move(900, 600); // no tooltip over the activity bar
    await page.waitForTimeout(1500);
    await page.screenshot({ path: out('walkthrough/sign-in.png'), clip: { x: 0, y: 30, width: 350, height: 270 } });
  } finally {
    await server.stop();
  }
}

const sandbox = await startSandbox({ simulator: { lroMs: 300 }, settings: pictureSettings });
try {
  const page = await open(sandbox.server, sandbox.folder);
  await showExplorer(page);
  await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Contoso Batch Production' }).first().waitFor({ timeout: 60_000 });

  // A pool file on a managed image: the diagnostic and its quick fixes.
  if (want('diagnostic', 'quick-fix')) {
    await page.keyboard.press('ControlOrMeta+P');
    await page.keyboard.type('managed-image-shared.pool.json');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 180_000 });
    await page.waitForTimeout(4000);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F8'); // the first problem, its message in a peek
    await page.waitForTimeout(1500);
    await page.screenshot({ path: out('readme/diagnostic.png') });
    await page.keyboard.press('Escape');
    await page.mouse.move(900, 650);
    await page.keyboard.press('ControlOrMeta+.');
    await page.locator('.action-widget').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: out('readme/quick-fix.png') });
    await page.keyboard.press('Escape');
  }

  // The next pictures show the explorer's managed images beside the prompts.
  await page.keyboard.press('F1');
  await page.keyboard.type('View: Close All Editors');
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Managed Images' }).first().click();
  await page.waitForTimeout(1500);

  // Publish to Gallery: the target regions, the Batch accounts' regions preselected.
  if (want('publish-to-gallery')) {
    await palette(page, 'Publish Image to Azure Compute Gallery');
    console.log('publish prompts:', (await acceptUntil(page, /target regions/)).join(' | '));
    await page.screenshot({ path: out('readme/publish-to-gallery.png') });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }

  // Create Pool from Image: the VM size prompt of the pool being created.
  if (want('create-pool')) {
    await palette(page, 'Create Pool from Image');
    console.log('create pool prompts:', (await acceptUntil(page, /VM size/i)).join(' | '));
    await page.screenshot({ path: out('readme/create-pool.png') });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }

  // The migration report: the webview the explorer's first entry opens.
  if (want('migration-report')) {
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'pools on retired images' }).first().click();
    // The report renders in a webview: an iframe holding the page's own frame.
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await report.locator('h1').waitFor({ timeout: 60_000 });
    await report.locator('section table').first().waitFor({ timeout: 10_000 });
    await page.mouse.move(900, 700);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: out('readme/migration-report.png') });
    await page.keyboard.press('F1');
    await page.keyboard.type('View: Close All Editors');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
  }

  // Migrate…: the plan shown before anything changes (Escape there changes nothing).
  if (want('migration-plan')) {
    await palette(page, 'Migrate Pools to Azure Compute Gallery');
    const title = page.locator('.quick-input-widget .quick-input-title');
    await title.first().waitFor({ timeout: 30_000 });
    await page.keyboard.type('img-ubuntu-v1');
    await page.waitForTimeout(800);
    const dialog = page.locator('.monaco-dialog-box');
    const seen = [];
    // The image, then the version (the default: a version made from it, or publish a new one) and
    // the publish questions' defaults, until the plan's dialog shows.
    for (let i = 0; i < 16 && !(await dialog.isVisible()); i++) {
      if (await title.first().isVisible()) {
        const text = await title.first().innerText();
        seen.push(text);
        await page.keyboard.press('Enter');
        await page.waitForFunction((previous) => document.querySelector('.monaco-dialog-box') || document.querySelector('.quick-input-widget .quick-input-title')?.textContent !== previous, text, { timeout: 30_000 }).catch(() => undefined);
      }
      await page.waitForTimeout(800);
    }
    console.log('migrate prompts:', seen.join(' | '));
    await dialog.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: out('readme/migration-plan.png') });
    await page.keyboard.press('Escape');
  }
} finally {
  await sandbox.stop();
  await browser.close();
}
console.log('screenshots written to media/readme and media/walkthrough');
