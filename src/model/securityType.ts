// The security type of a new gallery image definition (its `SecurityType` feature), derived from
// the source disk's security profile, and the generation rule Azure enforces on it.
import * as l10n from '@vscode/l10n';
import type { GallerySecurityType } from './gallery';

/** What a source disk (snapshot or managed disk) says about its security. */
export interface DiskSecurity {
  /** securityProfile.securityType: `TrustedLaunch` or one of the `ConfidentialVM_*` values. */
  securityType?: string;
  /** supportedCapabilities.supportedSecurityOption. */
  supportedSecurityOption?: string;
}

/** The choices offered for a new definition, most permissive first after Standard. */
export const GALLERY_SECURITY_TYPES: readonly { value: GallerySecurityType; description: string }[] = [
  { value: 'Standard', get description() { return l10n.t('no Trusted Launch or confidential VM features'); } },
  { value: 'TrustedLaunchSupported', get description() { return l10n.t('VMs may use Trusted Launch or not'); } },
  { value: 'TrustedLaunch', get description() { return l10n.t('VMs must use Trusted Launch (secure boot, vTPM)'); } },
  { value: 'TrustedLaunchAndConfidentialVmSupported', get description() { return l10n.t('Trusted Launch or confidential VMs'); } },
  { value: 'ConfidentialVmSupported', get description() { return l10n.t('VMs may be confidential VMs'); } },
  { value: 'ConfidentialVM', get description() { return l10n.t('VMs must be confidential VMs'); } },
];

/**
 * The definition's security type that fits a source: a disk of a Trusted Launch VM needs a
 * Trusted Launch definition (Azure refuses it for a Standard one), a confidential VM disk a
 * confidential one; a disk that only supports them keeps that option open; anything else is
 * Standard.
 */
export function securityTypeForSource(disk: DiskSecurity | undefined): GallerySecurityType {
  const type = disk?.securityType?.toLowerCase() ?? '';
  if (type === 'trustedlaunch') return 'TrustedLaunch';
  if (type.startsWith('confidentialvm')) return 'ConfidentialVM';
  const option = disk?.supportedSecurityOption?.toLowerCase();
  if (option === 'trustedlaunchsupported') return 'TrustedLaunchSupported';
  if (option === 'trustedlaunchandconfidentialvmsupported') return 'TrustedLaunchAndConfidentialVmSupported';
  return 'Standard';
}

/** Why a security type cannot go with a Hyper-V generation, or undefined when it can. */
export function securityTypeProblem(securityType: GallerySecurityType, hyperVGeneration: string | undefined): string | undefined {
  if (securityType.toLowerCase() === 'standard') return undefined;
  if ((hyperVGeneration ?? 'V1').toUpperCase() !== 'V1') return undefined;
  return l10n.t('Security type {0} needs Hyper-V generation V2 (Trusted Launch and confidential VMs boot with UEFI); this image is generation V1. Choose Standard, or publish a generation 2 image.', securityType);
}

/** Definition security types that take the disk of a Trusted Launch VM. */
const TAKES_TRUSTED_LAUNCH = ['trustedlaunch', 'trustedlaunchsupported', 'trustedlaunchandconfidentialvmsupported'];

/**
 * Why an existing definition cannot take a version from this source, or undefined: Azure
 * refuses a Trusted Launch disk in a definition that does not allow Trusted Launch.
 */
export function definitionSecurityProblem(definitionType: GallerySecurityType | undefined, sourceType: GallerySecurityType): string | undefined {
  if (sourceType !== 'TrustedLaunch') return undefined;
  if (TAKES_TRUSTED_LAUNCH.includes((definitionType ?? 'Standard').toLowerCase())) return undefined;
  return l10n.t('The source is a Trusted Launch disk; a definition of security type {0} cannot take it. Choose a TrustedLaunch or TrustedLaunchSupported definition, or a new one.', definitionType ?? 'Standard');
}
