// Fills a PoolFileIndex from many files without holding the event loop: files are read a slice at
// a time (the reads of a slice run together), then parsed one after another, and the loop gets a
// turn whenever parsing has held it for a few milliseconds (so a keystroke waits at most about
// that long plus one file), and between slices. The editor's first scan of a workspace
// (src/editor/workspacePools.ts) and the bench use it. Pure: the caller reads the files.
import type { PoolFileIndex } from './poolFileIndex';

/** Files read together before the loop gets a turn. */
export const INDEX_SLICE_SIZE = 25;
/** Parsing time after which the loop gets a turn. */
export const INDEX_BUDGET_MS = 4;

export interface IndexFilesOptions {
  sliceSize?: number;
  /** Milliseconds of parsing between turns of the loop. */
  budgetMs?: number;
  /** Gives the event loop a turn between slices (default: a macrotask). */
  yieldToLoop?: () => Promise<void>;
  /** Stop early (the index is being disposed). */
  stopped?: () => boolean;
  /** Files to leave alone (an open document is indexed from its text, not its file). */
  skip?: (file: string) => boolean;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads and indexes `files`; `read` resolves with the text, or undefined when the file is gone or
 * unreadable (it is then removed from the index). Resolves with the number of files indexed.
 */
export async function indexFilesInSlices(index: PoolFileIndex, files: readonly string[], read: (file: string) => Promise<string | undefined>, options: IndexFilesOptions = {}): Promise<number> {
  const size = Math.max(1, options.sliceSize ?? INDEX_SLICE_SIZE);
  const budget = options.budgetMs ?? INDEX_BUDGET_MS;
  const yieldToLoop = options.yieldToLoop ?? macrotask;
  const safeRead = (file: string): Promise<string | undefined> => read(file).catch(() => undefined);
  let indexed = 0;
  for (let i = 0; i < files.length && !options.stopped?.(); i += size) {
    const slice = files.slice(i, i + size).filter((file) => !options.skip?.(file));
    const texts = await Promise.all(slice.map(safeRead));
    let since = performance.now();
    for (let k = 0; k < slice.length && !options.stopped?.(); k++) {
      const text = texts[k];
      if (text === undefined) index.remove(slice[k]);
      else {
        index.update(slice[k], text);
        indexed++;
      }
      if (performance.now() - since >= budget) {
        await yieldToLoop();
        since = performance.now();
      }
    }
    await yieldToLoop();
  }
  return indexed;
}
