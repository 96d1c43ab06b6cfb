// The CodeLens on the first line of a pool document: which Batch account it is checked against,
// and a "Change…" action running the select command.
import * as vscode from 'vscode';
import { accountLabel } from './accountAssociation';
import type { DocumentAnalyzer } from './analysis';
import { isPoolTextDocument } from './poolDocuments';
import { SELECT_ACCOUNT_COMMAND } from './selectAccountCommand';

const originNote = (origin: 'document' | 'template' | 'setting'): string => (origin === 'template' ? vscode.l10n.t(' · named in the template') : origin === 'setting' ? vscode.l10n.t(' · default setting') : '');

export class AccountCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly analyzer: DocumentAnalyzer) {
    this.listener = analyzer.onDidInvalidate(() => this.changed.fire());
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isPoolTextDocument(document)) return [];
    const analysis = this.analyzer.analyse(document);
    if (analysis.pools.length === 0) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    if (!analysis.trusted) {
      return [new vscode.CodeLens(range, { title: vscode.l10n.t('Batch account: not used in Restricted Mode (local checks only)'), command: '' })];
    }
    const target = this.analyzer.accounts.forDocument(document.uri, analysis.pools.map((p) => p.spec));
    const title = target ? vscode.l10n.t('Batch account: {0}{1}', accountLabel(target), originNote(target.origin)) : vscode.l10n.t('Batch account: none selected');
    return [
      // A lens without a command id renders as plain text.
      new vscode.CodeLens(range, { title, command: '' }),
      new vscode.CodeLens(range, { title: target ? vscode.l10n.t('Change…') : vscode.l10n.t('Select…'), command: SELECT_ACCOUNT_COMMAND, arguments: [document.uri] }),
    ];
  }
}
