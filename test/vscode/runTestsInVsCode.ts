// Runs a test module INSIDE code-server's Node extension host, the way @vscode/test-electron does
// on desktop: the web workbench reads extensionDevelopmentPath/extensionTestsPath from the URL
// payload, require()s the module in the extension host and calls its run(); when run() settles it
// calls window.codeAutomationExit(code). Test output arrives through window.codeAutomationLog.
import { format } from 'node:util';
import { launchChromium, remoteUri, workbenchUrl } from './chromium';
import type { CodeServer } from './codeServer';

const offlineGalleryNoise = /open-vsx\.org|queryRawGalleryExtensions/;

export interface ExtensionTestRun {
  exitCode: number;
  output: string[];
}

export async function runTestsInVsCode(
  server: CodeServer,
  extensionDevelopmentPath: string,
  extensionTestsPath: string,
  folder: string,
  timeoutMs = 600_000,
  displayLanguage?: string,
): Promise<ExtensionTestRun> {
  const browser = await launchChromium();
  const output: string[] = [];
  try {
    const page = await browser.newPage();
    if (displayLanguage) {
      // code-server's --locale only changes the workbench's language when a language pack for it
      // is installed (none can be downloaded here): the pack's nls.messages.js sets this global
      // before the workbench starts, and the workbench hands it to the extension host as
      // vscode.env.language, which picks package.nls.<language>.json and the l10n bundle. Set it
      // the same way; the workbench's own menus stay English, the extension is in that language.
      await page.addInitScript((language: string) => {
        (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE = language;
      }, displayLanguage);
    }
    let settle: (code: number) => void = () => undefined;
    const finished = new Promise<number>((r) => (settle = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      // Arguments arrive as console.log's: a format string first (mocha's reporter uses %s/%d).
      const text = format(...(Array.isArray(args) ? args : [args]));
      // The workbench's own update check for the offline gallery is noise, not test output.
      if (offlineGalleryNoise.test(text)) return;
      for (const line of text.split('\n')) output.push(line);
      process.stdout.write(`${text}\n`);
    });
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remoteUri(server.host, extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(server.host, extensionTestsPath)],
    ];
    // The workbench can take more than the default 30 s to load on a busy machine.
    await page.goto(workbenchUrl(server.url, folder, payload), { timeout: 180_000 });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((r) => {
      timer = setTimeout(() => {
        process.stdout.write(`integration: no result after ${timeoutMs} ms; see ${server.logPath}\n`);
        r(124);
      }, timeoutMs);
    });
    const exitCode = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    return { exitCode, output };
  } finally {
    await browser.close();
  }
}
