// Analyses files for the CLI: parse every file, run the rules with the workspace's other pools,
// place findings on lines and columns.
import * as l10n from '@vscode/l10n';
import { armIdKey, parseArmId, type BatchAccount, type Inventory, type PoolSpec } from '../model';
import { createLineIndex, parsePoolDocument, type PoolDocument } from '../pooljson';
import { runRules, type Finding, type RuleOptions } from '../rules';
import type { ReportedFinding } from './report';

export interface CheckedFile {
  file: string;
  text: string;
}

export interface CheckInput {
  files: readonly CheckedFile[];
  inventory: Inventory;
  /** The --account, already resolved in the inventory. */
  account?: BatchAccount;
  now: Date;
  options?: RuleOptions;
}

export interface CheckResult {
  findings: ReportedFinding[];
  /** Files in which no pool definition was recognised. */
  filesWithoutPools: string[];
  /** Files with at least one pool definition, in input order. */
  filesWithPools: string[];
  /** Subscription ids (lower case) of the image ids the pools reference. */
  imageSubscriptions: Set<string>;
}

/** An ARM template's account name, matched to the single inventory account of that name. */
function accountByName(inventory: Inventory, name: string | undefined): BatchAccount | undefined {
  if (!name) return undefined;
  const matches = inventory.snapshot.batchAccounts.filter((a) => a.name.toLowerCase() === name.toLowerCase());
  return matches.length === 1 ? matches[0] : undefined;
}

export function checkFiles(input: CheckInput): CheckResult {
  const parsed: { file: CheckedFile; doc: PoolDocument }[] = input.files.map((file) => ({ file, doc: parsePoolDocument(file.text) }));
  // Pools of all files count as "other pools" for sharing and node totals, like a workspace.
  const allSpecs: PoolSpec[] = [];
  for (const { file, doc } of parsed) {
    for (const spec of doc.specs) {
      spec.source = file.file;
      allSpecs.push(spec);
    }
  }
  const findings: ReportedFinding[] = [];
  const filesWithoutPools: string[] = [];
  const filesWithPools: string[] = [];
  const imageSubscriptions = new Set<string>();
  const contexts = new Map<string, { account?: BatchAccount; inventory: Inventory; now: Date; otherPools: PoolSpec[] }>();
  const contextFor = (account: BatchAccount | undefined) => {
    // One context per account, so per-context caches (image sharing groups) are reused across pools.
    const key = account ? armIdKey(account.id) : '';
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = { account, inventory: input.inventory, now: input.now, otherPools: allSpecs };
      contexts.set(key, ctx);
    }
    return ctx;
  };
  for (const { file, doc } of parsed) {
    const lines = createLineIndex(file.text);
    const place = (offset: number, length: number, severity: Finding['severity'], code: string, message: string) => {
      const start = lines.positionAt(offset);
      const end = lines.positionAt(offset + length);
      findings.push({
        file: file.file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity,
        code,
        message,
      });
    };
    const firstError = doc.syntaxErrors[0];
    if (firstError) {
      const more = doc.syntaxErrors.length > 1 ? l10n.t(' ({0} syntax errors in the file)', doc.syntaxErrors.length) : '';
      place(firstError.range.offset, firstError.range.length, 'error', 'json-syntax', l10n.t('The file is not valid JSON: {0}{1}.', firstError.code, more));
    }
    if (doc.specs.length === 0) {
      if (!firstError) filesWithoutPools.push(file.file);
      continue;
    }
    filesWithPools.push(file.file);
    const fileFindings: { offset: number; finding: Finding }[] = [];
    for (const spec of doc.specs) {
      const imageSub = spec.imageId?.value ? parseArmId(spec.imageId.value)?.subscriptionId : undefined;
      if (imageSub) imageSubscriptions.add(imageSub.toLowerCase());
      const account = input.account ?? accountByName(input.inventory, spec.accountName);
      for (const f of runRules(spec, contextFor(account), input.options)) {
        fileFindings.push({ offset: f.range?.offset ?? spec.range?.offset ?? 0, finding: f });
      }
    }
    fileFindings.sort((a, b) => a.offset - b.offset);
    for (const { finding } of fileFindings) {
      const r = finding.range ?? { offset: 0, length: 0 };
      place(r.offset, r.length, finding.severity, finding.code, finding.message);
    }
  }
  return { findings, filesWithoutPools, filesWithPools, imageSubscriptions };
}

/** Validates a --account value: it must be a Batch account resource id. */
export function isBatchAccountId(id: string): boolean {
  return parseArmId(id)?.type.toLowerCase() === 'microsoft.batch/batchaccounts';
}
