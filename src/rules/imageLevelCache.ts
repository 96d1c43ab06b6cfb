// Most findings of a pool are about its image (it is missing, retired, in another region, has no
// replica there, …): they depend on the pool only through its image id, and are reported at the
// image id's range. Typing in a large template re-checks every pool on every keystroke, so these
// findings are computed once per inventory, account and image id, and each pool gets a copy with
// its own range. The rules listed here must keep that property: no other spec field, and ctx.now
// only through the managed-image retirement date (part of the key).
import { known, type BatchAccount, type Inventory, type PoolSpec } from '../model';
import type { RuleInfo } from './catalogue';
import { MANAGED_IMAGE_RETIREMENT } from './imageIdentityRules';
import type { Finding, RuleCode, RuleContext } from './types';

export const IMAGE_LEVEL_RULES: ReadonlySet<RuleCode> = new Set<RuleCode>([
  'image-id-invalid',
  'managed-image-retired',
  'image-not-found',
  'image-not-ready',
  'image-region-mismatch',
  'gallery-replica-missing',
  'image-subscription-mismatch',
  'image-source-deleted',
  'base-image-purchase-plan',
  'source-vm-has-extensions',
  'gallery-image-specialized',
  'account-aad-required',
]);

/** Image ids typed character by character are unbounded: start over past this many per rule. */
const MAX_IDS = 20_000;

/** inventory → account (or NO_ACCOUNT) → [before, after retirement] → rule → image id → findings. */
type ByRule = Map<RuleCode, Map<string, readonly Finding[]>>;
const memos = new WeakMap<Inventory, WeakMap<object, [ByRule, ByRule]>>();
const NO_ACCOUNT = {};

function memoFor(code: RuleCode, ctx: RuleContext): Map<string, readonly Finding[]> {
  let byAccount = memos.get(ctx.inventory);
  if (!byAccount) memos.set(ctx.inventory, (byAccount = new WeakMap()));
  const account: BatchAccount | object = ctx.account ?? NO_ACCOUNT;
  let byTime = byAccount.get(account);
  if (!byTime) byAccount.set(account, (byTime = [new Map(), new Map()]));
  const byRule = byTime[ctx.now.getTime() > MANAGED_IMAGE_RETIREMENT.getTime() ? 1 : 0];
  let memo = byRule.get(code);
  if (!memo) byRule.set(code, (memo = new Map()));
  return memo;
}

/** Findings are shared between pools and keystrokes: nothing may change them. */
function frozen(f: Finding): Finding {
  if (f.related) {
    for (const r of f.related) Object.freeze(r);
    Object.freeze(f.related);
  }
  if (f.fix) {
    if ('candidates' in f.fix) Object.freeze(f.fix.candidates);
    Object.freeze(f.fix);
  }
  return Object.freeze({ ...f });
}

// Not frozen: a frozen array takes a slower iteration path. `readonly` keeps it empty.
const NONE: readonly Finding[] = [];

/** The findings of an image-level rule for one pool, computed once per image id (read-only: callers copy). */
export function imageLevelFindings(info: RuleInfo, spec: PoolSpec, ctx: RuleContext): readonly Finding[] {
  const id = known(spec.imageId);
  if (id === undefined) return info.rule(spec, ctx);
  const memo = memoFor(info.code, ctx);
  const shared = memo.get(id);
  if (shared === undefined) {
    const computed = info.rule(spec, ctx);
    if (memo.size >= MAX_IDS) memo.clear();
    memo.set(id, computed.map(frozen));
    return computed;
  }
  if (shared.length === 0) return NONE; // most pools, most rules
  const range = spec.imageId?.range;
  return shared.map((f) => ({ ...f, range }));
}
