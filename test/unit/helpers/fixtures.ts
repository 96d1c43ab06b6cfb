// A small, healthy world: account 'acct' in eastus, managed image imgA (from an existing snapshot),
// gallery definition 'def' with version 1.0.0 replicated to East US. Tests break one thing at a time.
import { emptyInventorySnapshot, indexInventory, type Inventory, type InventorySnapshot } from '../../../src/model';
import { account, galleryDefinition, galleryVersion, image, snapshot, subscription } from './inventoryBuilder';

export const ACCT = account('acct');
export const IMG_A = image('imgA');
export const SNAP_A = snapshot('imgA-os');
export const DEF = galleryDefinition('def');
export const VER = galleryVersion(DEF, '1.0.0');

/** The healthy world's data; lists given in `replace` replace the defaults. */
export function worldData(replace: Partial<InventorySnapshot> = {}): InventorySnapshot {
  return {
    ...emptyInventorySnapshot(),
    subscriptions: [subscription()],
    images: [IMG_A],
    snapshots: [SNAP_A],
    galleryImageDefinitions: [DEF],
    galleryImageVersions: [VER],
    batchAccounts: [ACCT],
    ...replace,
  };
}

export function world(replace: Partial<InventorySnapshot> = {}): Inventory {
  return indexInventory(worldData(replace));
}
