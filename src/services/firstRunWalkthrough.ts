// Opens the getting-started walkthrough the first time the extension runs for a user, and never
// again on its own: the decision is recorded in globalState (which follows the user, not the
// workspace) before the walkthrough opens, so a failed or closed walkthrough is not re-opened on
// the next start. People who turned off VS Code's "open walkthroughs on install" setting are not
// shown it at all. Help: Welcome opens it whenever they ask.
// No `vscode` import (only types): the caller passes the few API calls this needs, so the
// decision is unit-tested in plain Node.
import type * as vscode from 'vscode';

/** The walkthrough's id as VS Code knows it: `publisher.name#walkthroughId` from package.json. */
export const WALKTHROUGH_ID = 'batch-images-team.azure-batch-images#azureBatchImages.gettingStarted';
/**
 * Opened at its first step: asked again for the walkthrough already showing, VS Code then only
 * selects that step (asked by id alone it would rebuild the page, resetting what the user clicked).
 */
export const WALKTHROUGH_FIRST_STEP = 'signIn';
export const WALKTHROUGH_SHOWN_KEY = 'azureBatchImages.walkthroughShown';

export interface FirstRunDeps {
  readonly globalState: Pick<vscode.Memento, 'get' | 'update'>;
  /** VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` setting (default true). */
  readonly openOnInstall: () => boolean;
  readonly openWalkthrough: (id: string) => Thenable<unknown>;
  /**
   * Whether to stop asking: a tab shows this extension's walkthrough, or the user works in another
   * editor. (VS Code keeps a stale tab title when the welcome page switches to ours after a
   * fallback, so the title alone cannot tell; asking again for the walkthrough already shown
   * changes nothing.)
   */
  readonly isWalkthroughShown: () => boolean;
  /** Resolves after `ms`; never resolves once the extension is deactivated (see `waits`). */
  readonly wait: (ms: number) => Promise<void>;
}

/**
 * When to try first. VS Code knows an extension's walkthrough only some seconds after the
 * extension may already run: the welcome page registers it once that page's service starts, after
 * asking the experiment service for up to 5 s. Asked for a walkthrough it does not know yet, VS
 * Code does not fail: it opens the welcome page at its own first walkthrough ("Setup VS Code Web"
 * in code-server), so the command's result says nothing.
 */
export const WALKTHROUGH_OPEN_DELAY_MS = 6_000;
/** Hence, after each try, look whether ours is showing, and if not ask again, for about a minute. */
export const WALKTHROUGH_RETRY_MS = 3_000;
export const WALKTHROUGH_ATTEMPTS = 20;

/** Timers that all stop on dispose: a pending wait then never resolves, so nothing opens late. */
export function waits(): { wait(ms: number): Promise<void>; dispose(): void } {
  const timers = new Set<NodeJS.Timeout>();
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
    dispose: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * Whether a tab label is this walkthrough's: VS Code titles it "Walkthrough: <extension display
 * name>" (the prefix in VS Code's display language), and "Welcome" or "Walkthrough: <other>" for
 * its own pages.
 */
export function isWalkthroughTabLabel(label: string, extensionDisplayName: string): boolean {
  return label !== extensionDisplayName && label.endsWith(extensionDisplayName);
}

/**
 * Whether a tab is a file, diff, notebook, custom editor, webview or terminal: the welcome page is
 * none of these (VS Code gives it no tab input class), so the user has moved on.
 */
export function isOtherEditor(input: unknown): boolean {
  return typeof input === 'object' && input !== null && ('uri' in input || 'original' in input || 'viewType' in input || 'notebookType' in input || input.constructor.name === 'TabInputTerminal');
}

/** Returns whether our walkthrough is showing (opened by this call, or already by the user). */
export async function openWalkthroughOnFirstRun(deps: FirstRunDeps): Promise<boolean> {
  if (deps.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
  await deps.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
  if (!deps.openOnInstall()) return false;
  await deps.wait(WALKTHROUGH_OPEN_DELAY_MS);
  for (let attempt = 1; attempt <= WALKTHROUGH_ATTEMPTS; attempt++) {
    if (deps.isWalkthroughShown()) return true;
    await deps.openWalkthrough(WALKTHROUGH_ID);
    // The command returns before the editor has its title: look after the pause.
    await deps.wait(WALKTHROUGH_RETRY_MS);
  }
  return deps.isWalkthroughShown();
}
