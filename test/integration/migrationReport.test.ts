// Show Migration Report… on the demo: exactly the pools on managed images / VHD-blob images (compared
// with the inventory), the workspace's pool files naming such images, links that reveal the pool
// in the explorer and open the file at the line, and the three exports.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { armIdKey } from '../../src/model';
import type { ShownReport } from '../../src/commands/migrate/showMigrationReport';
import { parsePoolDocument } from '../../src/pooljson';
import type { MigrationReport } from '../../src/rules';
import { waitFor } from './helpers/waitFor';
import { answer, runScripted, selectedId } from './support/userInput';
import { signedInDemoSuite } from './support/demoSuite';

const SHOW = 'azureBatchImages.showMigrationReport';
const EXPORT = 'azureBatchImages.exportMigrationReport';

/** Every `command:` link of the page, decoded. */
function links(html: string): { command: string; args: unknown[] }[] {
  return [...html.matchAll(/href="command:([^"?]+)\?([^"]*)"/g)].map((m) => ({
    command: m[1],
    args: JSON.parse(decodeURIComponent(m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'"))) as unknown[],
  }));
}

describe('Migration report', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  signedInDemoSuite((signedIn) => (api = signedIn));

  it('lists exactly the pools whose image is a managed image, grouped by that image', async () => {
    const shown = await vscode.commands.executeCommand<ShownReport>(SHOW);
    const expected = api.inventory.current.snapshot.pools
      .filter((p) => /\/providers\/Microsoft\.Compute\/images\/[^/]+$/i.test(p.imageId ?? ''))
      .map((p) => armIdKey(p.id))
      .sort();
    assert.ok(expected.length > 0);
    const listed = shown.report.images.flatMap((g) => g.pools.map((p) => armIdKey(p.poolId))).sort();
    assert.deepEqual(listed, expected);
    for (const g of shown.report.images) {
      for (const p of g.pools) assert.equal(armIdKey(api.inventory.current.poolsById.get(armIdKey(p.poolId))?.imageId ?? ''), armIdKey(g.imageId));
    }
    assert.equal(shown.report.totals.pools, expected.length);
    // The explorer's top node counts the same pools and opens this report.
    const top = api.explorer.provider.getChildren()[0];
    const item = api.explorer.provider.getTreeItem(top);
    assert.equal(item.label, `${expected.length} pools on retired images`);
    assert.equal(item.command?.command, SHOW);
  });

  it('lists the workspace pool files that name a managed image, at the line of the image id', async () => {
    const shown = await vscode.commands.executeCommand<ShownReport>(SHOW);
    assert.ok(shown.files.some((f) => f.path.endsWith('region-mismatch.pool.json')), shown.files.map((f) => f.path).join(', '));
    // Exactly the pools of the workspace's pool files whose image is a managed image (read here from disk).
    const expected: string[] = [];
    for (const uri of await vscode.workspace.findFiles('**/*.pool.json')) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      for (const spec of parsePoolDocument(text).specs) {
        if (/\/providers\/Microsoft\.Compute\/images\/[^/]+$/i.test(spec.imageId?.value ?? '')) expected.push(`${uri.toString()} ${spec.imageId?.value ?? ''}`);
      }
    }
    assert.deepEqual(shown.files.map((f) => `${f.uri} ${f.imageId}`).sort(), expected.sort());
    for (const f of shown.files) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(f.uri));
      assert.ok(document.lineAt(f.line - 1).text.includes(f.imageId), `${f.path}:${f.line} names ${f.imageId}`);
      assert.match(f.imageId, /\/providers\/Microsoft\.Compute\/images\//i);
    }
  });

  it("links each row to its pool in the explorer and each file row to the file's line", async () => {
    const shown = await vscode.commands.executeCommand<ShownReport>(SHOW);
    assert.match(shown.html, /Content-Security-Policy" content="default-src 'none'; style-src [^;]+; script-src 'nonce-/);
    // Counts read "1 pool", "1 replica": never a plural noun after 1.
    assert.doesNotMatch(shown.html, /\b1 (pools|images|accounts|replicas|nodes)\b/);
    assert.match(shown.html, /\(1 replica for \d+ nodes?\)/);
    const all = links(shown.html);
    const pool = shown.report.images.find((g) => g.imageName === 'img-ubuntu-v1')?.pools[0];
    assert.ok(pool);
    const reveal = all.find((l) => l.command === 'azureBatchImages.revealResource' && l.args[0] === pool.poolId);
    assert.ok(reveal, 'the pool row links to its node');
    await vscode.commands.executeCommand(reveal.command, ...reveal.args);
    await waitFor('the pool selected in the explorer', () => armIdKey(selectedId(api) ?? '') === armIdKey(pool.poolId), { describe: () => String(selectedId(api)) });

    // Every file row links to its file at its line.
    for (const f of shown.files) assert.ok(all.some((l) => l.command === 'azureBatchImages.openPoolFile' && l.args[0] === f.uri && l.args[1] === f.line), `${f.path}:${f.line}`);
    const file = shown.files[0];
    const open = all.find((l) => l.command === 'azureBatchImages.openPoolFile' && l.args[0] === file.uri);
    assert.ok(open, 'the file row links to the file');
    await vscode.commands.executeCommand(open.command, ...open.args);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), file.uri);
    assert.equal(editor?.selection.active.line, file.line - 1);
    // Each image section offers Migrate… for its image.
    for (const g of shown.report.images) assert.ok(all.some((l) => l.command === 'azureBatchImages.migrateImage' && (l.args[0] as { imageId: string }).imageId === g.imageId), g.imageName);
  });

  it('takes the file rows from the workspace pool index, which follows files written and deleted', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const image = '/subscriptions/11111111-aaaa-4bbb-8ccc-000000000001/resourceGroups/rg-images/providers/Microsoft.Compute/images/img-it-added';
    const target = vscode.Uri.joinPath(folder, 'it-added-retired.pool.json');
    const text = JSON.stringify({ id: 'it-added', vmSize: 'Standard_D2s_v5', virtualMachineConfiguration: { imageReference: { virtualMachineImageId: image }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' } }, null, 2);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    try {
      const row = await waitFor('the new file in the report', async () => (await vscode.commands.executeCommand<ShownReport>(SHOW)).files.find((f) => f.uri === target.toString()), { timeoutMs: 20_000, intervalMs: 250 });
      assert.deepEqual([row.path, row.line, row.poolName, row.imageId], ['it-added-retired.pool.json', 6, 'it-added', image]);
    } finally {
      await vscode.workspace.fs.delete(target);
    }
    await waitFor('the deleted file gone from the report', async () => !(await vscode.commands.executeCommand<ShownReport>(SHOW)).files.some((f) => f.uri === target.toString()), { timeoutMs: 20_000, intervalMs: 250 });
  });

  it('exports Markdown, CSV and JSON of the same report', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const shown = await vscode.commands.executeCommand<ShownReport>(SHOW);
    for (const format of ['md', 'csv', 'json'] as const) {
      const target = vscode.Uri.joinPath(folder, `it-report.${format}`);
      const { result } = await runScripted<vscode.Uri>(api, EXPORT, [answer.save('Export Migration Report', target)], format);
      assert.equal(result.toString(), target.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      await vscode.workspace.fs.delete(target);
      if (format === 'json') {
        const exported = JSON.parse(text) as MigrationReport;
        assert.deepEqual(exported.totals, shown.report.totals);
        assert.deepEqual(exported.images.map((g) => g.imageId), shown.report.images.map((g) => g.imageId));
      } else if (format === 'csv') {
        assert.equal(text.trimEnd().split('\r\n').length, shown.report.totals.pools + 1);
      } else {
        for (const g of shown.report.images) assert.ok(text.includes(`## ${g.imageName}`), g.imageName);
        for (const f of shown.files) assert.ok(text.includes(`${f.path}:${f.line}`), f.path);
      }
    }
  });
});
