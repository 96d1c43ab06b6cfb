// The diagnostics adapter: owns the DiagnosticCollection and turns the analyser's findings into
// diagnostics, debounced per document on open and change, cleared on close, and re-run for every
// open pool document when the inventory, the settings, the trust or an account choice changes.
import * as vscode from 'vscode';
import { parseArmId, poolAnchorRange, type PoolSpec } from '../model';
import { ruleDocUrl, type Finding, type RelatedLocation, type RuleCode, type Severity } from '../rules';
import { accountLabel } from './accountAssociation';
import type { DocumentAnalysis, DocumentAnalyzer, PoolAnalysis } from './analysis';
import { isPoolTextDocument } from './poolDocuments';
import { toRange } from './ranges';

export const DIAGNOSTIC_SOURCE = 'Azure Batch Images';
export const DEBOUNCE_MS = 250;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class PoolDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('azureBatchImages');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly analyzer: DocumentAnalyzer,
    private readonly log: vscode.LogOutputChannel,
    private readonly delayMs = DEBOUNCE_MS,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      analyzer.onDidInvalidate((uri) => this.scheduleOpen(uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** Re-checks the open document with this URI, or every open document. */
  private scheduleOpen(uri: vscode.Uri | undefined): void {
    for (const d of vscode.workspace.textDocuments) {
      if (!uri || d.uri.toString() === uri.toString()) this.schedule(d);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(document);
      }, this.delayMs),
    );
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.collection.delete(uri);
  }

  private check(document: vscode.TextDocument, waited = false): void {
    if (document.isClosed || !isPoolTextDocument(document)) {
      // A document that stopped looking like a pool keeps no stale diagnostics.
      this.collection.delete(document.uri);
      return;
    }
    try {
      const analysis = this.analyzer.analyse(document);
      if (analysis.firstNeedPending && !waited) {
        // What the rules need on first need (supported images, provider registrations) is being read: judge once it is in.
        void analysis.firstNeedPending.then(() => this.check(document, true));
        return;
      }
      const workspace = this.analyzer.workspace;
      this.collection.set(document.uri, toDiagnostics(document, analysis, workspace ? (spec) => workspace.location(spec) : undefined));
    } catch (error) {
      // A bug in one rule must not take the other documents down; leave a trace for the issue report.
      this.log.error(vscode.l10n.t('Checking {0} failed: {1}', document.uri.toString(true), error instanceof Error ? (error.stack ?? error.message) : String(error)));
    }
  }
}

/** Finds where a pool of another (possibly closed) file is, for related information. */
export type PoolLocator = (spec: PoolSpec) => vscode.Location | undefined;

export function toDiagnostics(document: vscode.TextDocument, analysis: DocumentAnalysis, locate?: PoolLocator): vscode.Diagnostic[] {
  return analysis.pools.flatMap((pool) => pool.findings.map((f) => toDiagnostic(document, pool, f, locate)));
}

/** Where a finding is reported: its own range, else the pool, else the document start. */
export function findingRange(document: vscode.TextDocument, pool: PoolAnalysis, finding: Finding): vscode.Range {
  const r = finding.range ?? poolAnchorRange(pool.spec);
  return r ? toRange(document, r) : new vscode.Range(0, 0, 0, 0);
}

export function toDiagnostic(document: vscode.TextDocument, pool: PoolAnalysis, finding: Finding, locate?: PoolLocator): vscode.Diagnostic {
  const range = findingRange(document, pool, finding);
  const diagnostic = new vscode.Diagnostic(range, message(pool, finding), SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.code, target: ruleDocUri(finding.code) };
  const related = (finding.related ?? []).map((r) => relatedInformation(document, range, r, locate));
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** Uris are immutable: parse each rule's documentation link once, not once per diagnostic. */
const docUris = new Map<RuleCode, vscode.Uri>();

function ruleDocUri(code: RuleCode): vscode.Uri {
  let uri = docUris.get(code);
  if (!uri) docUris.set(code, (uri = vscode.Uri.parse(ruleDocUrl(code))));
  return uri;
}

function message(pool: PoolAnalysis, finding: Finding): string {
  // The rule only knows that it got no account; say why when the document does name one.
  if (finding.code === 'account-not-selected' && pool.target && !pool.target.account) {
    return (
      vscode.l10n.t('The target Batch account {0} is not in the loaded inventory (signed out, still loading, or no access), so the region, subscription and node agent SKU checks were skipped. Sign in, or select another Batch account.', accountLabel(pool.target))
    );
  }
  return finding.message;
}

/**
 * A related location inside this document points at its range. A related Azure resource (a live
 * pool, an image) has no document: VS Code needs a location, so it points at the finding itself
 * and the message names the resource.
 */
function relatedInformation(document: vscode.TextDocument, findingRange: vscode.Range, r: RelatedLocation, locate?: PoolLocator): vscode.DiagnosticRelatedInformation {
  if (r.range && (!r.source || r.source === document.uri.toString())) {
    return new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, r.range)), r.message);
  }
  const other = r.range && r.source ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.source) : undefined;
  if (other && r.range) {
    return new vscode.DiagnosticRelatedInformation(new vscode.Location(other.uri, toRange(other, r.range)), r.message);
  }
  // A pool in a closed file of the workspace: the index knows where it is.
  const indexed = r.spec && locate?.(r.spec);
  if (indexed) return new vscode.DiagnosticRelatedInformation(indexed, r.message);
  const resource = r.resourceId ? describeResource(r.resourceId) : '';
  return new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, findingRange), `${r.message}${resource}`);
}

function describeResource(id: string): string {
  const p = parseArmId(id);
  if (!p) return ` (${id})`;
  const where = [p.resourceGroup && vscode.l10n.t('resource group {0}', p.resourceGroup), vscode.l10n.t('subscription {0}', p.subscriptionId)].filter(Boolean).join(', ');
  return vscode.l10n.t(' — in Azure: {0} in {1}', p.type, where);
}
