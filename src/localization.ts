// Pure code (model, pooljson, rules, and what the CLI shares) translates through @vscode/l10n;
// code that imports `vscode` through vscode.l10n. In the extension host both must read the same
// bundle: VS Code hands the extension its bundle for the display language, and this passes it on.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function shareBundleWithPureCode(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  else if (vscode.l10n.uri?.scheme === 'file') l10n.config({ fsPath: vscode.l10n.uri.fsPath });
}
