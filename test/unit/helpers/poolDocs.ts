// Builders for pool documents in tests, and range helpers that compute expected offsets from the text.
import { strict as assert } from 'node:assert';
import type { TextRange } from '../../../src/model';

export interface PoolOptions {
  id?: string;
  imageId?: string | null;
  sku?: string | null;
  dedicated?: number | string | null;
  lowPriority?: number | string | null;
  resizeTimeout?: string | null;
  autoScale?: boolean;
  natPools?: number;
  securityType?: string;
  vmSize?: string;
}

const DEFAULT_IMAGE = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-images/providers/Microsoft.Compute/images/imgA';

function keep<T>(value: T | null | undefined, fallback: T): T | undefined {
  if (value === null) return undefined;
  return value === undefined ? fallback : value;
}

/** A data-plane pool object (PoolAddParameter). `null` removes a property. */
export function dataPlanePool(o: PoolOptions = {}): Record<string, unknown> {
  const vmc: Record<string, unknown> = {};
  const image = keep(o.imageId, DEFAULT_IMAGE);
  vmc.imageReference = image === undefined ? { publisher: 'Canonical', offer: 'ubuntu', sku: '22_04-lts' } : { virtualMachineImageId: image };
  const sku = keep(o.sku, 'batch.node.ubuntu 22.04');
  if (sku !== undefined) vmc.nodeAgentSKUId = sku;
  if (o.securityType) vmc.securityProfile = { securityType: o.securityType, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } };
  const pool: Record<string, unknown> = { id: o.id ?? 'pool1', vmSize: o.vmSize ?? 'standard_d2s_v3', virtualMachineConfiguration: vmc };
  if (o.autoScale) {
    pool.enableAutoScale = true;
    pool.autoScaleFormula = '$TargetDedicatedNodes = 1;';
  } else {
    const d = keep(o.dedicated, 2);
    if (d !== undefined) pool.targetDedicatedNodes = d;
    const l = keep(o.lowPriority, null as unknown as number);
    if (l !== undefined && l !== null) pool.targetLowPriorityNodes = l;
    const rt = keep(o.resizeTimeout, 'PT30M');
    if (rt !== undefined) pool.resizeTimeout = rt;
  }
  if (o.natPools) {
    pool.networkConfiguration = {
      endpointConfiguration: {
        inboundNATPools: Array.from({ length: o.natPools }, (_, i) => ({ name: `nat${i}`, protocol: 'tcp', backendPort: 22 + i, frontendPortRangeStart: 15000 + i * 100, frontendPortRangeEnd: 15099 + i * 100 })),
      },
    };
  }
  return pool;
}

/** An ARM pool resource (`Microsoft.Batch/batchAccounts/pools`). */
export function armPool(o: PoolOptions & { name?: string } = {}): Record<string, unknown> {
  const vmc: Record<string, unknown> = {};
  const image = keep(o.imageId, DEFAULT_IMAGE);
  vmc.imageReference = image === undefined ? { publisher: 'Canonical', offer: 'ubuntu', sku: '22_04-lts' } : { id: image };
  const sku = keep(o.sku, 'batch.node.ubuntu 22.04');
  if (sku !== undefined) vmc.nodeAgentSkuId = sku;
  if (o.securityType) vmc.securityProfile = { securityType: o.securityType, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } };
  const props: Record<string, unknown> = { vmSize: o.vmSize ?? 'STANDARD_D2S_V3', deploymentConfiguration: { virtualMachineConfiguration: vmc } };
  if (o.autoScale) {
    props.scaleSettings = { autoScale: { formula: '$TargetDedicatedNodes = 1;', evaluationInterval: 'PT5M' } };
  } else {
    const fixed: Record<string, unknown> = {};
    const d = keep(o.dedicated, 2);
    if (d !== undefined) fixed.targetDedicatedNodes = d;
    const l = o.lowPriority;
    if (l !== undefined && l !== null) fixed.targetLowPriorityNodes = l;
    const rt = keep(o.resizeTimeout, 'PT30M');
    if (rt !== undefined) fixed.resizeTimeout = rt;
    props.scaleSettings = { fixedScale: fixed };
  }
  if (o.natPools) {
    props.networkConfiguration = {
      endpointConfiguration: {
        inboundNatPools: Array.from({ length: o.natPools }, (_, i) => ({ name: `nat${i}`, protocol: 'TCP', backendPort: 22 + i, frontendPortRangeStart: 15000 + i * 100, frontendPortRangeEnd: 15099 + i * 100 })),
      },
    };
  }
  return { type: 'Microsoft.Batch/batchAccounts/pools', apiVersion: '2024-07-01', name: o.name ?? 'acct/pool1', properties: props };
}

export function armTemplate(resources: unknown[]): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {},
    resources,
  };
}

export function doc(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Range of the n-th (0-based) occurrence of `needle` in `text`; fails the test when absent. */
export function rangeOf(text: string, needle: string, occurrence = 0): TextRange {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `'${needle}' (occurrence ${occurrence}) not found in the document`);
  }
  return { offset, length: needle.length };
}

/** Range of the JSON string value `"value"` (quotes included), after the key `"key"`. */
export function valueRange(text: string, key: string, value: string | number | boolean, occurrence = 0): TextRange {
  const keyRange = rangeOf(text, `"${key}"`, occurrence);
  const literal = JSON.stringify(value);
  const offset = text.indexOf(literal, keyRange.offset + keyRange.length);
  assert.ok(offset >= 0, `value ${literal} after "${key}" not found`);
  return { offset, length: literal.length };
}

/** Range of the key `"key"` (quotes included). */
export function keyRange(text: string, key: string, occurrence = 0): TextRange {
  return rangeOf(text, `"${key}"`, occurrence);
}
