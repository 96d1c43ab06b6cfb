// node-count-invalid: a node count that is a number but cannot be one (negative, fractional,
// beyond double range). The reader leaves such values unknown, so no other rule reasons about them
// (or prints "Infinity"); this rule says what is wrong with the value as written.
import * as l10n from '@vscode/l10n';
import type { PoolSpec, SpecValue } from '../model';
import type { Finding, RuleContext } from './types';

/** Longest source text quoted in the message. */
const MAX_QUOTED = 40;

function quoted(raw: string): string {
  return raw.length <= MAX_QUOTED ? raw : `${raw.slice(0, MAX_QUOTED - 1)}…`;
}

export function nodeCountInvalid(spec: PoolSpec, _ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const check = (value: SpecValue<number> | undefined, key: string): void => {
    if (value?.invalid === undefined) return;
    out.push({
      code: 'node-count-invalid',
      severity: 'error',
      message: l10n.t(
        '{0} is {1}, which is not a node count: Batch expects a whole number of 0 or more and refuses the pool. The node limit and resize checks skip this pool until it is fixed.',
        key,
        quoted(value.invalid),
      ),
      range: value.range,
    });
  };
  check(spec.targetDedicatedNodes, 'targetDedicatedNodes');
  check(spec.targetLowPriorityNodes, 'targetLowPriorityNodes');
  return out;
}
