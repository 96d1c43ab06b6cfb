// Account-level prerequisites.
import * as l10n from '@vscode/l10n';
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
        l10n.t('Batch account \'{0}\' allows only {1} authentication, not Microsoft Entra ID (AAD). Pools with custom images must be created through Microsoft Entra ID authentication, with an identity that can read the image. Add \'AAD\' to the account\'s allowedAuthenticationModes.', account.name, modes.join(', ')),
      range: spec.imageId?.range,
    },
  ];
}

export function accountNotSelected(spec: PoolSpec, ctx: RuleContext): Finding[] {
  if (ctx.account || spec.livePoolId) return [];
  const named = spec.accountName ? l10n.t(' The template names account \'{0}\', which is not in the loaded inventory.', spec.accountName) : '';
  return [
    {
      code: 'account-not-selected',
      severity: 'information',
      message: l10n.t('No target Batch account is selected for {0}, so the region, subscription and node agent SKU checks were skipped.{1} Select the Batch account this pool is deployed to.', poolLabel(spec), named),
      range: poolRange(spec),
      fix: { kind: 'selectAccount' },
    },
  ];
}
