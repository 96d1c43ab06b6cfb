// Offsets (what src/pooljson and src/rules speak) <-> VS Code ranges (what the editor speaks).
import * as vscode from 'vscode';
import type { TextRange } from '../model';

export function toRange(document: vscode.TextDocument, range: TextRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.offset), document.positionAt(range.offset + range.length));
}

/** True when the offset lies within the range (both ends included, so a cursor at the end counts). */
export function containsOffset(range: TextRange | undefined, offset: number): boolean {
  return range !== undefined && offset >= range.offset && offset <= range.offset + range.length;
}
