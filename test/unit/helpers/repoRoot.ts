import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder upwards holding schemas/ and docs/ (works from out/ and from the sources). */
export function repoRoot(): string {
  for (const start of [process.cwd(), __dirname]) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      if (existsSync(join(dir, 'schemas', 'pool.dataplane.schema.json')) && existsSync(join(dir, 'docs', 'rules.md'))) return dir;
      dir = dirname(dir);
    }
  }
  throw new Error('schemas/ and docs/ not found above ' + process.cwd());
}
