// Expected counts of the demo scenario, read from the scenario file itself so the tests follow
// the simulator's data instead of copying numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ScenarioFile {
  subscriptions: { subscriptionId: string }[];
  resources: { id: string }[];
}

export type Kind =
  | 'images'
  | 'snapshots'
  | 'disks'
  | 'virtualMachines'
  | 'galleries'
  | 'galleryImageDefinitions'
  | 'galleryImageVersions'
  | 'batchAccounts'
  | 'pools'
  | 'vmExtensions';

function kindOf(id: string): Kind | undefined {
  const types = id.split('/').slice(7).filter((_, i) => i % 2 === 0).join('/').toLowerCase();
  const map: Record<string, Kind> = {
    images: 'images',
    snapshots: 'snapshots',
    disks: 'disks',
    virtualmachines: 'virtualMachines',
    'virtualmachines/extensions': 'vmExtensions',
    galleries: 'galleries',
    'galleries/images': 'galleryImageDefinitions',
    'galleries/images/versions': 'galleryImageVersions',
    batchaccounts: 'batchAccounts',
    'batchaccounts/pools': 'pools',
  };
  return map[types];
}

export function scenarioCounts(name: string): { subscriptions: string[]; counts: Record<Kind, number>; ids: Record<Kind, string[]> } {
  // Tests run from out/test/unit/inventory; scenario JSON is copied next to the simulator code.
  const file = join(__dirname, '..', '..', 'simulator', 'scenarios', `${name}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as ScenarioFile;
  const counts = {} as Record<Kind, number>;
  const ids = {} as Record<Kind, string[]>;
  for (const r of data.resources) {
    const k = kindOf(r.id);
    if (!k) continue;
    counts[k] = (counts[k] ?? 0) + 1;
    (ids[k] ??= []).push(r.id);
  }
  return { subscriptions: data.subscriptions.map((s) => s.subscriptionId), counts, ids };
}
