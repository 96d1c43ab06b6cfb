// The round-trip lower bound of an inventory load: the longest chain of requests that must
// follow one another (each needs the previous one's answer), times the per-request latency.
// Derived from the scenario's shape and the loader's dependency graph; bench/README.md explains it.
import { LARGE_COUNTS } from '../simulator/scenarios/large';

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
    supportedImages: [
      { what: 'Batch accounts list', requests: pages(perSub(C.accounts), pageSize) },
      { what: 'Batch data-plane token', requests: 1 },
      { what: 'supported images of an account', requests: 1 },
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
