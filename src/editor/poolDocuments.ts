// Which documents get pool intelligence: JSON / JSONC documents that src/pooljson's cheap
// detection recognises (file name or content). Everything else is left alone.
import * as vscode from 'vscode';
import { isPoolDocument } from '../pooljson';

export const POOL_LANGUAGES = ['json', 'jsonc'] as const;

/**
 * Selector for the providers: any scheme (virtual workspaces included); the providers still check
 * the content with isPoolTextDocument.
 */
export const POOL_DOCUMENT_SELECTOR: vscode.DocumentSelector = POOL_LANGUAGES.map((language) => ({ language }));

export function isPoolTextDocument(document: vscode.TextDocument): boolean {
  if (!(POOL_LANGUAGES as readonly string[]).includes(document.languageId)) return false;
  // Untitled documents have no meaningful file name ("Untitled-1"): judge them by content only.
  const name = document.isUntitled ? '' : document.uri.path;
  return isPoolDocument(name, document.getText());
}
