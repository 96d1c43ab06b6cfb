// @azure/arm-compute gallery models -> src/model gallery types.
import type { Gallery as SdkGallery, GalleryImage, GalleryImageVersion as SdkVersion } from '@azure/arm-compute';
import { parentArmId } from '../../model';
import type { Gallery, GalleryImageDefinition, GalleryImageVersion, TargetRegion } from '../../model';
import { isoDate, normaliseId, osTypeOf, purchasePlanOf } from './common';

export function mapGallery(g: SdkGallery): Gallery | undefined {
  const id = normaliseId(g.id);
  return id ? { id, location: g.location } : undefined;
}

export function mapGalleryImage(d: GalleryImage): GalleryImageDefinition | undefined {
  const id = normaliseId(d.id);
  const galleryId = id ? parentArmId(id) : undefined;
  if (!id || !galleryId) return undefined;
  const result: GalleryImageDefinition = {
    id,
    galleryId,
    location: d.location,
    osType: osTypeOf(d.osType) ?? 'Linux',
    osState: d.osState?.toLowerCase() === 'specialized' ? 'Specialized' : 'Generalized',
    identifier: {
      publisher: d.identifier?.publisher ?? '',
      offer: d.identifier?.offer ?? '',
      sku: d.identifier?.sku ?? '',
    },
  };
  if (d.hyperVGeneration) result.hyperVGeneration = d.hyperVGeneration;
  const security = d.features?.find((f) => f.name?.toLowerCase() === 'securitytype')?.value;
  if (security) result.securityType = security;
  const plan = purchasePlanOf(d.purchasePlan);
  if (plan) result.purchasePlan = plan;
  return result;
}

export function mapGalleryImageVersion(v: SdkVersion): GalleryImageVersion | undefined {
  const id = normaliseId(v.id);
  const definitionId = id ? parentArmId(id) : undefined;
  if (!id || !definitionId) return undefined;
  const pub = v.publishingProfile;
  const defaultReplicas = pub?.replicaCount ?? 1;
  const targetRegions: TargetRegion[] = (pub?.targetRegions ?? []).map((r) => ({
    name: r.name,
    regionalReplicaCount: r.regionalReplicaCount ?? defaultReplicas,
  }));
  const result: GalleryImageVersion = {
    id,
    definitionId,
    name: v.name ?? id.split('/').pop() ?? '',
    location: v.location,
    provisioningState: v.provisioningState ?? 'Unknown',
    excludeFromLatest: pub?.excludeFromLatest ?? false,
    targetRegions,
  };
  const osDisk = normaliseId(v.storageProfile?.osDiskImage?.source?.id);
  const source = normaliseId(v.storageProfile?.source?.id ?? v.storageProfile?.source?.virtualMachineId) ?? osDisk;
  if (source) result.sourceId = source;
  // Published from disks (no whole-image source): keep them, an update must send them again.
  if (osDisk && !v.storageProfile?.source?.id && !v.storageProfile?.source?.virtualMachineId) {
    result.diskSources = {
      osDiskId: osDisk,
      dataDisks: (v.storageProfile?.dataDiskImages ?? []).flatMap((d) => {
        const id = normaliseId(d.source?.id);
        return id ? [{ lun: d.lun, id }] : [];
      }),
    };
  }
  const published = isoDate(pub?.publishedDate);
  if (published) result.publishedDate = published;
  return result;
}
