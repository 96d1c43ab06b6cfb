// Image and node agent compatibility, gallery definition requirements.
import * as l10n from '@vscode/l10n';
import { known, type BatchAccount, type PoolSpec, type SupportedImage } from '../model';
import { MS_PER_DAY } from './duration';
import { resolveImage } from './resolve';
import { poolLabel, vmConfigurationRange } from './specFacts';
import type { Finding, RuleContext } from './types';

/** End of support within this many days counts as "soon". */
export const END_OF_LIFE_WARNING_DAYS = 90;

type Os = 'windows' | 'linux';

function osOf(value: string | undefined): Os | undefined {
  const v = value?.toLowerCase();
  return v === 'windows' || v === 'linux' ? v : undefined;
}

function entriesFor(account: BatchAccount | undefined, sku: string): SupportedImage[] {
  const wanted = sku.toLowerCase();
  return (account?.supportedImages ?? []).filter((s) => s.nodeAgentSkuId.toLowerCase() === wanted);
}

/** OS of a node agent SKU: from the account's supported images, else from its name. */
export function skuOs(account: BatchAccount | undefined, sku: string): Os {
  const fromAccount = osOf(entriesFor(account, sku)[0]?.osType);
  if (fromAccount) return fromAccount;
  return sku.toLowerCase().includes('windows') ? 'windows' : 'linux';
}

function imageOs(spec: PoolSpec, ctx: RuleContext): Os | undefined {
  const r = resolveImage(spec, ctx.inventory);
  return osOf(r.managedImage?.osType ?? r.definition?.osType);
}

/** Supported SKUs for an OS (all when the OS is unknown), verified first, without duplicates. */
export function skuCandidates(account: BatchAccount | undefined, os: Os | undefined): string[] {
  const images = [...(account?.supportedImages ?? [])].sort(
    (a, b) => Number(b.verificationType === 'verified') - Number(a.verificationType === 'verified'),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of images) {
    if (os && osOf(s.osType) !== os) continue;
    const key = s.nodeAgentSkuId.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s.nodeAgentSkuId);
    }
  }
  return out;
}

export function nodeAgentSkuMissing(spec: PoolSpec, ctx: RuleContext): Finding[] {
  if (spec.nodeAgentSkuId) return [];
  const key = spec.shape === 'arm' ? 'nodeAgentSkuId' : 'nodeAgentSKUId';
  const os = imageOs(spec, ctx);
  const candidates = skuCandidates(ctx.account, os);
  const choices = candidates.slice(0, 5).join(', ');
  const hint =
    candidates.length === 0
      ? ''
      : ' ' + (os ? l10n.t('Supported choices for {0}: {1}.', os === 'windows' ? 'Windows' : 'Linux', choices) : l10n.t('Supported choices: {0}.', choices));
  return [
    {
      code: 'node-agent-sku-missing',
      severity: 'error',
      message: l10n.t('{0} sets no {1} in virtualMachineConfiguration. Batch needs the node agent SKU that matches the image\'s operating system to create the pool.{2}', poolLabel(spec), key, hint),
      range: vmConfigurationRange(spec),
      fix: { kind: 'replaceNodeAgentSku', candidates },
    },
  ];
}

export function nodeAgentSkuMismatch(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const sku = known(spec.nodeAgentSkuId);
  if (!sku) return [];
  const account = ctx.account;
  const os = imageOs(spec, ctx);
  const supported = account?.supportedImages;
  if (account && supported && supported.length > 0 && entriesFor(account, sku).length === 0) {
    const candidates = skuCandidates(account, os);
    return [
      {
        code: 'node-agent-sku-mismatch',
        severity: 'error',
        message:
          l10n.t('The node agent SKU \'{0}\' is not among the supported images of Batch account \'{1}\' ({2}); pool creation will be rejected. Choose one of: {3}.', sku, account.name, account.location, candidates.slice(0, 5).join(', ') || l10n.t('the account lists none for this OS')),
        range: spec.nodeAgentSkuId?.range,
        fix: { kind: 'replaceNodeAgentSku', candidates },
      },
    ];
  }
  const sOs = skuOs(account, sku);
  if (!os || sOs === os) return [];
  const candidates = skuCandidates(account, os);
  const label = (o: Os) => (o === 'windows' ? 'Windows' : 'Linux');
  return [
    {
      code: 'node-agent-sku-mismatch',
      severity: 'error',
      message:
        l10n.t('The node agent SKU \'{0}\' is for {1}, but the image\'s OS type is {2}: the node agent cannot start and nodes become unusable. Choose a {2} node agent SKU{3}.', sku, label(sOs), label(os), candidates.length > 0 ? `, e.g. ${candidates.slice(0, 3).join(', ')}` : ''),
      range: spec.nodeAgentSkuId?.range,
      fix: { kind: 'replaceNodeAgentSku', candidates },
    },
  ];
}

export function nodeAgentSkuEndOfLife(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const sku = known(spec.nodeAgentSkuId);
  if (!sku) return [];
  const entries = entriesFor(ctx.account, sku);
  if (entries.length === 0 || entries.some((e) => !e.batchSupportEndOfLife)) return [];
  // The SKU stays usable until its last supported image's end of life.
  let latest = -Infinity;
  for (const e of entries) {
    const t = Date.parse(e.batchSupportEndOfLife ?? '');
    if (!Number.isNaN(t)) latest = Math.max(latest, t);
  }
  if (!Number.isFinite(latest)) return [];
  const days = Math.ceil((latest - ctx.now.getTime()) / MS_PER_DAY);
  if (days > END_OF_LIFE_WARNING_DAYS) return [];
  const date = new Date(latest).toISOString().slice(0, 10);
  const when = days <= 0 ? l10n.t('reached its Batch end of support on {0}', date) : l10n.t('reaches its Batch end of support on {0} (in {1} days)', date, days);
  const candidates = skuCandidates(ctx.account, skuOs(ctx.account, sku)).filter((c) => c.toLowerCase() !== sku.toLowerCase());
  return [
    {
      code: 'node-agent-sku-end-of-life',
      severity: 'warning',
      message: l10n.t('The node agent SKU \'{0}\' {1}. After that date Batch no longer supports pools with it; move the image and pool to a supported OS version and node agent SKU.', sku, when),
      range: spec.nodeAgentSkuId?.range,
      fix: candidates.length > 0 ? { kind: 'replaceNodeAgentSku', candidates } : undefined,
    },
  ];
}

export function galleryImageSpecialized(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const def = resolveImage(spec, ctx.inventory).definition;
  if (!def || def.osState !== 'Specialized') return [];
  const name = def.id.split('/').slice(-3).filter((_, i) => i !== 1).join('/');
  return [
    {
      code: 'gallery-image-specialized',
      severity: 'error',
      message:
        l10n.t('The gallery image definition \'{0}\' is Specialized. Batch only supports generalized gallery images: nodes from a specialized image keep the source VM\'s identity and fail to join the pool. Generalize the source VM and publish to a Generalized image definition.', name),
      range: spec.imageId?.range,
      related: [{ message: l10n.t('Specialized image definition'), resourceId: def.id }],
    },
  ];
}

/** Definition security types that make the matching pool securityProfile mandatory. */
const REQUIRED_SECURITY: Record<string, 'trustedLaunch' | 'confidentialVM'> = {
  trustedlaunch: 'trustedLaunch',
  confidentialvm: 'confidentialVM',
  confidentialvmsupportedwithdiskencryption: 'confidentialVM',
};

export function trustedLaunchMismatch(spec: PoolSpec, ctx: RuleContext): Finding[] {
  const def = resolveImage(spec, ctx.inventory).definition;
  const required = def?.securityType ? REQUIRED_SECURITY[def.securityType.toLowerCase()] : undefined;
  if (!def || !required || spec.securityProfile?.unknown) return [];
  const actual = spec.securityProfile?.value?.securityType;
  if (actual?.toLowerCase() === required.toLowerCase()) return [];
  const label = required === 'trustedLaunch' ? l10n.t('Trusted Launch') : l10n.t('Confidential VM');
  const now = actual ? l10n.t('sets securityType \'{0}\'', actual) : l10n.t('sets no securityProfile');
  return [
    {
      code: 'trusted-launch-mismatch',
      severity: 'error',
      message:
        l10n.t('The gallery image definition requires {0} (security type {1}), but {2} {3}. Nodes created without the matching security profile fail to boot or become unusable. Add securityProfile with securityType \'{4}\' and UEFI secure boot and vTPM enabled.', label, String(def.securityType), poolLabel(spec), now, required),
      range: spec.securityProfile?.range ?? vmConfigurationRange(spec),
      fix: { kind: 'addSecurityProfile', securityType: required },
    },
  ];
}
