// Quick fixes for the diagnostics of diagnostics.ts, matched on `diagnostic.code`. The fix data
// comes from the finding itself (the analyser re-runs on the current text, cached per version);
// edits come from src/pooljson's builders and only ever touch the diagnostic's own document.
import * as vscode from 'vscode';
import { parseArmId } from '../model';
import { capNodesEdits, replaceImageIdEdits, replaceNodeAgentSkuEdits, setResizeTimeoutEdits, addSecurityProfileEdits, type TextEdit } from '../pooljson';
import type { Finding, FixData } from '../rules';
import type { DocumentAnalysis, DocumentAnalyzer, PoolAnalysis } from './analysis';
import { DIAGNOSTIC_SOURCE, findingRange } from './diagnostics';
import { isPoolTextDocument } from './poolDocuments';
import { SELECT_ACCOUNT_COMMAND } from './selectAccountCommand';

/** Commands other parts of the extension provide; offered only once they are registered. */
export const PUBLISH_TO_GALLERY_COMMAND = 'azureBatchImages.publishToGallery';
export const ADD_GALLERY_REPLICA_COMMAND = 'azureBatchImages.addGalleryReplica';

/** How many alternatives a candidate list offers at most (the light bulb menu stays readable). */
const MAX_CANDIDATE_ACTIONS = 8;

export class PoolCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyzer: DocumentAnalyzer) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && codeOf(d) !== undefined);
    if (ours.length === 0 || !isPoolTextDocument(document)) return [];
    const analysis = this.analyzer.analyse(document);
    let commands: Set<string> | undefined;
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const match = findFinding(document, analysis, diagnostic);
      const fix = match?.finding.fix;
      if (!match || !fix) continue;
      if (fix.kind === 'publishToGallery' || fix.kind === 'addReplica' || fix.kind === 'raiseReplicaCount') {
        commands ??= new Set(await vscode.commands.getCommands(true));
      }
      actions.push(...actionsFor(document, analysis, match.pool, fix, diagnostic, commands));
    }
    return actions;
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

/** The finding behind a diagnostic: same code, same range, in the current analysis. */
function findFinding(document: vscode.TextDocument, analysis: DocumentAnalysis, diagnostic: vscode.Diagnostic): { pool: PoolAnalysis; finding: Finding } | undefined {
  const code = codeOf(diagnostic);
  for (const pool of analysis.pools) {
    for (const finding of pool.findings) {
      if (finding.code === code && findingRange(document, pool, finding).isEqual(diagnostic.range)) return { pool, finding };
    }
  }
  return undefined;
}

function editAction(
  title: string,
  document: vscode.TextDocument,
  edits: TextEdit[],
  diagnostic: vscode.Diagnostic,
  preferred: boolean,
): vscode.CodeAction | undefined {
  if (edits.length === 0) return undefined;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
  }
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  return action;
}

function commandAction(title: string, command: vscode.Command, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = command;
  action.diagnostics = [diagnostic];
  return action;
}

function shortImageName(id: string): string {
  const p = parseArmId(id);
  return p ? p.names.join('/') : id;
}

function actionsFor(
  document: vscode.TextDocument,
  analysis: DocumentAnalysis,
  pool: PoolAnalysis,
  fix: FixData,
  diagnostic: vscode.Diagnostic,
  commands: Set<string> | undefined,
): vscode.CodeAction[] {
  const { text } = analysis;
  const spec = pool.spec;
  const out: (vscode.CodeAction | undefined)[] = [];
  switch (fix.kind) {
    case 'setResizeTimeout':
      out.push(editAction(vscode.l10n.t('Set resizeTimeout to {0}', fix.value), document, setResizeTimeoutEdits(text, spec, fix.value), diagnostic, true));
      break;
    case 'replaceNodeAgentSku':
      fix.candidates.slice(0, MAX_CANDIDATE_ACTIONS).forEach((sku, i) => {
        out.push(editAction(vscode.l10n.t('Use node agent SKU \'{0}\'', sku), document, replaceNodeAgentSkuEdits(text, spec, sku), diagnostic, i === 0));
      });
      break;
    case 'replaceImageId':
      fix.candidates.slice(0, MAX_CANDIDATE_ACTIONS).forEach((id, i) => {
        out.push(editAction(vscode.l10n.t('Use image \'{0}\'', shortImageName(id)), document, replaceImageIdEdits(text, spec, id), diagnostic, i === 0));
      });
      break;
    case 'capNodes': {
      const parts = [
        fix.targetDedicatedNodes !== undefined ? vscode.l10n.t('targetDedicatedNodes to {0}', fix.targetDedicatedNodes) : undefined,
        fix.targetLowPriorityNodes !== undefined ? vscode.l10n.t('targetLowPriorityNodes to {0}', fix.targetLowPriorityNodes) : undefined,
      ].filter((p): p is string => p !== undefined);
      out.push(editAction(vscode.l10n.t('Reduce {0}', parts.join(' and ')), document, capNodesEdits(text, spec, fix), diagnostic, true));
      break;
    }
    case 'addSecurityProfile':
      out.push(
        editAction(vscode.l10n.t('Add securityProfile ({0})', fix.securityType), document, addSecurityProfileEdits(text, spec, fix.securityType), diagnostic, true),
      );
      break;
    case 'selectAccount':
      out.push(commandAction(vscode.l10n.t('Select Batch account…'), { title: vscode.l10n.t('Select Batch account…'), command: SELECT_ACCOUNT_COMMAND, arguments: [document.uri] }, diagnostic));
      break;
    case 'publishToGallery':
      if (commands?.has(PUBLISH_TO_GALLERY_COMMAND)) {
        // Without an account the rule's region is a phrase ("the Batch account region"), not a region: let the command ask.
        const region = /^[a-z0-9]+$/.test(fix.region) ? fix.region : undefined;
        const args = { imageId: fix.imageId, region, documentUri: document.uri.toString(), poolPath: spec.path, accountId: pool.target?.accountId };
        out.push(commandAction(vscode.l10n.t('Publish to Azure Compute Gallery…'), { title: vscode.l10n.t('Publish to Azure Compute Gallery…'), command: PUBLISH_TO_GALLERY_COMMAND, arguments: [args] }, diagnostic));
      }
      break;
    case 'addReplica':
      if (commands?.has(ADD_GALLERY_REPLICA_COMMAND)) {
        const args = { versionId: fix.versionId, region: fix.region, documentUri: document.uri.toString() };
        out.push(commandAction(vscode.l10n.t('Add a replica in {0}', fix.region), { title: vscode.l10n.t('Add a replica in {0}', fix.region), command: ADD_GALLERY_REPLICA_COMMAND, arguments: [args] }, diagnostic));
      }
      break;
    case 'raiseReplicaCount':
      // The same command sets a region's replica count; it receives the count to reach.
      if (commands?.has(ADD_GALLERY_REPLICA_COMMAND)) {
        const args = { versionId: fix.versionId, region: fix.region, regionalReplicaCount: fix.recommended, documentUri: document.uri.toString() };
        const title = vscode.l10n.t('Raise the replica count in {0} to {1}', fix.region, fix.recommended);
        out.push(commandAction(title, { title, command: ADD_GALLERY_REPLICA_COMMAND, arguments: [args] }, diagnostic));
      }
      break;
  }
  return out.filter((a): a is vscode.CodeAction => a !== undefined);
}
