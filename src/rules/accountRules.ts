// Account-level prerequisites.
import type { PoolSpec } from '../model';
import { resolveImage } from './resolve';
import { poolLabel, poolRange } from './specFacts';
import type { Finding, RuleContext } from './types';

export function accountAadRequired(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const account = ctx.account;
  if (!account || !resolveImage(spec, ctx.inventory).info) return [];
  const modes = account.allowedAuthenticationModes ?? [];
  if (modes.length === 0 || modes.some((m) => m.toLowerCase() === 'aad')) return [];
  return [
    {
      code: 'account-aad-required',
      severity: 'error',
      message:
        `Batch account '${account.name}' allows only ${modes.join(', ')} authentication, not Microsoft Entra ID (AAD). Pools with custom images must be created ` +
        `through Microsoft Entra ID authentication, with an identity that can read the image. Add 'AAD' to the account's allowedAuthenticationModes.`,
      range: spec.imageId?.range,
    },
  ];
}

export function accountNotSelected(spec: PoolSpec, ctx: RuleContext): Finding[] {
  if (ctx.account || spec.livePoolId) return [];
  const named = spec.accountName ? ` The template names account '${spec.accountName}', which is not in the loaded inventory.` : '';
  return [
    {
      code: 'account-not-selected',
      severity: 'information',
      message: `No target Batch account is selected for ${poolLabel(spec)}, so the region, subscription and node agent SKU checks were skipped.${named} Select the Batch account this pool is deployed to.`,
      range: poolRange(spec),
      fix: { kind: 'selectAccount' },
    },
  ];
}
