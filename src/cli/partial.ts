// An inventory with failed categories: which failures matter to this check, which rules they
// silence, and how to say so. Rules cannot tell "absent" from "not loaded", so without this a
// check against half an inventory passed in silence.
import * as l10n from '@vscode/l10n';
import { RULE_CODES, rulesNeeding, type RuleCode, type RuleOptions } from '../rules';
import type { InventoryCategory, InventoryLoadError } from '../model';

export interface IncompleteInventory {
  /** The failures that matter to this check. */
  errors: InventoryLoadError[];
  /** Enabled rules that read a failed category, in catalogue order. */
  skippedRules: RuleCode[];
}

/**
 * The load errors that concern this check: all of them, or with a target account only those of
 * its subscription, of the subscriptions the pools' images live in, and those of no subscription.
 */
export function relevantErrors(errors: readonly InventoryLoadError[], subscriptions: ReadonlySet<string> | undefined): InventoryLoadError[] {
  if (!subscriptions) return [...errors];
  return errors.filter((e) => !e.subscriptionId || subscriptions.has(e.subscriptionId.toLowerCase()));
}

export function incompleteInventory(errors: readonly InventoryLoadError[], options: RuleOptions): IncompleteInventory {
  const failed = new Set<InventoryCategory>(errors.map((e) => e.category));
  const enabled = RULE_CODES.filter((c) => {
    const o = options.overrides?.[c];
    return o !== 'off' && o !== false;
  });
  return { errors: [...errors], skippedRules: rulesNeeding(failed, enabled) };
}

/** "images of subscription 1111… (HTTP500: Internal error)". */
export function describeLoadError(e: InventoryLoadError): string {
  const what = e.subscriptionId ? l10n.t('{0} of subscription {1}', e.category, e.subscriptionId) : e.category;
  return `${what} (${e.code ? `${e.code}: ` : ''}${e.message})`;
}

/** The message of the `inventory-incomplete` finding. */
export function incompleteMessage(incomplete: IncompleteInventory): string {
  return l10n.t(
    'The inventory is incomplete, so these rules were skipped: {0}. Could not load: {1}.',
    incomplete.skippedRules.join(', '),
    incomplete.errors.map(describeLoadError).join('; '),
  );
}
