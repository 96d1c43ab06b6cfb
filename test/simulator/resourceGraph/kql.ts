// The subset of KQL (Kusto Query Language) the extension sends to Azure Resource Graph, parsed
// strictly: anything outside it is an InvalidQuery, never a silent wrong answer.
//
//   Resources | ResourceContainers     (ResourceContainers: the subscription rows only)
//   | where <term> (and <term>)*        term: <column> in~ ('a', 'b', ...)  |  <column> =~ 'a'
//   | project <column> (, <column>)*
//   | order by id asc                    (also `sort by`, `desc`)
//
// Operators may appear in any order after the table, each at most once except `where`.
import type { JsonObject, JsonValue } from '../json';

/** Columns of the Resources table the simulator fills (Azure's names and casing). */
export const RESOURCE_COLUMNS = [
  'id', 'name', 'type', 'tenantId', 'kind', 'location', 'resourceGroup', 'subscriptionId', 'managedBy', 'sku', 'plan', 'properties', 'tags', 'identity', 'zones', 'extendedLocation',
] as const;
const COLUMN_BY_LOWER = new Map<string, string>(RESOURCE_COLUMNS.map((c) => [c.toLowerCase(), c]));
/** Columns a `where` may compare (strings). */
const FILTERABLE = new Set(['id', 'name', 'type', 'location', 'resourceGroup', 'subscriptionId', 'kind', 'tenantId']);

export interface Condition {
  column: string;
  /** Case-insensitive set membership (`in~`) or equality (`=~`, one value). */
  values: string[];
}

export interface ParsedQuery {
  table: 'Resources' | 'ResourceContainers';
  conditions: Condition[];
  /** Undefined: every column. */
  project?: string[];
  order?: { column: string; descending: boolean };
}

export class QueryError extends Error {}

type Token = { kind: 'word' | 'string' | 'symbol'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += text[j++];
      }
      if (j >= text.length) throw new QueryError(`Unterminated string literal at position ${i}.`);
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
      continue;
    }
    const two = text.slice(i, i + 3);
    if (two === 'in~') {
      tokens.push({ kind: 'symbol', text: 'in~' });
      i += 3;
      continue;
    }
    if (text.slice(i, i + 2) === '=~') {
      tokens.push({ kind: 'symbol', text: '=~' });
      i += 2;
      continue;
    }
    if ('|(),'.includes(c)) {
      tokens.push({ kind: 'symbol', text: c });
      i++;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) throw new QueryError(`Unexpected character '${c}' at position ${i}.`);
    tokens.push({ kind: 'word', text: m[0] });
    i += m[0].length;
  }
  return tokens;
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(what: string): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new QueryError(`Expected ${what} but the query ended.`);
    return t;
  }
  expect(kind: Token['kind'], text?: string): Token {
    const t = this.next(text ? `'${text}'` : kind);
    if (t.kind !== kind || (text !== undefined && t.text.toLowerCase() !== text.toLowerCase())) throw new QueryError(`Expected ${text ? `'${text}'` : kind} but found '${t.text}'.`);
    return t;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

function column(c: Cursor, filterable: boolean): string {
  const t = c.expect('word');
  const name = COLUMN_BY_LOWER.get(t.text.toLowerCase());
  // KQL column names are case-sensitive.
  if (!name || name !== t.text) throw new QueryError(`Unknown column '${t.text}'.`);
  if (filterable && !FILTERABLE.has(name)) throw new QueryError(`Column '${name}' cannot be compared in this query.`);
  return name;
}

function condition(c: Cursor): Condition {
  const col = column(c, true);
  const op = c.next("'in~' or '=~'");
  if (op.kind === 'symbol' && op.text === '=~') return { column: col, values: [c.expect('string').text] };
  if (op.kind === 'symbol' && op.text === 'in~') {
    c.expect('symbol', '(');
    const values: string[] = [];
    for (;;) {
      values.push(c.expect('string').text);
      const t = c.next("',' or ')'");
      if (t.kind === 'symbol' && t.text === ')') break;
      if (!(t.kind === 'symbol' && t.text === ',')) throw new QueryError(`Expected ',' or ')' but found '${t.text}'.`);
    }
    return { column: col, values };
  }
  throw new QueryError(`Unsupported operator '${op.text}'.`);
}

export function parseQuery(text: string): ParsedQuery {
  const c = new Cursor(tokenize(text));
  const table = c.expect('word');
  if (table.text !== 'Resources' && table.text !== 'ResourceContainers') throw new QueryError(`Unknown table '${table.text}'.`);
  const q: ParsedQuery = { table: table.text, conditions: [] };
  while (!c.done()) {
    c.expect('symbol', '|');
    const op = c.expect('word').text;
    if (op === 'where') {
      q.conditions.push(condition(c));
      while (c.peek()?.kind === 'word' && c.peek()?.text === 'and') {
        c.next('and');
        q.conditions.push(condition(c));
      }
    } else if (op === 'project') {
      if (q.project) throw new QueryError('Only one project operator is supported.');
      q.project = [column(c, false)];
      while (c.peek()?.kind === 'symbol' && c.peek()?.text === ',') {
        c.next(',');
        q.project.push(column(c, false));
      }
    } else if (op === 'order' || op === 'sort') {
      if (q.order) throw new QueryError('Only one order operator is supported.');
      c.expect('word', 'by');
      const col = column(c, true);
      let descending = true; // KQL's default sort order is descending
      const dir = c.peek();
      if (dir?.kind === 'word' && (dir.text === 'asc' || dir.text === 'desc')) {
        c.next('direction');
        descending = dir.text === 'desc';
      }
      q.order = { column: col, descending };
    } else {
      throw new QueryError(`Operator '${op}' is not supported.`);
    }
  }
  return q;
}

/** The string columns conditions and ordering read (cheap to build for every stored resource). */
export type KeyColumns = Record<string, string>;

/** Items whose key columns satisfy the query's conditions, in the query's order. */
export function filterAndOrder<T>(q: ParsedQuery, items: T[], keys: (item: T) => KeyColumns): T[] {
  const sets = q.conditions.map((cond) => ({ column: cond.column, values: new Set(cond.values.map((v) => v.toLowerCase())) }));
  let out = items.filter((item) => {
    const k = keys(item);
    return sets.every((s) => s.values.has((k[s.column] ?? '').toLowerCase()));
  });
  if (q.order) {
    const { column: col, descending } = q.order;
    const decorated = out.map((item) => ({ item, key: (keys(item)[col] ?? '').toLowerCase() }));
    decorated.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (descending ? -1 : 1));
    out = decorated.map((d) => d.item);
  }
  return out;
}

/** A full row reduced to the projected columns (all of them without `project`). */
export function projectRow(q: ParsedQuery, row: JsonObject): JsonObject {
  if (!q.project) return row;
  return Object.fromEntries(q.project.map((c) => [c, row[c] ?? null])) as Record<string, JsonValue>;
}

/** Types a query's `type` conditions allow (undefined: any). */
export function typesOf(q: ParsedQuery): Set<string> | undefined {
  let types: Set<string> | undefined;
  for (const c of q.conditions) {
    if (c.column !== 'type') continue;
    const these = new Set(c.values.map((v) => v.toLowerCase()));
    types = types ? new Set([...types].filter((t) => these.has(t))) : these;
  }
  return types;
}
