// Offset-based paging with ARM's `nextLink` / the data plane's `odata.nextLink`.
// The skip token is an offset; the rest of the query (api-version, filters) is carried over.
import type { SimRequest } from './context';
import type { JsonValue } from './json';

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

export function paginate<T>(req: SimRequest, all: T[], pageSizeOverride?: number): Page<T> {
  const offset = Math.max(0, Number.parseInt(req.query.get('$skiptoken') ?? '0', 10) || 0);
  const size = Math.max(1, pageSizeOverride ?? req.sim.options.pageSize);
  const items = all.slice(offset, offset + size);
  if (offset + size >= all.length) return { items };
  const next = new URL(req.baseUrl + req.url.pathname);
  for (const [k, v] of req.query) if (k !== '$skiptoken') next.searchParams.append(k, v);
  next.searchParams.set('$skiptoken', String(offset + size));
  // Azure writes the parameter as a literal `$skiptoken`; URLSearchParams would escape the `$`.
  return { items, nextLink: next.toString().replace('%24skiptoken=', '$skiptoken=') };
}

export function armPage(req: SimRequest, all: JsonValue[]): JsonValue {
  const page = paginate(req, all);
  return page.nextLink ? { value: page.items, nextLink: page.nextLink } : { value: page.items };
}
