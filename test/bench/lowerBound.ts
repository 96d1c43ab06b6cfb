// The round-trip lower bound of an inventory load: the longest chain of requests that must
// follow one another (each needs the previous one's answer), times the per-request latency.
// Derived from the scenario's shape and the loader's dependency graph; bench/README.md explains it.
// Supported images (Batch data plane) are not part of a load: they are read per account on first need.
import { LARGE_COUNTS } from '../simulator/scenarios/large';
import { ENTERPRISE_COUNTS } from '../simulator/scenarios/enterprise';

export interface ChainStep {
  what: string;
  requests: number;
}

export interface LowerBound {
  chain: ChainStep[];
  /** Requests on the longest chain. */
  length: number;
  ms: number;
  /** The other chains, for the table (their lengths). */
  others: Record<string, number>;
}

const pages = (items: number, pageSize: number): number => Math.max(1, Math.ceil(items / pageSize));

/**
 * @param tokenRequests requests before the first ARM call can be made (Entra ID discovery and the
 *   token itself), read from the simulator's counters of a run: they precede everything.
 */
export function largeScenarioLowerBound(pageSize: number, latencyMs: number, tokenRequests: number): LowerBound {
  const C = LARGE_COUNTS;
  // Resources are spread round-robin over the subscriptions: the first one holds the most.
  const perSub = (n: number): number => Math.ceil(n / C.subscriptions);
  const prefix: ChainStep[] = [
    { what: 'Entra ID token (discovery + token)', requests: tokenRequests },
    { what: 'subscriptions list', requests: 1 },
  ];
  const chains: Record<string, ChainStep[]> = {
    images: [{ what: `images list, ${perSub(C.images)} in one subscription, nextLink pages`, requests: pages(perSub(C.images), pageSize) }],
    snapshots: [{ what: 'snapshots list pages', requests: pages(perSub(C.snapshots), pageSize) }],
    galleries: [
      { what: 'galleries list', requests: pages(perSub(C.galleries), pageSize) },
      { what: 'definitions of a gallery', requests: pages(C.definitionsPerGallery, pageSize) },
      { what: 'versions of a definition', requests: pages(C.versionsPerDefinition, pageSize) },
    ],
    batch: [
      { what: 'Batch accounts list', requests: pages(perSub(C.accounts), pageSize) },
      { what: 'pools of an account', requests: pages(C.poolsPerAccount, pageSize) },
    ],
  };
  const lengthOf = (steps: ChainStep[]): number => steps.reduce((n, s) => n + s.requests, 0);
  let longest = 'images';
  for (const name of Object.keys(chains)) if (lengthOf(chains[name]) > lengthOf(chains[longest])) longest = name;
  const chain = [...prefix, ...chains[longest]];
  const length = lengthOf(chain);
  const others = Object.fromEntries(Object.entries(chains).map(([k, v]) => [k, lengthOf(prefix) + lengthOf(v)]));
  return { chain, length, ms: length * latencyMs, others };
}

/** The shape of a generated scenario, per subscription, for the bounds below. */
export interface ScenarioShape {
  subscriptions: number;
  imagesPerSubscription: number;
  snapshotsPerSubscription: number;
  disksPerSubscription: number;
  vmsPerSubscription: number;
  galleriesPerSubscription: number;
  definitionsPerGallery: number;
  versionsPerDefinition: number;
  accountsPerSubscription: number;
  poolsPerAccount: number;
  /** Exact totals where resources do not divide evenly over the subscriptions (for query counts). */
  totals?: Partial<Record<keyof GraphServed, number>>;
}

export const LARGE_SHAPE: ScenarioShape = {
  subscriptions: LARGE_COUNTS.subscriptions,
  imagesPerSubscription: Math.ceil(LARGE_COUNTS.images / LARGE_COUNTS.subscriptions),
  snapshotsPerSubscription: Math.ceil(LARGE_COUNTS.snapshots / LARGE_COUNTS.subscriptions),
  disksPerSubscription: 0,
  vmsPerSubscription: 0,
  galleriesPerSubscription: Math.ceil(LARGE_COUNTS.galleries / LARGE_COUNTS.subscriptions),
  definitionsPerGallery: LARGE_COUNTS.definitionsPerGallery,
  versionsPerDefinition: LARGE_COUNTS.versionsPerDefinition,
  accountsPerSubscription: Math.ceil(LARGE_COUNTS.accounts / LARGE_COUNTS.subscriptions),
  poolsPerAccount: LARGE_COUNTS.poolsPerAccount,
  totals: { images: LARGE_COUNTS.images, snapshots: LARGE_COUNTS.snapshots },
};

/** Categories that can come from Resource Graph, and whether a load served each from there. */
export type GraphServed = Partial<
  Record<'images' | 'snapshots' | 'disks' | 'virtualMachines' | 'galleries' | 'galleryImageDefinitions' | 'galleryImageVersions' | 'batchAccounts', boolean>
>;

/** The categories Resource Graph answers with one shared query (src/inventory/graphSource.ts, GRAPH_PLAN). */
const SHARED: ReadonlyArray<keyof GraphServed> = ['disks', 'virtualMachines', 'galleries', 'galleryImageDefinitions', 'galleryImageVersions'];
/** Those with a query of their own. */
const OWN = ['images', 'snapshots', 'batchAccounts'] as const;

/** Rows per subscription of each category in a scenario of this shape. */
function rowsPerSubscription(S: ScenarioShape): Record<keyof GraphServed, number> {
  return {
    images: S.imagesPerSubscription,
    snapshots: S.snapshotsPerSubscription,
    disks: S.disksPerSubscription,
    virtualMachines: S.vmsPerSubscription,
    galleries: S.galleriesPerSubscription,
    galleryImageDefinitions: S.galleriesPerSubscription * S.definitionsPerGallery,
    galleryImageVersions: S.galleriesPerSubscription * S.definitionsPerGallery * S.versionsPerDefinition,
    batchAccounts: S.accountsPerSubscription,
  };
}

/**
 * Resource Graph queries a load sends when the given categories come from there: which
 * subscriptions it can read (1), the shared query's pages (⌈its rows / 1,000⌉, every group of
 * 300 subscriptions), and each of images, snapshots and Batch accounts its pages. A category that fell back
 * still cost its query's first page, counted with `firstPagesOfFallbacks`.
 */
export function graphQueriesFor(shape: ScenarioShape, graph: GraphServed, firstPagesOfFallbacks: ReadonlyArray<(typeof OWN)[number]> = []): number {
  const rows = rowsPerSubscription(shape);
  const groups: number[] = [];
  for (let left = shape.subscriptions; left > 0; left -= 300) groups.push(Math.min(300, left));
  // Rows of a group of subscriptions: the exact total when the shape has one (one group), else per subscription x subscriptions.
  const rowsOf = (c: keyof GraphServed, subs: number): number => (groups.length === 1 && shape.totals?.[c] !== undefined ? shape.totals[c] : rows[c] * subs);
  const pagesOf = (categories: ReadonlyArray<keyof GraphServed>): number =>
    groups.reduce((n, subs) => n + pages(categories.reduce((r, c) => r + rowsOf(c, subs), 0), 1000), 0);
  const shared = SHARED.filter((c) => graph[c]);
  let queries = 0;
  if (shared.length > 0) queries += pagesOf(shared);
  for (const c of OWN) {
    if (graph[c]) queries += pagesOf([c]);
    else if (firstPagesOfFallbacks.includes(c)) queries += groups.length;
  }
  return queries > 0 ? queries + groups.length : 0;
}

/**
 * The round-trip bound of a load whose categories come from the given sources: a category from
 * Resource Graph is part of a query over every subscription (groups of 300): its first page of
 * 1,000, then every other page side by side ($skip), and needs no parent list; the smaller
 * categories share one query, so their chain counts the pages of all their rows together. One
 * from Resource Manager is a list per subscription (or per parent), its pages of `pageSize` one
 * after another.
 */
export function lowerBoundFor(shape: ScenarioShape, graph: GraphServed, pageSize: number, latencyMs: number, tokenRequests: number): LowerBound {
  const rows = rowsPerSubscription(shape);
  const sharedRows = SHARED.filter((c) => graph[c]).reduce((n, c) => n + rows[c], 0);
  // The first page's totalRecords says where the others start: they go out side by side ($skip).
  const graphPages = (perSub: number): number => Math.min(2, pages(perSub * Math.min(shape.subscriptions, 300), 1000));
  const step = (what: string, perSub: number, category: keyof GraphServed, perParent = false): ChainStep =>
    graph[category]
      ? { what: `${what} (Resource Graph${SHARED.includes(category) ? ', shared query' : ''}: first page, then the others side by side)`, requests: graphPages(SHARED.includes(category) ? sharedRows : perSub) }
      : { what: `${what} (Resource Manager${perParent ? ', per parent' : ''})`, requests: pages(perSub, pageSize) };
  const prefix: ChainStep[] = [
    { what: 'Entra ID token (discovery + token)', requests: tokenRequests },
    { what: 'subscriptions list', requests: 1 },
  ];
  const S = shape;
  const chains: Record<string, ChainStep[]> = {
    images: [step('images', S.imagesPerSubscription, 'images')],
    snapshots: [step('snapshots', S.snapshotsPerSubscription, 'snapshots')],
    disks: [step('disks', S.disksPerSubscription, 'disks')],
    virtualMachines: [step('VMs', S.vmsPerSubscription, 'virtualMachines')],
    galleries: graph.galleryImageVersions
      ? [step('versions', rows.galleryImageVersions, 'galleryImageVersions')]
      : [
          step('galleries', S.galleriesPerSubscription, 'galleries'),
          ...(graph.galleryImageDefinitions ? [] : [step('definitions of a gallery', S.definitionsPerGallery, 'galleryImageDefinitions', true)]),
          step('versions of a definition', S.versionsPerDefinition, 'galleryImageVersions', true),
        ],
    definitions: [step('definitions', rows.galleryImageDefinitions, 'galleryImageDefinitions')],
    batch: [step('Batch accounts', S.accountsPerSubscription, 'batchAccounts'), { what: 'pools of an account', requests: pages(S.poolsPerAccount, pageSize) }],
  };
  const lengthOf = (steps: ChainStep[]): number => steps.reduce((n, s) => n + s.requests, 0);
  let longest = 'images';
  for (const name of Object.keys(chains)) if (lengthOf(chains[name]) > lengthOf(chains[longest])) longest = name;
  const chain = [...prefix, ...chains[longest]];
  const length = lengthOf(chain);
  const others = Object.fromEntries(Object.entries(chains).map(([k, v]) => [k, lengthOf(prefix) + lengthOf(v)]));
  return { chain, length, ms: length * latencyMs, others };
}

export const ENTERPRISE_SHAPE: ScenarioShape = {
  subscriptions: ENTERPRISE_COUNTS.subscriptions,
  imagesPerSubscription: ENTERPRISE_COUNTS.imagesPerSubscription,
  snapshotsPerSubscription: ENTERPRISE_COUNTS.snapshotsPerSubscription,
  disksPerSubscription: ENTERPRISE_COUNTS.disksPerSubscription,
  vmsPerSubscription: ENTERPRISE_COUNTS.vmsPerSubscription,
  galleriesPerSubscription: ENTERPRISE_COUNTS.galleriesPerSubscription,
  definitionsPerGallery: ENTERPRISE_COUNTS.definitionsPerGallery,
  versionsPerDefinition: ENTERPRISE_COUNTS.versionsPerDefinition,
  accountsPerSubscription: ENTERPRISE_COUNTS.accountsPerSubscription,
  poolsPerAccount: ENTERPRISE_COUNTS.poolsPerAccount,
};
