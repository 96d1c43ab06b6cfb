// Pool definition files in the workspace that still name a retired image, for the migration
// report. Behind a small interface so a workspace index of pool files can serve it instead of a
// scan; the scan reads every JSON file once with the project's pool parser.
import * as vscode from 'vscode';
import { isPoolDocument, parsePoolDocument } from '../../pooljson';
import { isRetiredPoolImage, type RetiredPoolFile } from '../../rules';

export interface RetiredPoolFileSource {
  find(token?: vscode.CancellationToken): Promise<RetiredPoolFileLocation[]>;
}

/** A row of the report's file section, with the URI to open. */
export interface RetiredPoolFileLocation extends RetiredPoolFile {
  uri: vscode.Uri;
}

/** Most workspaces hold few JSON files; this bounds a monorepo's. */
const MAX_FILES = 5000;
const EXCLUDE = '**/{node_modules,.git,out,dist}/**';

export class WorkspaceScanRetiredPoolFiles implements RetiredPoolFileSource {
  async find(token?: vscode.CancellationToken): Promise<RetiredPoolFileLocation[]> {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const uris = await vscode.workspace.findFiles('**/*.{json,jsonc}', EXCLUDE, MAX_FILES, token);
    const rows: RetiredPoolFileLocation[] = [];
    for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      if (token?.isCancellationRequested) break;
      let text: string;
      try {
        // An open editor's unsaved text is what the user sees; otherwise the file on disk.
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
      if (!isPoolDocument(uri.path, text)) continue;
      for (const spec of parsePoolDocument(text).specs) {
        const imageId = spec.imageId?.value;
        if (!isRetiredPoolImage(imageId)) continue;
        const offset = spec.imageId?.range?.offset ?? spec.range?.offset ?? 0;
        rows.push({
          uri,
          path: vscode.workspace.asRelativePath(uri, false),
          line: text.slice(0, offset).split('\n').length,
          poolName: spec.displayName ?? spec.name?.value ?? '',
          imageId: imageId ?? '',
        });
      }
    }
    return rows;
  }
}
