// Segment-wise route matching. ARM paths are case-insensitive; captured values keep their case.
import type { Route } from './context';

interface Compiled {
  route: Route;
  segments: string[];
}

export class Router {
  private readonly routes: Compiled[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, segments: split(route.pattern) });
  }

  /** First matching route wins; `methodMismatch` tells a 405 from a 404. */
  match(method: string, path: string): { route?: Route; params: Record<string, string>; methodMismatch: boolean } {
    const parts = split(path);
    let methodMismatch = false;
    for (const c of this.routes) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      if (c.route.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { route: c.route, params, methodMismatch: false };
    }
    return { params: {}, methodMismatch };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    let value: string;
    try {
      value = decodeURIComponent(parts[i]);
    } catch {
      return undefined;
    }
    if (p.startsWith(':')) params[p.slice(1)] = value;
    else if (p.toLowerCase() !== value.toLowerCase()) return undefined;
  }
  return params;
}
