// The parts of the simulator's stored ARM JSON (GET /__simulator/resource/{id}) the command
// suites check, typed once, with short summaries for assertions.
import { normalizeRegion } from '../../../src/model';

export interface StoredVersion {
  properties: {
    storageProfile: {
      source?: { id?: string };
      osDiskImage?: { source?: { id?: string } };
      dataDiskImages?: { lun: number; source?: { id?: string } }[];
    };
    publishingProfile: { targetRegions: { name: string; regionalReplicaCount: number; storageAccountType: string }[] };
  };
}

export interface StoredDefinition {
  properties: { osType: string; hyperVGeneration?: string; features?: { name: string; value: string }[] };
}

/** `region=replicas:storageAccountType`, sorted. */
export function storedVersionTargets(v: StoredVersion): string[] {
  return v.properties.publishingProfile.targetRegions.map((r) => `${normalizeRegion(r.name)}=${r.regionalReplicaCount}:${r.storageAccountType}`).sort();
}

/** The `SecurityType` feature of a stored definition; undefined means Azure's default, Standard. */
export function storedSecurityType(d: StoredDefinition): string | undefined {
  return d.properties.features?.find((f) => f.name === 'SecurityType')?.value;
}
