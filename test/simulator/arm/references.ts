// Checks that ARM ids referenced from a request body point at resources that exist.
import type { SimContext } from '../context';
import { armError } from '../http';
import { parseArmId } from '../armId';
import type { ArmResource } from '../store';

export function referencedResource(sim: SimContext, id: string): ArmResource | undefined {
  return parseArmId(id) ? sim.store.get(id) : undefined;
}

/** Throws InvalidParameter when `id` is malformed or does not exist. */
export function requireReference(sim: SimContext, id: string, target: string, what: string): ArmResource {
  if (!parseArmId(id)) throw armError(400, 'InvalidParameter', `The value '${id}' of parameter '${target}' is not a valid ${what} resource id.`);
  const r = sim.store.get(id);
  if (!r) throw armError(400, 'InvalidParameter', `The ${what} '${id}' referenced by '${target}' was not found.`);
  return r;
}
