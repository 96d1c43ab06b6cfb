// Pool definition files in the workspace that still name a retired image, for the migration
// report. Read from the workspace pool index the rules already keep (src/editor/workspacePools.ts),
// so the report costs no second scan of the workspace and agrees with the diagnostics. Behind a
// small interface so tests can give other rows.
import * as vscode from 'vscode';
import { workspacePools, type WorkspacePools } from '../../editor';
import { retiredPoolFiles, type RetiredPoolFile } from '../../rules';

export interface RetiredPoolFileSource {
  find(): Promise<RetiredPoolFileLocation[]>;
}

/** A row of the report's file section, with the URI to open. */
export interface RetiredPoolFileLocation extends RetiredPoolFile {
  uri: vscode.Uri;
}

export class IndexedRetiredPoolFiles implements RetiredPoolFileSource {
  /** `index` gives the live workspace index (none before the editor features are registered). */
  constructor(private readonly index: () => WorkspacePools | undefined = workspacePools) {}

  async find(): Promise<RetiredPoolFileLocation[]> {
    const pools = this.index();
    if (!pools) return [];
    return retiredPoolFiles(await pools.allPools(), (spec) => {
      const at = pools.imageLine(spec);
      return at && { uri: at.uri, path: vscode.workspace.asRelativePath(at.uri, false), line: at.line + 1 };
    });
  }
}
