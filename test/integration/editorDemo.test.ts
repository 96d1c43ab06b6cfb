// Pool JSON intelligence against the simulator's `demo` scenario: the workbench opens a copy of
// test/simulator/scenarios/demo-workspace, the extension signs in to the simulator and loads the
// inventory. Each pool file must show exactly the codes its README lists; quick fixes, hover and
// completion work with the live inventory.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { armIdKey, normalizeRegion, type BatchAccount } from '../../src/model';
import { ensureEditorFeatures } from './helpers/editorFeatures';
import { apply, closeAllEditors, codeOf, diagnostic, ours, quickFixes, rangeOf, waitForCodes, waitForDiagnostics } from './helpers/poolDocuments';
import { waitFor } from './helpers/waitFor';
import { signedInAndLoaded } from './support/extensionApi';
import type { ExtensionApi } from '../../src/extension';

interface Expectation {
  file: string;
  account?: string;
  codes: string[];
}

const TEMPLATE = 'arm-template-several-pools.pool.json';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'no workspace folder is open');
  return folder;
}

/** The README's table: file, target account, expected codes (the template row is checked per pool). */
function readExpectations(): Expectation[] {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const readme = folder ? join(folder, 'README.md') : '';
  if (!folder || !existsSync(readme)) return [];
  const out: Expectation[] = [];
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+\.pool\.json)`$/.exec(cells[1] ?? '')?.[1];
    if (!file || file === TEMPLATE) continue;
    const account = cells[3] === '(none)' ? undefined : cells[3];
    const expected = cells[4] === '(none)' ? [] : cells[4].split('<br>').map((c) => c.trim());
    out.push({ file, account, codes: expected });
  }
  return out;
}

const expectations = readExpectations();

async function hoverAt(document: vscode.TextDocument, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

function sameSet(actual: string[], expected: string[]): boolean {
  return JSON.stringify([...new Set(actual)].sort()) === JSON.stringify([...new Set(expected)].sort());
}

describe('pool editor: the demo scenario', function () {
  let api: ExtensionApi;

  before(async function () {
    this.timeout(120_000);
    await ensureEditorFeatures();
    api = await signedInAndLoaded();
    assert.ok(expectations.length >= 20, `the demo README lists ${expectations.length} pool files`);
  });

  afterEach(async () => closeAllEditors());

  /**
   * The SKU rules need the account's supported images (one Batch data-plane call per account),
   * which the load does not read: opening a document that targets the account reads them.
   */
  let supportedImagesWait: Promise<unknown> | undefined;
  async function supportedImagesLoaded(): Promise<void> {
    const snapshot = () => api.inventory.current.snapshot;
    // Waited for once: later tests fail at once with the same error instead of waiting again.
    supportedImagesWait ??= waitFor("batchprodeast's supported images", () => (snapshot().batchAccounts.find((a) => a.name === 'batchprodeast')?.supportedImages?.length ?? 0) > 0, {
      timeoutMs: 30_000,
      describe: () =>
        JSON.stringify({
          accounts: snapshot().batchAccounts.map((a) => [a.name, a.supportedImages?.length]),
          errors: snapshot().errors,
          // Not part of InventoryView: the loader's detail-load issues, only to explain a failure here.
          issues: (api.inventory as unknown as { loader?: { issues?: unknown } }).loader?.issues,
        }),
    });
    await supportedImagesWait;
  }

  function account(name: string): BatchAccount {
    const found = api.inventory.current.snapshot.batchAccounts.find((a) => a.name === name);
    assert.ok(found, `account ${name} is not in the inventory`);
    return found;
  }

  async function open(file: string, accountName: string | undefined): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(join(workspaceFolder(), file)));
    await vscode.window.showTextDocument(document);
    if (accountName) await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, account(accountName).id);
    return document;
  }

  it('lists every demo pool file in its README', () => {
    assert.ok(expectations.some((e) => e.file === 'healthy-gallery.pool.json'));
    assert.ok(expectations.some((e) => e.file === 'no-account.pool.json' && e.account === undefined));
  });

  for (const e of expectations) {
    it(`${e.file} (${e.account ?? 'no account'}) shows exactly ${e.codes.length ? e.codes.join(', ') : 'no diagnostics'}`, async () => {
      const document = await open(e.file, e.account);
      if (e.codes.includes('node-agent-sku-end-of-life')) await supportedImagesLoaded();
      // The README lists each code once; a pool may have two findings of one code (dedicated and low-priority).
      await waitForDiagnostics(document.uri, `codes ${JSON.stringify(e.codes)}`, (ds) => sameSet(ds.map(codeOf), e.codes), 15_000);
      for (const d of ours(document.uri)) {
        assert.ok(!d.range.isEmpty, `${codeOf(d)} has an empty range`);
        assert.match(d.message, /\S/);
      }
    });
  }

  it(`${TEMPLATE} reports each pool's findings inside that pool`, async () => {
    const document = await open(TEMPLATE, 'batchprodeast');
    const expected: Record<string, string[]> = {
      'tmpl-gallery': [],
      'tmpl-managed': ['image-region-mismatch', 'image-shared-by-pools', 'large-pool-resize', 'managed-image-retired', 'resize-timeout-short'],
      'tmpl-autoscale-specialized': ['gallery-image-specialized', 'image-subscription-mismatch'],
      'tmpl-expression-image': [],
    };
    await waitForCodes(document.uri, Object.values(expected).flat(), 15_000);
    const text = document.getText();
    const starts = Object.keys(expected).map((name) => ({ name, offset: text.indexOf(`/${name}'`) }));
    assert.ok(starts.every((s) => s.offset > 0));
    const byPool: Record<string, string[]> = Object.fromEntries(Object.keys(expected).map((k) => [k, []]));
    for (const d of ours(document.uri)) {
      const offset = document.offsetAt(d.range.start);
      const owner = [...starts].reverse().find((s) => s.offset <= offset) ?? starts[0];
      byPool[owner.name].push(codeOf(d));
    }
    for (const name of Object.keys(expected)) assert.deepEqual(byPool[name].sort(), expected[name], name);
  });

  it('applies the resizeTimeout quick fix on no-resize-timeout.pool.json', async () => {
    const document = await open('no-resize-timeout.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, ['resize-timeout-short'], 15_000);
    const fixes = await quickFixes(document, diagnostic(document.uri, 'resize-timeout-short'));
    const fix = fixes.find((a) => a.title.startsWith('Set resizeTimeout to '));
    assert.ok(fix?.isPreferred, `no preferred resizeTimeout fix in ${JSON.stringify(fixes.map((a) => a.title))}`);
    const value = fix.title.slice('Set resizeTimeout to '.length);
    await apply(fix);
    assert.equal((JSON.parse(document.getText()) as { resizeTimeout: string }).resizeTimeout, value);
    await waitForCodes(document.uri, []);
  });

  it('offers the Linux node agent SKUs of the account for missing-node-agent.pool.json, and the first one fixes it', async () => {
    const document = await open('missing-node-agent.pool.json', 'batchprodeast');
    await supportedImagesLoaded();
    await waitForCodes(document.uri, ['node-agent-sku-missing'], 15_000);
    const fixes = (await quickFixes(document, diagnostic(document.uri, 'node-agent-sku-missing'))).filter((a) => a.title.startsWith('Use node agent SKU'));
    assert.ok(fixes.length > 0, 'no node agent SKU fix');
    assert.equal(fixes[0].isPreferred, true);
    const supported = account('batchprodeast').supportedImages ?? [];
    for (const f of fixes) {
      const sku = /'(.+)'/.exec(f.title)?.[1] ?? '';
      assert.ok(supported.some((s) => s.nodeAgentSkuId === sku && s.osType === 'Linux'), `${sku} is not a Linux SKU of batchprodeast`);
    }
    const sku = /'(.+)'/.exec(fixes[0].title)?.[1];
    await apply(fixes[0]);
    const pool = JSON.parse(document.getText()) as { virtualMachineConfiguration: { nodeAgentSKUId?: string } };
    assert.equal(pool.virtualMachineConfiguration.nodeAgentSKUId, sku);
    await waitForCodes(document.uri, []);
  });

  it('offers Windows node agent SKUs for wrong-os-agent.pool.json, and the preferred one fixes it', async () => {
    const document = await open('wrong-os-agent.pool.json', 'batchprodeast');
    await supportedImagesLoaded();
    await waitForCodes(document.uri, ['node-agent-sku-mismatch'], 15_000);
    const fixes = (await quickFixes(document, diagnostic(document.uri, 'node-agent-sku-mismatch'))).filter((a) => a.title.startsWith('Use node agent SKU'));
    assert.ok(fixes.length > 0 && fixes.every((f) => /windows/i.test(f.title)), JSON.stringify(fixes.map((f) => f.title)));
    await apply(fixes[0]);
    await waitForCodes(document.uri, []);
  });

  it('adds the securityProfile a Trusted Launch image needs (arm-trusted-launch.pool.json)', async () => {
    const document = await open('arm-trusted-launch.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, ['image-subscription-mismatch', 'trusted-launch-mismatch'], 15_000);
    const fix = (await quickFixes(document, diagnostic(document.uri, 'trusted-launch-mismatch'))).find((a) => a.title === 'Add securityProfile (trustedLaunch)');
    assert.ok(fix?.isPreferred);
    await apply(fix);
    const vmc = (JSON.parse(document.getText()) as { properties: { deploymentConfiguration: { virtualMachineConfiguration: { securityProfile?: { securityType?: string } } } } })
      .properties.deploymentConfiguration.virtualMachineConfiguration;
    assert.equal(vmc.securityProfile?.securityType, 'trustedLaunch');
    await waitForCodes(document.uri, ['image-subscription-mismatch']);
  });

  it('caps the dedicated node count of over-node-limit.pool.json', async () => {
    const document = await open('over-node-limit.pool.json', 'batchprodeast');
    await waitForDiagnostics(document.uri, 'two custom-image-node-limit findings', (ds) => ds.filter((d) => codeOf(d) === 'custom-image-node-limit').length === 2, 15_000);
    const dedicated = ours(document.uri).find((d) => codeOf(d) === 'custom-image-node-limit' && d.range.isEqual(rangeOf(document, '3000')));
    assert.ok(dedicated, 'no node limit finding on targetDedicatedNodes');
    const fix = (await quickFixes(document, dedicated)).find((a) => a.title.startsWith('Reduce targetDedicatedNodes to '));
    assert.ok(fix, 'no cap fix');
    const cap = Number(fix.title.slice('Reduce targetDedicatedNodes to '.length));
    assert.ok(cap <= 2500, `cap ${cap} is above the managed-image limit`);
    await apply(fix);
    assert.equal((JSON.parse(document.getText()) as { targetDedicatedNodes: number }).targetDedicatedNodes, cap);
    await waitForDiagnostics(document.uri, 'one custom-image-node-limit finding left', (ds) => ds.filter((d) => codeOf(d) === 'custom-image-node-limit').length === 1);
  });

  it('replaces a deleted image with an existing one (deleted-image.pool.json)', async () => {
    const document = await open('deleted-image.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, ['image-not-found'], 15_000);
    const fixes = (await quickFixes(document, diagnostic(document.uri, 'image-not-found'))).filter((a) => a.title.startsWith('Use image '));
    assert.ok(fixes.length > 0 && fixes[0].isPreferred, JSON.stringify(fixes.map((f) => f.title)));
    await apply(fixes[0]);
    await waitForDiagnostics(document.uri, 'image-not-found to go', (ds) => !ds.some((d) => codeOf(d) === 'image-not-found'));
  });

  it('validates pool files against the contributed schemas: data plane by default, ARM for arm-*.pool.json', async () => {
    const arm = await open('arm-healthy.pool.json', undefined);
    const folder = workspaceFolder();
    writeFileSync(join(folder, 'schema-check.pool.json'), JSON.stringify({ id: 'schema-check', targetDedicatedNodes: 1 }, null, 2));
    const bad = await open('schema-check.pool.json', undefined);
    const jsonDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'Azure Batch Images');
    await waitFor('the data-plane schema to ask for vmSize', () => jsonDiagnostics(bad.uri).some((d) => d.message.includes('vmSize')), {
      timeoutMs: 20_000,
      describe: () => JSON.stringify(jsonDiagnostics(bad.uri).map((d) => d.message)),
    });
    assert.deepEqual(jsonDiagnostics(arm.uri).map((d) => d.message), [], 'the ARM pool file got schema errors');
  });

  it('offers the gallery replica commands with their arguments (arm-replica-missing, arm-replicas-low)', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('azureBatchImages.addGalleryReplica'), 'the replica command is not registered');
    const missing = await open('arm-replica-missing.pool.json', 'batchprodeast');
    await waitForCodes(missing.uri, ['gallery-replica-missing'], 15_000);
    const add = (await quickFixes(missing, diagnostic(missing.uri, 'gallery-replica-missing'))).find((a) => a.title === 'Add a replica in eastus');
    assert.equal(add?.command?.command, 'azureBatchImages.addGalleryReplica');
    const addArg = add.command.arguments?.[0] as { versionId: string; region: string; documentUri: string };
    assert.equal(addArg.region, 'eastus');
    assert.ok(api.inventory.current.versionsById.has(armIdKey(addArg.versionId)), addArg.versionId);
    assert.equal(addArg.documentUri, missing.uri.toString());

    const low = await open('arm-replicas-low.pool.json', 'batchprodeast');
    await waitForCodes(low.uri, ['gallery-replicas-low'], 15_000);
    const raise = (await quickFixes(low, diagnostic(low.uri, 'gallery-replicas-low'))).find((a) => a.title === 'Raise the replica count in eastus to 3');
    assert.equal(raise?.command?.command, 'azureBatchImages.addGalleryReplica');
    assert.equal((raise.command.arguments?.[0] as { regionalReplicaCount: number }).regionalReplicaCount, 3);
  });

  it('infers the account from an ARM pool named account/pool and shows it in the CodeLens', async () => {
    const document = await open('arm-healthy.pool.json', undefined);
    // Forget a choice an earlier test made for this document, so the template's name decides.
    await vscode.commands.executeCommand('azureBatchImages.selectDocumentAccount', document.uri, null);
    const east = account('batchprodeast');
    await waitFor('the CodeLens naming batchprodeast', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
      return lenses.some((l) => l.command?.title === `Batch account: ${east.name} (${east.location}) · named in the template`);
    });
    await waitForCodes(document.uri, []);
  });

  it('hover on an image id shows its region, OS and the account fit', async () => {
    const document = await open('healthy-gallery.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, [], 15_000);
    const id = (JSON.parse(document.getText()) as { virtualMachineConfiguration: { imageReference: { virtualMachineImageId: string } } }).virtualMachineConfiguration
      .imageReference.virtualMachineImageId;
    const version = api.inventory.current.versionsById.get(armIdKey(id));
    assert.ok(version, 'the demo image version is not in the inventory');
    const at = rangeOf(document, JSON.stringify(id)).start.translate(0, 10);
    const text = await hoverAt(document, at);
    assert.match(text, /\*\*Gallery image version\*\*/);
    assert.ok(text.includes(`Region: \`${normalizeRegion(version.location)}\``), text);
    assert.ok(text.includes('Replicas: '), text);
    assert.ok(text.includes('Usable from Batch account `batchprodeast`'), text);
  });

  it('names the live pools sharing an image in the related information (managed-image-shared.pool.json)', async () => {
    const document = await open('managed-image-shared.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, ['image-shared-by-pools', 'managed-image-retired'], 15_000);
    const shared = diagnostic(document.uri, 'image-shared-by-pools');
    const related = shared.relatedInformation ?? [];
    for (const pool of ['pool-shared-a', 'pool-shared-b']) {
      const info = related.find((r) => r.message.includes(`'${pool}'`));
      assert.ok(info, `${pool} is not named in ${JSON.stringify(related.map((r) => r.message))}`);
      // A live pool has no document: the location is the finding itself, the message names the resource.
      assert.equal(info.location.uri.toString(), document.uri.toString());
      assert.ok(info.location.range.isEqual(shared.range));
      assert.match(info.message, /Microsoft\.Batch\/batchAccounts\/pools/);
    }
  });

  it('offers to migrate the live pools of the retired image from the file (managed-image-shared.pool.json)', async () => {
    const document = await open('managed-image-shared.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, ['image-shared-by-pools', 'managed-image-retired'], 15_000);
    const retired = diagnostic(document.uri, 'managed-image-retired');
    const action = (await quickFixes(document, retired)).find((a) => a.command?.command === 'azureBatchImages.migrateImage');
    assert.ok(action?.command, 'no Migrate… quick fix');
    assert.equal(action.title, 'Migrate the 2 live pools on this image to Azure Compute Gallery…');
    const imageId = (action.command.arguments?.[0] as { imageId: string }).imageId;
    assert.deepEqual(api.inventory.current.poolsByImageId(imageId).map((p) => p.name).sort(), ['pool-shared-a', 'pool-shared-b']);
  });

  it('checks a document against azureBatchImages.defaultBatchAccount when none was chosen', async () => {
    const east = account('batchprodeast');
    const pool = JSON.parse(readFileSync(join(workspaceFolder(), 'healthy-gallery.pool.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(workspaceFolder(), 'default-account.pool.json'), JSON.stringify({ ...pool, id: 'default-account' }, null, 2));
    const config = vscode.workspace.getConfiguration('azureBatchImages');
    await config.update('defaultBatchAccount', east.id, vscode.ConfigurationTarget.Global);
    try {
      const document = await open('default-account.pool.json', undefined);
      await waitForCodes(document.uri, [], 15_000);
      await waitFor('the CodeLens naming the default account', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
        return lenses.some((l) => l.command?.title === `Batch account: ${east.name} (${east.location}) · default setting`);
      });
      await config.update('defaultBatchAccount', undefined, vscode.ConfigurationTarget.Global);
      await waitForCodes(document.uri, ['account-not-selected']);
    } finally {
      await config.update('defaultBatchAccount', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('hover on a managed image shows its lineage with the deleted source (orphaned-source.pool.json)', async () => {
    const document = await open('orphaned-source.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, ['image-shared-by-pools', 'image-source-deleted', 'managed-image-retired'], 15_000);
    const text = await hoverAt(document, rangeOf(document, '/images/img-orphaned').start);
    assert.match(text, /\*\*Managed image\*\* `img-orphaned`/);
    assert.match(text, /Lineage: .*\*\*deleted\*\*/);
    assert.match(text, /Pools using it: .*`pool-orphaned-source`/);
  });

  it("hover and completion on the node agent SKU use the account's supported images", async () => {
    const document = await open('healthy-gallery.pool.json', 'batchprodeast');
    await supportedImagesLoaded();
    await waitForCodes(document.uri, [], 15_000);
    const text = await hoverAt(document, rangeOf(document, '"batch.node.ubuntu 22.04"').start.translate(0, 3));
    assert.match(text, /OS: Linux/);
    assert.match(text, /Verification: /);
    assert.match(text, /Batch support: /);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, rangeOf(document, '"batch.node.ubuntu 22.04"').start.translate(0, 1));
    const skus = list.items.map((i) => (typeof i.insertText === 'string' ? i.insertText : '')).filter((t) => t.startsWith('"batch.node.'));
    const linux = (account('batchprodeast').supportedImages ?? []).filter((s) => s.osType === 'Linux').map((s) => JSON.stringify(s.nodeAgentSkuId));
    assert.ok(skus.length > 0, 'no SKU offered');
    for (const sku of skus) assert.ok(linux.includes(sku), `${sku} is not a Linux SKU of the account`);
  });

  it("completion inside vmSize lists the sizes Batch supports in the account's region", async () => {
    const document = await open('healthy-gallery.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, [], 15_000);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, rangeOf(document, '"standard_d4s_v3"').start.translate(0, 1));
    const sizes = list.items.filter((i) => String(i.detail ?? '').includes('supported by Batch in eastus'));
    assert.ok(sizes.length > 0, `no VM size offered; got ${list.items.slice(0, 5).map((i) => String(typeof i.label === 'string' ? i.label : i.label.label)).join(', ')}`);
    for (const size of sizes) assert.match(String(size.insertText), /^"[A-Za-z0-9_]+"$/);
  });

  it('completion inside the image id lists image ids, those usable from the account first', async () => {
    const document = await open('healthy-gallery.pool.json', 'batchprodeast');
    await waitForCodes(document.uri, [], 15_000);
    const at = rangeOf(document, '"/subscriptions/').start.translate(0, 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const ids = list.items.map((i) => (typeof i.insertText === 'string' ? i.insertText : '')).filter((t) => t.startsWith('"/subscriptions/'));
    const inventory = api.inventory.current;
    for (const v of inventory.versionsReplicatedTo('eastus')) assert.ok(ids.includes(JSON.stringify(v.id)), `${v.id} missing from completion`);
    for (const image of inventory.snapshot.images) assert.ok(ids.includes(JSON.stringify(image.id)), `${image.id} missing from completion`);
    // Usable from batchprodeast (eastus): generalized gallery versions replicated there, managed images there.
    const usable = new Set([
      ...inventory.versionsReplicatedTo('eastus').filter((v) => inventory.definitionOf(v.id)?.osState === 'Generalized').map((v) => armIdKey(v.id)),
      ...inventory.imagesInRegion('eastus').map((i) => armIdKey(i.id)),
    ]);
    const firstGroup: string[] = [];
    const laterGroup: string[] = [];
    for (const item of list.items) {
      const text = typeof item.insertText === 'string' ? item.insertText : '';
      if (!text.startsWith('"/subscriptions/') || !item.sortText) continue;
      const id = armIdKey(JSON.parse(text) as string);
      // Definitions sort by their latest version; only versions and managed images are compared here.
      if (inventory.definitionsById.has(id)) continue;
      (item.sortText.startsWith('0-') ? firstGroup : laterGroup).push(id);
    }
    assert.ok(firstGroup.length > 0, 'no image sorts first');
    for (const id of firstGroup) assert.ok(usable.has(id), `${id} sorts first but is not usable from eastus`);
    // The rules' candidate list is capped at 20; below that, every usable image sorts first.
    if (firstGroup.length < 20) for (const id of laterGroup) assert.ok(!usable.has(id), `${id} is usable from eastus but does not sort first`);
  });
});
