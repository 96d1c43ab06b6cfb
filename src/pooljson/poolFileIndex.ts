// The pools of many files at once (a workspace's pool files), kept up to date one file at a time:
// what the rules need to count pools across files (image-shared-by-pools, custom-image-node-limit)
// and what a report needs to list pool files by image. Pure: files are keys, text comes in.
import { armIdKey, known, type PoolSpec } from '../model';
import { parsePoolDocument } from './parse';
import { createLineIndex, type Position } from './position';

/** Where a pool sits in its file, in line/column terms (the file's text is not kept). */
export interface PoolLocation {
  /** The file key the pool was indexed under (a URI string in the editor). */
  file: string;
  /** The pool's name (id) value, or the whole pool object when it has none. */
  start: Position;
  end: Position;
  /** Where the pool's image id value starts, when it names one. */
  image?: Position;
}

export interface IndexedFile {
  file: string;
  specs: readonly PoolSpec[];
}

interface Entry {
  specs: PoolSpec[];
  locations: Map<PoolSpec, PoolLocation>;
  /** What other files' findings depend on: a change elsewhere in the text does not count. */
  facts: string;
}

/** Assigns a pool its target account (or none); called for every pool indexed. */
export type AccountOf = (file: string, spec: PoolSpec) => string | undefined;

export class PoolFileIndex {
  private readonly entries = new Map<string, Entry>();
  private all: PoolSpec[] | undefined;

  constructor(private accountOf: AccountOf = () => undefined) {}

  /** Indexes (or re-indexes) one file. True when what other files' rules see changed. */
  update(file: string, text: string): boolean {
    const specs = parsePoolDocument(text).specs;
    const lines = createLineIndex(text);
    const locations = new Map<PoolSpec, PoolLocation>();
    for (const spec of specs) {
      spec.source = file;
      spec.accountId = this.accountOf(file, spec);
      const range = spec.name?.range ?? spec.range;
      if (!range) continue;
      const imageRange = spec.imageId?.range;
      locations.set(spec, {
        file,
        start: lines.positionAt(range.offset),
        end: lines.positionAt(range.offset + range.length),
        ...(imageRange ? { image: lines.positionAt(imageRange.offset) } : {}),
      });
    }
    return this.put(file, { specs, locations, facts: factsOf(specs, locations) });
  }

  /** Forgets a file (deleted, or no longer a pool file). True when it had pools. */
  remove(file: string): boolean {
    const had = this.entries.get(file);
    if (!had) return false;
    this.entries.delete(file);
    this.all = undefined;
    return had.specs.length > 0;
  }

  /** Re-assigns accounts (after the account choices changed). True when any pool's account changed. */
  reassignAccounts(accountOf?: AccountOf): boolean {
    if (accountOf) this.accountOf = accountOf;
    let changed = false;
    for (const [file, entry] of this.entries) {
      for (const spec of entry.specs) spec.accountId = this.accountOf(file, spec);
      const facts = factsOf(entry.specs, entry.locations);
      if (facts !== entry.facts) {
        entry.facts = facts;
        changed = true;
      }
    }
    return changed;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  get fileCount(): number {
    return this.entries.size;
  }

  /** Every indexed file with its pools. */
  files(): IndexedFile[] {
    return [...this.entries].map(([file, e]) => ({ file, specs: e.specs }));
  }

  /** Every indexed pool (the same array until the index changes). */
  pools(): readonly PoolSpec[] {
    this.all ??= [...this.entries.values()].flatMap((e) => e.specs);
    return this.all;
  }

  /** The pools of every file but `file` (the rules' `otherPools` for a document being edited). */
  poolsOutside(file: string): PoolSpec[] {
    const own = this.entries.get(file);
    return own ? this.pools().filter((s) => s.source !== file) : [...this.pools()];
  }

  /** Pools whose image id is one of `imageIds` (ARM ids, any case), with their files. */
  poolsUsingImages(imageIds: Iterable<string>): PoolSpec[] {
    const keys = new Set([...imageIds].map(armIdKey));
    return this.pools().filter((s) => {
      const id = known(s.imageId);
      return id !== undefined && keys.has(armIdKey(id));
    });
  }

  /** Where an indexed pool sits (for related locations in files that are not open). */
  location(spec: PoolSpec): PoolLocation | undefined {
    if (!spec.source) return undefined;
    return this.entries.get(spec.source)?.locations.get(spec);
  }

  private put(file: string, entry: Entry): boolean {
    const before = this.entries.get(file);
    this.entries.set(file, entry);
    this.all = undefined;
    if (!before) return entry.specs.length > 0;
    return before.facts !== entry.facts;
  }
}

/** The facts of a file's pools that other files' rules read: name (and where it is), image, account, scale. */
function factsOf(specs: readonly PoolSpec[], locations: ReadonlyMap<PoolSpec, PoolLocation>): string {
  return JSON.stringify(
    specs.map((s) => [
      // The line too, so related locations in other documents follow a pool that moved.
      locations.get(s)?.start.line ?? null,
      known(s.name) ?? null,
      known(s.imageId)?.toLowerCase() ?? null,
      s.accountId?.toLowerCase() ?? null,
      known(s.autoScale) ?? null,
      known(s.targetDedicatedNodes) ?? null,
      known(s.targetLowPriorityNodes) ?? null,
    ]),
  );
}
