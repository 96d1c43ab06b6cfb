// The pool files of the whole workspace, indexed incrementally (src/pooljson's PoolFileIndex), so
// the rules count pools in other files too. Files are read in slices that yield to the event
// loop (src/pooljson/indexFiles.ts; the bench measures a 1,000-file workspace's longest block, so
// typing is never held up); afterwards only what changes is read again: a file saved, created or
// deleted on disk, an open document as it is edited. An open document's text wins over its file.
// Each pool gets its file's target Batch account.
import * as vscode from 'vscode';
import type { PoolSpec } from '../model';
import { indexFilesInSlices, isPoolDocument, PoolFileIndex, type PoolLocation } from '../pooljson';
import type { DocumentAccounts } from './accountAssociation';
import { isPoolTextDocument } from './poolDocuments';

/** The file names src/pooljson recognises as pool files without looking inside. */
export const POOL_FILE_GLOB = '**/{*.pool.json,pool.json,*.pool.jsonc}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const EDIT_DELAY_MS = 300;
const CHANGE_DELAY_MS = 100;

export class WorkspacePools implements vscode.Disposable {
  private readonly index: PoolFileIndex;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (coalesced) when pools that other files' rules count changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private scan: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly accounts: DocumentAccounts,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.index = new PoolFileIndex((file, spec) => this.accounts.forPool(vscode.Uri.parse(file), spec)?.accountId);
  }

  /** Starts the first scan and the watchers (once); later calls return the same scan. */
  start(): Promise<void> {
    if (this.scan) return this.scan;
    const watcher = vscode.workspace.createFileSystemWatcher(POOL_FILE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.readFile(uri)),
      watcher.onDidChange((uri) => void this.readFile(uri)),
      watcher.onDidDelete((uri) => this.apply(this.index.remove(uri.toString()))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.scheduleDocument(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.scheduleDocument(d)),
      // A closed document's file is what counts again (or nothing, for an unsaved one).
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (inWorkspace(d.uri) && isPoolDocument(d.uri.path, '')) void this.readFile(d.uri);
        else this.apply(this.index.remove(d.uri.toString()));
      }),
      this.accounts.onDidChange(() => this.apply(this.index.reassignAccounts())),
    );
    this.scan = this.scanWorkspace();
    return this.scan;
  }

  /** Pools of every indexed file except `uri` (the `otherPools` of the rules for that document). */
  poolsOutside(uri: vscode.Uri): PoolSpec[] {
    void this.start();
    return this.index.poolsOutside(uri.toString());
  }

  /** Pools whose image is one of `imageIds`, with their files (e.g. pool files referencing retired images). */
  poolsUsingImages(imageIds: Iterable<string>): PoolSpec[] {
    return this.index.poolsUsingImages(imageIds);
  }

  /** Every pool of the workspace once the first scan has finished; each spec's `source` is its file URI. */
  async allPools(): Promise<readonly PoolSpec[]> {
    await this.start();
    return this.index.pools();
  }

  /** The file of an indexed pool and the (0-based) line of its image id, or of the pool when it names none. */
  imageLine(spec: PoolSpec): { uri: vscode.Uri; line: number } | undefined {
    const l = this.index.location(spec);
    return l ? { uri: vscode.Uri.parse(l.file), line: (l.image ?? l.start).line } : undefined;
  }

  /** Where an indexed pool is, as a VS Code location (related information pointing into closed files). */
  location(spec: PoolSpec): vscode.Location | undefined {
    const l: PoolLocation | undefined = this.index.location(spec);
    return l ? new vscode.Location(vscode.Uri.parse(l.file), new vscode.Range(l.start.line, l.start.character, l.end.line, l.end.character)) : undefined;
  }

  get fileCount(): number {
    return this.index.fileCount;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.editTimers.values()) clearTimeout(t);
    if (this.changeTimer) clearTimeout(this.changeTimer);
    for (const d of this.disposables) d.dispose();
  }

  private async scanWorkspace(): Promise<void> {
    const started = Date.now();
    const files = await vscode.workspace.findFiles(POOL_FILE_GLOB, EXCLUDE_GLOB);
    // Slices that yield to the event loop: typing, diagnostics and everything else run between them.
    await indexFilesInSlices(this.index, files.map((uri) => uri.toString()), (key) => readText(vscode.Uri.parse(key)), {
      stopped: () => this.disposed,
      skip: (key) => isOpen(key),
    });
    for (const d of vscode.workspace.textDocuments) this.indexDocument(d, false);
    this.log?.info(vscode.l10n.t('Indexed {0} pool file(s) of the workspace in {1} ms.', this.index.fileCount, Date.now() - started));
    this.fireSoon();
  }

  private async readFile(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    // An open document is indexed from its text, which may be ahead of the file.
    if (isOpen(key)) return;
    const text = await readText(uri);
    // Gone or unreadable: it counts as no pool file.
    const changed = text === undefined ? this.index.remove(key) : this.index.update(key, text);
    this.apply(changed);
  }

  private scheduleDocument(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.editTimers.get(key);
    if (pending) clearTimeout(pending);
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        this.indexDocument(document, true);
      }, EDIT_DELAY_MS),
    );
  }

  private indexDocument(document: vscode.TextDocument, notify: boolean): void {
    // Documents of the workspace only: a file opened from elsewhere is no pool of this workspace.
    if (document.isClosed || !inWorkspace(document.uri) || !isPoolTextDocument(document)) return;
    const changed = this.index.update(document.uri.toString(), document.getText());
    if (notify) this.apply(changed);
  }

  private apply(changed: boolean): void {
    if (changed) this.fireSoon();
  }

  private fireSoon(): void {
    if (this.changeTimer || this.disposed) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changed.fire();
    }, CHANGE_DELAY_MS);
  }
}

function isOpen(key: string): boolean {
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
}

/** A file's text; undefined when it is gone or unreadable. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function inWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}
