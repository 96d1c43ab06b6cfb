// Pool documents for the editor tests: files under a throwaway folder (never inside the repo's
// fixture workspace), our diagnostics, and code actions / CodeLens through VS Code's commands.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

export const SOURCE = 'Azure Batch Images';

let folder: string | undefined;

export function tempFolder(): string {
  folder ??= mkdtempSync(join(tmpdir(), 'abi-editor-tests-'));
  return folder;
}

export function removeTempFolder(): void {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
}

export async function openFile(name: string, content: string): Promise<vscode.TextDocument> {
  const path = join(tempFolder(), name);
  writeFileSync(path, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  await vscode.window.showTextDocument(document);
  return document;
}

export async function openUntitled(content: string, language = 'json'): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document);
  return document;
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codes(uri: vscode.Uri): string[] {
  return ours(uri).map(codeOf).sort();
}

/** Waits until our diagnostics of the document satisfy the predicate. */
export function waitForDiagnostics(uri: vscode.Uri, what: string, predicate: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    what,
    () => {
      const ds = ours(uri);
      return predicate(ds) ? ds : undefined;
    },
    { timeoutMs, describe: () => JSON.stringify(codes(uri)) },
  );
}

/** Waits until our diagnostic codes are exactly the expected ones (sorted comparison). */
export function waitForCodes(uri: vscode.Uri, expected: string[], timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort();
  return waitForDiagnostics(uri, `diagnostics ${JSON.stringify(want)}`, () => JSON.stringify(codes(uri)) === JSON.stringify(want), timeoutMs);
}

export function diagnostic(uri: vscode.Uri, code: string): vscode.Diagnostic {
  const found = ours(uri).find((d) => codeOf(d) === code);
  assert.ok(found, `no ${code} diagnostic; have ${JSON.stringify(codes(uri))}`);
  return found;
}

/** Range of the first occurrence of a literal text in the document. */
export function rangeOf(document: vscode.TextDocument, literal: string, from = 0): vscode.Range {
  const offset = document.getText().indexOf(literal, from);
  assert.ok(offset >= 0, `'${literal}' not in the document`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + literal.length));
}

export async function quickFixes(document: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  // Code actions, not bare commands. VS Code's command drops `action.diagnostics`, so tests pick
  // the fix by its title.
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

export async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `'${action.title}' has no edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `applying '${action.title}' failed`);
}

export async function codeLensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t !== '');
}

/** Closes every editor, discarding changes (a dirty editor would otherwise ask whether to save). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
