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

/** Returns whether it opened the walkthrough. */
export async function openWalkthroughOnFirstRun(deps: FirstRunDeps): Promise<boolean> {
  if (deps.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
  await deps.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
  if (!deps.openOnInstall()) return false;
  await deps.openWalkthrough(WALKTHROUGH_ID);
  return true;
}
