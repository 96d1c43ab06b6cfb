// Pool JSON intelligence in a real VS Code, without an inventory: the local rules (those that need
// neither an account nor Azure), their quick fixes, settings, the account CodeLens and command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DocumentAccounts } from '../../src/editor/accountAssociation';
import { DocumentAnalyzer } from '../../src/editor/analysis';
import { emptyInventorySnapshot, indexInventory } from '../../src/model';
import { ensureEditorFeatures } from './helpers/editorFeatures';
import { fakeServices } from './helpers/fakeServices';
import {
  apply,
  closeAllEditors,
  codeLensTitles,
  codeOf,
  codes,
  diagnostic,
  openFile,
  openUntitled,
  quickFixes,
  rangeOf,
  removeTempFolder,
  waitForCodes,
  waitForDiagnostics,
} from './helpers/poolDocuments';
import { waitFor } from './helpers/waitFor';

const RULES_DOC = 'https://github.com/batch-images-team/azure-batch-images/blob/main/docs/rules.md';
const SUB = '11111111-1111-1111-1111-111111111111';
const MANAGED_IMAGE = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/images/render-image`;
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/renderacct`;

/** A data-plane pool on a managed image without node agent SKU and resizeTimeout. */
function dataPlanePool(extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      id: 'render-pool',
      vmSize: 'STANDARD_D2S_V3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: MANAGED_IMAGE } },
      targetDedicatedNodes: 4,
      ...extra,
    },
    null,
    2,
  );
}

const LOCAL_CODES = ['account-not-selected', 'managed-image-retired', 'node-agent-sku-missing', 'resize-timeout-short'];

describe('pool editor: local checks in a real VS Code', function () {
  before(async () => ensureEditorFeatures());

  afterEach(async () => {
    await vscode.workspace.getConfiguration('azureBatchImages').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  after(() => removeTempFolder());

  it('contributes the pool schemas, the rule settings and the activation events', () => {
    const pkg = vscode.extensions.getExtension('batch-images-team.azure-batch-images')?.packageJSON as {
      activationEvents: string[];
      contributes: { jsonValidation: { fileMatch: string[]; url: string }[]; configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
    };
    // JSON files activate it for the editor features; start-up for the walkthrough's first-run check. Nothing else.
    assert.deepEqual([...pkg.activationEvents].sort(), ['onLanguage:json', 'onLanguage:jsonc', 'onStartupFinished']);
    const urls = pkg.contributes.jsonValidation.map((j) => j.url);
    assert.ok(urls.includes('./schemas/pool.dataplane.schema.json') && urls.includes('./schemas/pool.arm.schema.json'));
    const rules = pkg.contributes.configuration.properties['azureBatchImages.rules'];
    assert.ok(rules.properties && 'resize-timeout-short' in rules.properties && 'account-not-selected' in rules.properties);
    assert.ok('azureBatchImages.defaultBatchAccount' in pkg.contributes.configuration.properties);
  });

  it('reports the local findings of a *.pool.json file with codes, doc links, severities and exact ranges', async () => {
    const document = await openFile('render.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);

    const sku = diagnostic(document.uri, 'node-agent-sku-missing');
    assert.deepEqual(sku.range, rangeOf(document, '"virtualMachineConfiguration"'));
    assert.equal(sku.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(sku.source, 'Azure Batch Images');
    const code = sku.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'node-agent-sku-missing');
    assert.equal(code.target.toString(true), `${RULES_DOC}#node-agent-sku-missing`);

    const retired = diagnostic(document.uri, 'managed-image-retired');
    assert.deepEqual(retired.range, rangeOf(document, JSON.stringify(MANAGED_IMAGE)));
    assert.equal(retired.severity, vscode.DiagnosticSeverity.Error);

    const timeout = diagnostic(document.uri, 'resize-timeout-short');
    assert.equal(timeout.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(timeout.range, rangeOf(document, '"id"'));
    assert.equal(diagnostic(document.uri, 'account-not-selected').severity, vscode.DiagnosticSeverity.Information);
  });

  it('recognises a pool by its content in an untitled JSON document, and leaves other JSON alone', async () => {
    const other = await openUntitled(JSON.stringify({ name: 'not a pool', version: '1.0.0' }, null, 2));
    const pool = await openUntitled(dataPlanePool());
    await waitForCodes(pool.uri, LOCAL_CODES);
    // Both were scheduled with the same debounce; the pool's results are in, so the other's would be too.
    assert.deepEqual(codes(other.uri), []);
  });

  it('keeps analysing a document with a JSON syntax error', async () => {
    const broken = dataPlanePool().replace('"targetDedicatedNodes": 4', '"targetDedicatedNodes": 4,,');
    const document = await openFile('broken.pool.json', broken);
    await waitForCodes(document.uri, LOCAL_CODES);
  });

  it('re-checks while typing: adding nodeAgentSKUId by hand removes node-agent-sku-missing', async () => {
    const document = await openFile('typing.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    const editor = await vscode.window.showTextDocument(document);
    const at = rangeOf(document, '"imageReference"').start;
    await editor.edit((b) => b.insert(at, '"nodeAgentSKUId": "batch.node.ubuntu 22.04",\n    '));
    await waitForCodes(document.uri, LOCAL_CODES.filter((c) => c !== 'node-agent-sku-missing'));
  });

  it('applies the preferred resizeTimeout quick fix: the text changes and only that diagnostic goes', async () => {
    const document = await openFile('timeout.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    const fixes = await quickFixes(document, diagnostic(document.uri, 'resize-timeout-short'));
    const fix = fixes.find((a) => a.title === 'Set resizeTimeout to PT20M');
    assert.ok(fix, `no resizeTimeout fix in ${JSON.stringify(fixes.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    await apply(fix);
    assert.match(document.getText(), /"resizeTimeout": "PT20M"/);
    assert.doesNotThrow(() => JSON.parse(document.getText()));
    await waitForCodes(document.uri, LOCAL_CODES.filter((c) => c !== 'resize-timeout-short'));
  });

  it('fixes a too short resizeTimeout inside an ARM template pool in place', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Batch/batchAccounts/pools',
          apiVersion: '2024-07-01',
          name: 'renderacct/arm-pool',
          properties: {
            vmSize: 'STANDARD_D2S_V3',
            deploymentConfiguration: {
              virtualMachineConfiguration: { imageReference: { id: MANAGED_IMAGE }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' },
            },
            scaleSettings: { fixedScale: { targetDedicatedNodes: 2, resizeTimeout: 'PT5M' } },
          },
        },
      ],
    };
    const document = await openFile('template.json', JSON.stringify(template, null, 2));
    await waitForCodes(document.uri, ['account-not-selected', 'managed-image-retired', 'resize-timeout-short']);
    const timeout = diagnostic(document.uri, 'resize-timeout-short');
    assert.deepEqual(timeout.range, rangeOf(document, '"PT5M"'));
    const fix = (await quickFixes(document, timeout)).find((a) => a.title === 'Set resizeTimeout to PT20M');
    assert.ok(fix);
    await apply(fix);
    assert.match(document.getText(), /"resizeTimeout": "PT20M"/);
    assert.doesNotMatch(document.getText(), /PT5M/);
    await waitForCodes(document.uri, ['account-not-selected', 'managed-image-retired']);
  });

  it('turns a rule off and changes a severity through azureBatchImages.rules', async () => {
    const document = await openFile('settings.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    await vscode.workspace
      .getConfiguration('azureBatchImages')
      .update('rules', { 'managed-image-retired': 'off', 'resize-timeout-short': 'error' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(
      document.uri,
      'managed-image-retired off and resize-timeout-short as an error',
      (ds) => !ds.some((d) => codeOf(d) === 'managed-image-retired') && ds.some((d) => codeOf(d) === 'resize-timeout-short' && d.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.deepEqual(codes(document.uri), ['account-not-selected', 'node-agent-sku-missing', 'resize-timeout-short']);
  });

  it('offers "Select Batch account…" for account-not-selected, and the command (with an account id) updates CodeLens and message', async () => {
    const document = await openFile('account.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    assert.deepEqual(await codeLensTitles(document), ['Batch account: none selected', 'Select…']);

    const notSelected = diagnostic(document.uri, 'account-not-selected');
    const select = (await quickFixes(document, notSelected)).find((a) => a.title === 'Select Batch account…');
    assert.ok(select?.command, 'no Select Batch account… action');
    assert.equal(select.command.command, 'azureBatchImages.selectDocumentAccount');
    assert.equal(String(select.command.arguments?.[0]), document.uri.toString());

    // Run it the way the action does, with the account id instead of the quick pick.
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, ACCOUNT);
    await waitFor('the CodeLens to name the account', async () => {
      const titles = await codeLensTitles(document);
      return titles[0] === 'Batch account: renderacct (not in the loaded inventory)' && titles[1] === 'Change…';
    });
    // The account is not loaded (signed out), and the message says so instead of "no account".
    await waitForDiagnostics(document.uri, 'the not-loaded account message', (ds) =>
      ds.some((d) => codeOf(d) === 'account-not-selected' && d.message.includes('renderacct') && d.message.includes('not in the loaded inventory')),
    );

    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, null);
    await waitFor('the CodeLens to show no account again', async () => (await codeLensTitles(document))[0] === 'Batch account: none selected');
  });

  it('forgets the account of a closed untitled document, whose URI VS Code reuses', async () => {
    const first = await openUntitled(dataPlanePool());
    await waitForCodes(first.uri, LOCAL_CODES);
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', first.uri, ACCOUNT);
    await waitFor('the CodeLens to name the account', async () => (await codeLensTitles(first))[0]?.includes('renderacct'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const second = await openUntitled(dataPlanePool());
    await waitForCodes(second.uri, LOCAL_CODES);
    assert.deepEqual(await codeLensTitles(second), ['Batch account: none selected', 'Select…']);
  });

  it('keeps the account of a pool file that is renamed', async () => {
    const document = await openFile('before-rename.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, ACCOUNT);
    const renamed = vscode.Uri.joinPath(document.uri, '..', 'after-rename.pool.json');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(document.uri, renamed);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const moved = await vscode.workspace.openTextDocument(renamed);
    await vscode.window.showTextDocument(moved);
    await waitFor('the renamed file to keep its account', async () => (await codeLensTitles(moved))[0] === 'Batch account: renderacct (not in the loaded inventory)');
  });

  it('offers "Publish to Azure Compute Gallery…" for a managed image only while its command exists', async () => {
    const document = await openFile('publish.pool.json', dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    const retired = diagnostic(document.uri, 'managed-image-retired');
    const title = 'Publish to Azure Compute Gallery…';
    let standIn: vscode.Disposable | undefined;
    if (!(await vscode.commands.getCommands(true)).includes('azureBatchImages.publishToGallery')) {
      // Not written yet: the action must not be offered, since it would do nothing.
      assert.ok(!(await quickFixes(document, retired)).some((a) => a.title === title), 'offered without its command');
      standIn = vscode.commands.registerCommand('azureBatchImages.publishToGallery', () => undefined);
    }
    try {
      const action = (await quickFixes(document, retired)).find((a) => a.title === title);
      assert.ok(action?.command, 'not offered although the command exists');
      assert.equal(action.command.command, 'azureBatchImages.publishToGallery');
      const arg = action.command.arguments?.[0] as { imageId: string; region?: string; documentUri: string };
      assert.equal(arg.imageId, MANAGED_IMAGE);
      assert.equal(arg.documentUri, document.uri.toString());
      assert.equal(arg.region, undefined, 'no account, so no region to publish to');
    } finally {
      standIn?.dispose();
    }
  });

  it('clears the diagnostics of a document when it is closed', async () => {
    const document = await openUntitled(dataPlanePool());
    await waitForCodes(document.uri, LOCAL_CODES);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitForCodes(document.uri, []);
  });

  it('runs only the local checks in Restricted Mode, with no account and no inventory', async () => {
    const snapshot = emptyInventorySnapshot();
    snapshot.subscriptions.push({ id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: 'tenant', displayName: 'Render', registeredProviders: ['Microsoft.Batch'] });
    snapshot.images.push({
      id: MANAGED_IMAGE,
      name: 'render-image',
      subscriptionId: SUB,
      resourceGroup: 'rg-images',
      location: 'westus',
      provisioningState: 'Succeeded',
      osType: 'Linux',
      osState: 'Generalized',
      sources: [],
    });
    snapshot.batchAccounts.push({
      id: ACCOUNT,
      name: 'renderacct',
      subscriptionId: SUB,
      resourceGroup: 'rg-batch',
      location: 'eastus',
      accountEndpoint: 'renderacct.eastus.batch.azure.com',
      poolAllocationMode: 'BatchService',
      allowedAuthenticationModes: ['AAD'],
      supportedImages: [{ nodeAgentSkuId: 'batch.node.ubuntu 22.04', osType: 'Linux', verificationType: 'verified' }],
    });
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: dataPlanePool() });
    const run = async (trusted: boolean) => {
      const services = fakeServices({ inventory: indexInventory(snapshot), trusted });
      const accounts = new DocumentAccounts(services.context.workspaceState, services.inventory);
      const analyzer = new DocumentAnalyzer(services, accounts);
      try {
        await accounts.set(document.uri, ACCOUNT);
        const analysis = analyzer.analyse(document);
        return { trusted: analysis.trusted, target: analysis.pools[0]?.target, codes: analysis.pools.flatMap((p) => p.findings.map((f) => f.code)).sort() };
      } finally {
        analyzer.dispose();
        accounts.dispose();
        services.dispose();
      }
    };
    const trusted = await run(true);
    assert.equal(trusted.target?.account?.name, 'renderacct');
    assert.ok(trusted.codes.includes('image-region-mismatch'), JSON.stringify(trusted.codes));
    const restricted = await run(false);
    assert.equal(restricted.trusted, false);
    assert.equal(restricted.target, undefined);
    assert.deepEqual(restricted.codes, ['managed-image-retired', 'node-agent-sku-missing', 'resize-timeout-short']);
  });

  it('shows a hover on the image id and on the node agent SKU', async () => {
    const document = await openFile(
      'hover.pool.json',
      dataPlanePool({ virtualMachineConfiguration: { imageReference: { virtualMachineImageId: MANAGED_IMAGE }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' } }),
    );
    await waitForCodes(document.uri, ['account-not-selected', 'managed-image-retired', 'resize-timeout-short']);
    const hoverText = async (literal: string) => {
      const at = rangeOf(document, literal).start.translate(0, 5);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const image = await hoverText(JSON.stringify(MANAGED_IMAGE));
    assert.match(image, /\*\*Managed image\*\* `render-image`/);
    assert.match(image, /Resource group: `rg-images`/);
    const sku = await hoverText('"batch.node.ubuntu 22.04"');
    assert.match(sku, /\*\*Node agent SKU\*\* `batch.node.ubuntu 22.04`/);
  });
});
