// Rules about the pool definition as a document: names that Azure would refuse (or that would
// address another resource), and keys set twice (Azure reads the last one).
import * as l10n from '@vscode/l10n';
import { armPoolNameProblem, azureNameProblem, type PoolSpec } from '../model';
import type { Finding } from './types';

/** A key for a message: quoted, escaped and clipped (keys come from the file as written). */
function quoted(key: string): string {
  return JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}…` : key);
}

/** The pool's id (data plane) or `name` (ARM) breaks Azure's naming rules. */
export function resourceNameInvalid(spec: PoolSpec): Finding[] {
  if (spec.livePoolId || !spec.name || spec.name.unknown) return [];
  let problem: string | undefined;
  if (spec.shape === 'arm') problem = spec.armName ? armPoolNameProblem(spec.armName.value, spec.armName.child) : undefined;
  else if (spec.name.value !== undefined) problem = azureNameProblem('batchPool', spec.name.value);
  if (!problem) return [];
  return [
    {
      code: 'resource-name-invalid',
      severity: 'error',
      message: l10n.t('{0} Azure refuses the pool, and Deploy Pool JSON will not send it. Rename the pool.', problem),
      range: spec.name.range,
    },
  ];
}

/** A key of the pool's JSON is set more than once: the rules, like Azure and az, read the last one. */
export function jsonDuplicateKey(spec: PoolSpec): Finding[] {
  return (spec.duplicateKeys ?? []).map((d) => ({
    code: 'json-duplicate-key' as const,
    severity: 'warning' as const,
    message: l10n.t(
      'The key {0} is set more than once in this object. Azure and az use the last value (this one) and ignore the earlier ones; remove the duplicate so the file says what Azure reads.',
      quoted(d.key),
    ),
    range: d.range,
    related: [{ message: l10n.t('The earlier {0}, which Azure ignores', quoted(d.key)), range: d.firstRange }],
  }));
}
