import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './repoRoot';

/** Microsoft's REST API examples kept in the repository as fixtures (see SOURCES.md there). */
export function restExamplesDir(): string {
  return join(repoRoot(), 'test', 'fixtures', 'azure-rest-examples');
}

/** Absolute path of one example, given its path relative to the fixtures folder. */
export function restExample(relativePath: string): string {
  return join(restExamplesDir(), relativePath);
}

/** Every example file (.json) under the fixtures folder, as paths relative to it with '/' separators, sorted. */
export function listRestExamples(dir: string = restExamplesDir()): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      if (statSync(p).isDirectory()) return walk(p);
      return name.endsWith('.json') ? [relative(dir, p).split(sep).join('/')] : [];
    });
  return walk(dir).sort();
}
