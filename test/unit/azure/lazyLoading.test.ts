// Loading the access layer and the inventory must not load any Azure SDK (activation cost):
// SDKs are imported by the first call that needs them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('lazy SDK loading', () => {
  it('requiring src/azure and src/inventory loads no @azure package and no vscode', () => {
    // A fresh process, so modules other tests loaded do not count.
    const out = join(__dirname, '..', '..', '..', 'src');
    const script = `
      require(${JSON.stringify(join(out, 'azure', 'index.js'))});
      require(${JSON.stringify(join(out, 'inventory', 'index.js'))});
      const loaded = Object.keys(require.cache).filter((p) => /node_modules[\\\\/](@azure|@microsoft|vscode)/.test(p));
      process.stdout.write(JSON.stringify(loaded));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});
