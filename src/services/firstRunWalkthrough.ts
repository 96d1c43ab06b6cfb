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
export const WALKTHROUGH_SHOWN_KEY = 'azureBatchImages.walkthroughShown';

export interface FirstRunDeps {
  readonly globalState: Pick<vscode.Memento, 'get' | 'update'>;
  /** VS Code's `workbench.welcomePage.walkthroughs.openOnInstall` setting (default true). */
  readonly openOnInstall: () => boolean;
  readonly openWalkthrough: (id: string) => Thenable<unknown>;
}

/**
 * How long to wait before opening. VS Code registers an extension's walkthroughs only after asking
 * its experiment service, for up to 5 s (the whole 5 s when that service is unreachable: offline
 * machines, code-server); a walkthrough opened before then is unknown, and VS Code shows another.
 */
export const WALKTHROUGH_OPEN_DELAY_MS = 6_000;

/** Resolves after `ms` unless disposed first (then it never resolves and nothing opens). */
export function delay(ms: number): { promise: Promise<void>; dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return { promise, dispose: () => clearTimeout(timer) };
}

/** Returns whether it opened the walkthrough. */
export async function openWalkthroughOnFirstRun(deps: FirstRunDeps): Promise<boolean> {
  if (deps.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
  await deps.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
  if (!deps.openOnInstall()) return false;
  await deps.openWalkthrough(WALKTHROUGH_ID);
  return true;
}
