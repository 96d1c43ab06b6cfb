// New Pool JSON from Image… and Deploy Pool JSON with scripted answers: the starter document is
// written with the recommended values and remembers its account (Deploy then asks nothing), files
// are never overwritten silently, both shapes deploy through their plane, and rule errors stop a
// deploy unless the user insists.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey } from '../../src/model';
import { waitFor } from './helpers/waitFor';
import { codeOf, waitForDiagnostics } from './helpers/poolDocuments';
import { signedInAndLoaded, simulator } from './support/extensionApi';
import { answer, countOf, messagesOf, resetDemo, resourceCounts, runScripted, selectedId, storedResource } from './support/userInput';
import { PRODUCTION_SUBSCRIPTION } from './support/demoSuite';

const production = PRODUCTION_SUBSCRIPTION;
const account = `/subscriptions/${production}/resourceGroups/rg-batch/providers/Microsoft.Batch/batchAccounts/batchprodeast`;
const version = `/subscriptions/${production}/resourceGroups/rg-gallery/providers/Microsoft.Compute/galleries/contoso_prod_gallery/images/ubuntu-22.04-gen2/versions/1.0.0`;
const DEPLOY = 'azureBatchImages.deployPoolJson';

async function openWithAccount(path: string, content: unknown): Promise<vscode.Uri> {
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  const uri = vscode.Uri.file(path);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', uri, account);
  return uri;
}

describe('commands: pool JSON documents', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let dir: string;

  before(async () => {
    api = await signedInAndLoaded();
    dir = mkdtempSync(join(tmpdir(), 'abi-pooljson-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetDemo(api);
  });

  it('New Pool JSON writes a starter data-plane pool with the recommended values, opens it, and never overwrites silently', async () => {
    const target = vscode.Uri.file(join(dir, 'starter.pool.json'));
    const answers = [
      answer.pick('Batch account', 'batchprodeast'),
      answer.input('pool id'),
      answer.pick('VM size', 'Standard_D2s_v3'),
      answer.pick('node agent SKU', 'batch.node.ubuntu 22.04'),
    ];
    const { result } = await runScripted<string>(api, 'azureBatchImages.newPoolJson', [...answers, answer.save('save the pool definition', target)], api.explorer.provider.findNode(version));
    assert.equal(result, target.toString());
    const written = readFileSync(target.fsPath, 'utf8');
    assert.deepEqual(JSON.parse(written), {
      id: 'pool-ubuntu-22-04-gen2-1-0-0',
      vmSize: 'Standard_D2s_v3',
      virtualMachineConfiguration: { imageReference: { virtualMachineImageId: version }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
      targetDedicatedNodes: 1,
      targetLowPriorityNodes: 0,
      enableAutoScale: false,
      resizeTimeout: 'PT15M',
    });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the document is open');

    // Same path again: the user is asked, and saying no leaves the file alone.
    await runScripted(api, 'azureBatchImages.newPoolJson', [
      answer.pick('image', 'contoso_prod_gallery/ubuntu-22.04-gen2/1.1.0'),
      ...answers.map((a) => (a.kind === 'input' ? answer.input('pool id', 'other-id') : a)),
      answer.save('save the pool definition', target),
      answer.confirm('starter.pool.json already exists. Replace it?', false),
    ]);
    assert.equal(readFileSync(target.fsPath, 'utf8'), written);
  });

  it('Deploy Pool JSON on the starter document uses its remembered account (no prompt) and creates the pool through the data plane', async () => {
    const before = countOf(await resourceCounts(), 'pools');
    const uri = vscode.Uri.file(join(dir, 'starter.pool.json'));
    const { result, session } = await runScripted<string>(api, DEPLOY, [], uri);
    const expected = `${account}/pools/pool-ubuntu-22-04-gen2-1-0-0`;
    assert.ok(result, `deployed; messages: ${session.messages.map((m) => m.message).join(' | ')}`);
    assert.equal(armIdKey(result), armIdKey(expected));
    assert.equal(countOf(await resourceCounts(), 'pools'), before + 1);
    const pool = api.inventory.current.poolsById.get(armIdKey(expected));
    assert.ok(pool);
    assert.equal(pool.imageId && armIdKey(pool.imageId), armIdKey(version));
    await waitFor('the deployed pool selected in the explorer', () => armIdKey(selectedId(api) ?? '') === armIdKey(expected));
  });

  it('Deploy Pool JSON creates an ARM-shaped pool through ARM', async () => {
    const uri = await openWithAccount(join(dir, 'arm-deploy.pool.json'), {
      type: 'Microsoft.Batch/batchAccounts/pools',
      apiVersion: '2025-06-01',
      name: 'batchprodeast/it-deploy-arm',
      properties: {
        vmSize: 'STANDARD_D2S_V3',
        deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: version }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
        scaleSettings: { fixedScale: { targetDedicatedNodes: 2, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' } },
      },
    });
    const { result, session } = await runScripted<string>(api, DEPLOY, [], uri);
    const expected = `${account}/pools/it-deploy-arm`;
    assert.ok(result, `deployed; messages: ${session.messages.map((m) => m.message).join(' | ')}`);
    assert.equal(armIdKey(result), armIdKey(expected));
    const pool = api.inventory.current.poolsById.get(armIdKey(expected));
    assert.ok(pool);
    assert.deepEqual(pool.scale, { kind: 'fixed', targetDedicatedNodes: 2, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' });
  });

  it('Deploy Pool JSON refuses a pool name that addresses the Batch account ("batchprodeast/..") and sends nothing; the editor flags the name', async () => {
    const uri = await openWithAccount(join(dir, 'traversal.pool.json'), {
      type: 'Microsoft.Batch/batchAccounts/pools',
      apiVersion: '2025-06-01',
      name: 'batchprodeast/..',
      properties: {
        vmSize: 'STANDARD_D2S_V3',
        deploymentConfiguration: { virtualMachineConfiguration: { imageReference: { id: version }, nodeAgentSkuId: 'batch.node.ubuntu 22.04' } },
        scaleSettings: { fixedScale: { targetDedicatedNodes: 1, targetLowPriorityNodes: 0, resizeTimeout: 'PT15M' } },
      },
    });
    const diagnostics = await waitForDiagnostics(uri, 'resource-name-invalid on the name', (ds) => ds.some((d) => codeOf(d) === 'resource-name-invalid'));
    const nameDiagnostic = diagnostics.find((d) => codeOf(d) === 'resource-name-invalid');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(nameDiagnostic?.range), '"batchprodeast/.."');
    assert.equal(nameDiagnostic?.severity, vscode.DiagnosticSeverity.Error);

    const accountBefore = await storedResource(account);
    await simulator('DELETE', 'requests');
    const { result, session } = await runScripted<string | undefined>(api, DEPLOY, [], uri);
    assert.equal(result, undefined);
    assert.match(messagesOf(session, 'error')[0] ?? '', /"\.\." is not a valid Batch pool id: Azure allows 1-64 letters, digits, hyphens and underscores\. Nothing was sent to Azure/);
    assert.equal(session.asked.length, 0, 'refused before any prompt');
    const writes = (await simulator<{ method: string; path: string }[]>('GET', 'requests')).filter((e) => e.method !== 'GET');
    assert.deepEqual(writes, [], 'no write reached Azure');
    assert.deepEqual(await storedResource(account), accountBefore, 'the Batch account is unchanged');
  });

  it('the editor reports a key set twice at the second key and checks the value Azure reads (the last)', async () => {
    const path = join(dir, 'duplicate.pool.json');
    const pool = {
      id: 'it-duplicate',
      vmSize: 'standard_d2s_v3',
      virtualMachineConfiguration: {
        imageReference: { virtualMachineImageId: `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-build-01` },
        nodeAgentSKUId: 'batch.node.ubuntu 22.04',
      },
      targetDedicatedNodes: 1,
      resizeTimeout: 'PT20M',
    };
    const text = JSON.stringify(pool, null, 2).replace('"resizeTimeout"', '"targetDedicatedNodes": 5000,\n  "resizeTimeout"');
    writeFileSync(path, text);
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', uri, account);
    const ds = await waitForDiagnostics(uri, 'json-duplicate-key and the node limit of 5000', (all) => ['json-duplicate-key', 'custom-image-node-limit'].every((c) => all.some((d) => codeOf(d) === c)));
    const duplicate = ds.find((d) => codeOf(d) === 'json-duplicate-key');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(duplicate?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.offsetAt(duplicate?.range.start ?? new vscode.Position(0, 0)), text.indexOf('"targetDedicatedNodes"', text.indexOf('"targetDedicatedNodes"') + 1));
    assert.equal(duplicate?.relatedInformation?.[0]?.location.range.start.line, document.positionAt(text.indexOf('"targetDedicatedNodes"')).line);
  });

  it("Deploy Pool JSON shows the rules' errors first; cancelling deploys nothing", async () => {
    const before = countOf(await resourceCounts(), 'pools');
    const uri = await openWithAccount(join(dir, 'managed.pool.json'), {
      id: 'it-managed-deploy',
      vmSize: 'standard_d2s_v3',
      virtualMachineConfiguration: {
        imageReference: { virtualMachineImageId: `/subscriptions/${production}/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-build-01` },
        nodeAgentSKUId: 'batch.node.ubuntu 22.04',
      },
      targetDedicatedNodes: 1,
      targetLowPriorityNodes: 0,
      enableAutoScale: false,
      resizeTimeout: 'PT20M',
    });
    const { session } = await runScripted(api, DEPLOY, [answer.pick(/Deploy Pool JSON it-managed-deploy: \d+ finding\(s\), \d+ error\(s\)/, 'Cancel')], uri);
    assert.equal(countOf(await resourceCounts(), 'pools'), before);
    assert.ok(session.asked.length === 1);
  });

  it("Deploy Pool JSON goes ahead when the user insists, and shows Azure's refusal with its code", async () => {
    const before = countOf(await resourceCounts(), 'pools');
    const uri = vscode.Uri.file(join(dir, 'managed.pool.json'));
    const { result, session } = await runScripted<string | undefined>(api, DEPLOY, [answer.pick(/error\(s\)/, 'Deploy anyway')], uri);
    assert.equal(result, undefined);
    assert.match(messagesOf(session, 'error')[0] ?? '', /^Deploying pool it-managed-deploy to batchprodeast failed: InvalidPropertyValue: Managed images/);
    assert.equal(countOf(await resourceCounts(), 'pools'), before);
  });
});
