// A migration's progress, saved in the extension's global state after every step so that a run
// interrupted anywhere (window closed, network lost, a step failed) resumes where it stopped.
// Together with what Azure itself holds (the version's tags, the replacement pool under its
// recorded name, checked before every write) a resumed run never creates anything twice.
import type * as vscode from 'vscode';
import { armIdKey } from '../../model';
import type { PoolMigrationMethod } from '../../rules';
import type { PublishState } from '../publishToGallery';

export interface PoolStep {
  poolId: string;
  poolName: string;
  accountId: string;
  method: PoolMigrationMethod;
  /** Why this method (shown in the plan). */
  reason: string;
  /** The replacement pool's id (method 'replace'), fixed when the plan is made. */
  replacementId?: string;
  /** The pool runs on the version: updated in place, or its replacement created. */
  switched: boolean;
  /** The replacement reached a steady state without resize errors. */
  steady: boolean;
  /** The old pool was deleted (after its own confirmation). */
  oldDeleted: boolean;
}

export interface MigrationRecord {
  imageId: string;
  imageName: string;
  startedAt: string;
  /** The version the pools move to: an existing one, or the one the publish step makes. */
  versionId: string;
  /** The wizard's answers when the version is to be published; absent when an existing version is reused. */
  publish?: PublishState;
  versionReady: boolean;
  pools: PoolStep[];
}

const PREFIX = 'azureBatchImages.migration:';

export class MigrationStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(imageId: string): MigrationRecord | undefined {
    return this.memento.get<MigrationRecord>(PREFIX + armIdKey(imageId));
  }

  save(record: MigrationRecord): Thenable<void> {
    return this.memento.update(PREFIX + armIdKey(record.imageId), record);
  }

  remove(imageId: string): Thenable<void> {
    return this.memento.update(PREFIX + armIdKey(imageId), undefined);
  }
}

/** Every pool is on the version and every replacement is steady (deleting old pools is optional). */
export function isComplete(record: MigrationRecord): boolean {
  return record.versionReady && record.pools.every((p) => p.switched && (p.method === 'update' || p.steady));
}
