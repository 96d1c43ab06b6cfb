// Pure parts of the Resource Graph client: the KQL it sends, how subscriptions are grouped, how
// the quota headers read. No I/O, so they are unit-tested on their own.
import * as l10n from '@vscode/l10n';

/** Accepted in every cloud that has Resource Graph today (newer versions are not everywhere). */
export const RESOURCE_GRAPH_API_VERSION = '2022-10-01';
/** Azure accepts up to 1,000 subscriptions per query; its guidance is groups under 300. */
export const SUBSCRIPTIONS_PER_QUERY = 300;
/** The largest page Resource Graph returns. */
export const ROWS_PER_PAGE = 1000;

/**
 * Columns every inventory query projects: `id` first (paging needs it), then what the mappers
 * read. Not `subscriptionId` or `resourceGroup`: the mappers take both from the id, and every
 * column is paid for in every row of every page.
 */
export const INVENTORY_COLUMNS = ['id', 'name', 'type', 'location', 'managedBy', 'tags', 'properties'] as const;

export interface GraphQuerySpec {
  /** Resource types, any case (compared with `in~`). */
  types: readonly string[];
  /** Only these resource ids (`id in~ (...)`). */
  ids?: readonly string[];
}

/** KQL string literal: single quotes, with backslash and quote escaped. */
export function kqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function inList(column: string, values: readonly string[]): string {
  return `${column} in~ (${values.map(kqlString).join(', ')})`;
}

/**
 * The query for an inventory category: the types (and ids) asked for, the columns the mappers
 * need, ordered by id so that pages are stable.
 */
export function buildInventoryQuery(spec: GraphQuerySpec): string {
  if (spec.types.length === 0) throw new Error(l10n.t('A Resource Graph query needs at least one type.'));
  const where = [inList('type', spec.types.map((t) => t.toLowerCase()))];
  if (spec.ids) {
    if (spec.ids.length === 0) throw new Error(l10n.t('An id filter needs at least one id.'));
    where.push(inList('id', spec.ids));
  }
  return `Resources | where ${where.join(' and ')} | project ${INVENTORY_COLUMNS.join(', ')} | order by id asc`;
}

/**
 * The subscriptions Resource Graph can read for the caller. Azure leaves the resources of a
 * subscription it cannot read (no access, not indexed yet, another tenant) out of an answer
 * without saying so: a category's rows alone cannot tell "none" from "unreadable", so each load
 * asks for the subscriptions' own rows, and those missing are read from Resource Manager.
 */
export const READABLE_SUBSCRIPTIONS_QUERY = "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId | order by id asc";

/** Subscriptions in groups of at most `size` (deduplicated, case-insensitively). */
export function groupSubscriptions(subscriptionIds: readonly string[], size = SUBSCRIPTIONS_PER_QUERY): string[][] {
  const seen = new Set<string>();
  const unique = subscriptionIds.filter((s) => {
    const k = s.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const groups: string[][] = [];
  for (let i = 0; i < unique.length; i += size) groups.push(unique.slice(i, i + size));
  return groups;
}

/** `x-ms-user-quota-resets-after` (hh:mm:ss) in milliseconds; undefined when absent or malformed. */
export function parseResetsAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return undefined;
  return Math.round(((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000);
}

/** `Retry-After` (seconds or an HTTP date) in milliseconds. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * What the client knows of the caller's quota: queries left in the window and when it resets.
 * Queries wait for the reset rather than spend a request on a certain 429.
 */
export class QuotaGate {
  private remaining: number | undefined;
  private resetAt = 0;
  private inFlight = 0;
  /** Pages queries have committed to (see commit) and not sent yet. */
  private committed = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * How long a new query (a page: every page counts against the quota) should wait before it is
   * sent (0: now). Reserves a slot when it returns 0. `committedPage`: a page counted by
   * commit() earlier, which other queries' pages already leave room for.
   */
  reserve(committedPage = false): number {
    const t = this.now();
    if (this.remaining !== undefined && t >= this.resetAt) this.remaining = undefined;
    const held = committedPage ? 0 : this.committed;
    if (this.remaining !== undefined && this.remaining - this.inFlight - held <= 0) return Math.max(1, this.resetAt - t);
    if (committedPage && this.committed > 0) this.committed--;
    this.inFlight++;
    return 0;
  }

  /** A reserved query was answered: learn from its headers. */
  settle(headers: { remaining?: string; resetsAfter?: string }): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const remaining = headers.remaining === undefined ? NaN : Number(headers.remaining);
    const resetsAfter = parseResetsAfter(headers.resetsAfter);
    if (Number.isFinite(remaining) && resetsAfter !== undefined) {
      this.remaining = remaining;
      this.resetAt = this.now() + resetsAfter;
    }
  }

  /** Queries the caller may still send in this window, net of committed pages (undefined: not known yet). */
  available(): number | undefined {
    if (this.remaining === undefined || this.now() >= this.resetAt) return undefined;
    return Math.max(0, this.remaining - this.inFlight - this.committed);
  }

  /**
   * Counts pages a query is about to send, so others see less left. Kept apart from `remaining`:
   * the next answer's headers replace `remaining` but know nothing of pages not sent yet.
   */
  commit(queries: number): void {
    this.committed += queries;
  }

  /** A committed page that will not be sent after all (its query failed). */
  release(queries: number): void {
    this.committed = Math.max(0, this.committed - queries);
  }

  /** A 429: nothing is left until `retryAfterMs` has passed. */
  exhausted(retryAfterMs: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.remaining = 0;
    this.resetAt = Math.max(this.resetAt, this.now() + retryAfterMs);
  }
}
