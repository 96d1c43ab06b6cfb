// Fresh state, read from Resource Manager right before a destructive guard or a write: never from
// Azure Resource Graph's index (seconds to minutes behind) nor from the inventory loaded earlier.
// Every guard ("pools still use this image") and every write's target (the resource about to be
// deleted or changed) goes through this one helper, so none of them judges on a stale list.
import { armIdKey, parseImageId, type LivePool } from '../model';
import { listBatchAccounts, listPools } from './batchRead';
import { getPool, poolParts } from './batchWrite';
import type { AzureClients } from './clients';
import { isNotFound } from './errors';
import { getResourceFresh, type FreshResource } from './resourceRead';

/** What to read fresh. */
export type FreshRequest =
  /** A write's target: an image, snapshot, disk, gallery definition or version (undefined: gone). */
  | { resource: string }
  /** A pool (undefined: gone). */
  | { pool: string }
  /**
   * Every pool that names this image, from the Batch accounts Resource Manager lists now and each
   * account's pools. A managed image: its own subscription's accounts (Batch takes a managed image
   * only from the account's own subscription). A gallery definition or version: the accounts of
   * every subscription in `subscriptionIds`, by default the selected subscriptions as the
   * connection lists them now, and of the gallery's own, since a pool in any subscription the
   * gallery is shared with may use it. A definition also counts the pools naming its versions.
   */
  | { poolsUsingImage: string; subscriptionIds?: readonly string[] };

export function readFresh(clients: AzureClients, request: { resource: string }, signal?: AbortSignal): Promise<FreshResource | undefined>;
export function readFresh(clients: AzureClients, request: { pool: string }, signal?: AbortSignal): Promise<LivePool | undefined>;
export function readFresh(clients: AzureClients, request: { poolsUsingImage: string; subscriptionIds?: readonly string[] }, signal?: AbortSignal): Promise<LivePool[]>;
export async function readFresh(clients: AzureClients, request: FreshRequest, signal?: AbortSignal): Promise<FreshResource | LivePool | LivePool[] | undefined> {
  if ('resource' in request) return getResourceFresh(clients, request.resource, signal);
  if ('pool' in request) {
    const { accountId, poolName } = poolParts(request.pool);
    try {
      return await getPool(clients, accountId, poolName, { signal });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
  const image = parseImageId(request.poolsUsingImage);
  if (!image) return [];
  const gallery = image.kind !== 'managedImage';
  const subscriptions = new Map<string, string>([[image.subscriptionId.toLowerCase(), image.subscriptionId]]);
  if (gallery) {
    const selected = request.subscriptionIds ?? (await selectedSubscriptions(clients, signal));
    for (const s of selected) if (!subscriptions.has(s.toLowerCase())) subscriptions.set(s.toLowerCase(), s);
  }
  // An unreadable subscription fails the guard rather than passing it as "no pools there".
  const accounts = (await Promise.all([...subscriptions.values()].map((s) => listBatchAccounts(clients, s, signal)))).flat();
  const pools = await Promise.all(
    accounts.map((a) =>
      listPools(clients, a.id, signal).catch((e: unknown) => {
        // An account deleted between the two lists has no pools left.
        if (isNotFound(e)) return [];
        throw e;
      }),
    ),
  );
  const versionsOf = image.kind === 'galleryImageDefinition' ? `${image.key}/versions/` : undefined;
  const uses = (imageId: string): boolean => {
    const key = armIdKey(imageId);
    return key === image.key || (versionsOf !== undefined && key.startsWith(versionsOf));
  };
  return pools.flat().filter((p) => p.imageId !== undefined && uses(p.imageId));
}

/** The subscriptions the connection lists now (in the extension: the selected ones). */
async function selectedSubscriptions(clients: AzureClients, signal?: AbortSignal): Promise<string[]> {
  const subs = await clients.connection.listSubscriptions(signal);
  for (const s of subs) if (s.tenantId) clients.rememberTenant(s.subscriptionId, s.tenantId);
  return subs.map((s) => s.subscriptionId);
}
