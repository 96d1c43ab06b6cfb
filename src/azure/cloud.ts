// Which Azure cloud we talk to: endpoints and token scopes. Pure data, no SDK imports, so the
// CLI and tests can build one from environment variables without loading anything.
import * as l10n from '@vscode/l10n';

export interface AzureCloud {
  /** Resource Manager endpoint without a trailing slash, e.g. `https://management.azure.com`. */
  readonly armEndpoint: string;
  /** Entra ID authority host without a trailing slash, e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /** Scope for ARM tokens, e.g. `https://management.azure.com/.default`. */
  readonly armScope: string;
  /** Scope for Batch data-plane tokens. The double slash is intended: the resource id ends with `/`. */
  readonly batchScope: string;
  /** True for the public and national clouds Entra ID knows about (instance discovery works there). */
  readonly isKnownAuthority: boolean;
  /**
   * The Azure portal of this cloud without a trailing slash (e.g. `https://portal.azure.us`):
   * configured, or known from the Resource Manager endpoint; undefined for an unknown cloud.
   */
  readonly portalUrl?: string;
}

export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';
export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const BATCH_SCOPE = 'https://batch.core.windows.net//.default';

/** Authority hosts of the public and sovereign clouds (where MSAL's instance discovery succeeds). */
const KNOWN_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.microsoftonline.de',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
]);

/** Portals of the public and national clouds, by Resource Manager host. */
const KNOWN_PORTALS: Readonly<Record<string, string>> = {
  'management.azure.com': 'https://portal.azure.com',
  'management.usgovcloudapi.net': 'https://portal.azure.us',
  'management.chinacloudapi.cn': 'https://portal.azure.cn',
};

/** The portal of a public or national cloud, from its Resource Manager endpoint; undefined for any other. */
export function knownPortalUrl(armEndpoint: string): string | undefined {
  try {
    return KNOWN_PORTALS[new URL(armEndpoint).hostname.toLowerCase()];
  } catch {
    return undefined;
  }
}

/**
 * The portal page of a resource in `cloud`, tenant-qualified so the right directory opens;
 * undefined when the cloud's portal is not known (a custom cloud without a configured portal).
 */
export function portalResourceUrl(cloud: AzureCloud, resourceId: string, tenantId: string | undefined): string | undefined {
  if (!cloud.portalUrl) return undefined;
  const id = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
  return `${cloud.portalUrl}/#@${tenantId ?? ''}/resource${id}/overview`;
}

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function isKnownAuthorityHost(authorityHost: string): boolean {
  try {
    return KNOWN_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Builds a cloud description. The ARM scope defaults to `<armEndpoint>/.default`, which is what
 * Entra ID expects for the public cloud and for Azure Stack-style custom clouds alike.
 */
export function makeCloud(init: { armEndpoint?: string; authorityHost?: string; armScope?: string; batchScope?: string; portalUrl?: string } = {}): AzureCloud {
  const armEndpoint = trimSlash(init.armEndpoint || PUBLIC_ARM_ENDPOINT);
  const authorityHost = trimSlash(init.authorityHost || PUBLIC_AUTHORITY_HOST);
  const configuredPortal = init.portalUrl?.trim() ? trimSlash(init.portalUrl) : undefined;
  const endpoints: [string, string][] = [[l10n.t('ARM endpoint'), armEndpoint], [l10n.t('authority host'), authorityHost]];
  if (configuredPortal) endpoints.push([l10n.t('portal URL'), configuredPortal]);
  for (const [name, value] of endpoints) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(l10n.t('The {0} "{1}" is not a URL.', name, value));
    }
    if (url.protocol !== 'https:') throw new Error(l10n.t('The {0} "{1}" must use https.', name, value));
  }
  return {
    armEndpoint,
    authorityHost,
    armScope: init.armScope || `${armEndpoint}/.default`,
    batchScope: init.batchScope || BATCH_SCOPE,
    isKnownAuthority: isKnownAuthorityHost(authorityHost),
    portalUrl: configuredPortal ?? knownPortalUrl(armEndpoint),
  };
}

export const PUBLIC_CLOUD: AzureCloud = makeCloud();
