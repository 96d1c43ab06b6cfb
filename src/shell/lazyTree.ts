// The explorer's TreeDataProvider as the activation shell registers it: a stand-in that loads the
// features bundle the first time VS Code asks for the tree (the view became visible), then
// forwards every call to the real provider. The view exists from activation on (welcome content,
// reveal targets), the tree code only once somebody looks at it.
import * as vscode from 'vscode';

/** What the real provider must offer (the explorer's ExplorerTreeProvider). */
export type RealTreeProvider<T> = vscode.TreeDataProvider<T>;

export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | undefined | void>();
  private real: RealTreeProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;
  readonly onDidChangeTreeData = this.changed.event;

  /** @param load returns the real provider, loading the features bundle on the first call. */
  constructor(private readonly load: () => RealTreeProvider<T>) {}

  /** Called by the features bundle once it built the real provider. */
  attach(real: RealTreeProvider<T>): void {
    this.real = real;
    this.forwarding?.dispose();
    this.forwarding = real.onDidChangeTreeData?.((node) => this.changed.fire(node as T | undefined));
    this.changed.fire(undefined);
  }

  private provider(): RealTreeProvider<T> {
    return this.real ?? this.load();
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(node);
  }

  getChildren(node?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(node);
  }

  getParent(node: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(node);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
