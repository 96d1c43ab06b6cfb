// Typed access to the extension's settings. Settings that point at endpoints or identities are
// application-scoped in package.json, so a workspace's .vscode/settings.json cannot redirect
// tokens; `inspect()` is used to ignore any workspace value that slipped in anyway.
import * as vscode from 'vscode';

export const configSection = 'azureBatchImages';

export type AuthenticationMode = 'vscode' | 'servicePrincipal';

export interface ServicePrincipalSettings {
  tenantId: string;
  clientId: string;
  authorityHost?: string;
  resourceManagerEndpoint?: string;
  portalUrl?: string;
}

/** Reads a setting only from the user (application) level or the default, never a workspace. */
function applicationValue<T>(key: string): T | undefined {
  const inspected = vscode.workspace.getConfiguration(configSection).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function authenticationMode(): AuthenticationMode {
  return applicationValue<AuthenticationMode>('authentication.mode') === 'servicePrincipal' ? 'servicePrincipal' : 'vscode';
}

/** The service principal's identity, or the names of the settings still missing. */
export function servicePrincipalSettings(): { ok: true; value: ServicePrincipalSettings } | { ok: false; missing: string[] } {
  const tenantId = applicationValue<string>('servicePrincipal.tenantId')?.trim() ?? '';
  const clientId = applicationValue<string>('servicePrincipal.clientId')?.trim() ?? '';
  const missing = [
    ...(tenantId ? [] : [`${configSection}.servicePrincipal.tenantId`]),
    ...(clientId ? [] : [`${configSection}.servicePrincipal.clientId`]),
  ];
  if (missing.length > 0) return { ok: false, missing };
  const authorityHost = applicationValue<string>('servicePrincipal.authorityHost')?.trim() || undefined;
  const resourceManagerEndpoint = applicationValue<string>('servicePrincipal.resourceManagerEndpoint')?.trim() || undefined;
  const portalUrl = applicationValue<string>('servicePrincipal.portalUrl')?.trim() || undefined;
  return { ok: true, value: { tenantId, clientId, authorityHost, resourceManagerEndpoint, portalUrl } };
}

/** How many Azure requests the inventory may have in flight at once. */
export function inventoryConcurrency(): number {
  const value = vscode.workspace.getConfiguration(configSection).get<number>('inventory.concurrency', 8);
  return Number.isInteger(value) && value >= 1 && value <= 64 ? value : 8;
}

/** Whether a change event touches any setting that decides how we connect. */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${configSection}.authentication`) || event.affectsConfiguration(`${configSection}.servicePrincipal`);
}

/** The subscription filter the Azure extensions share; entries are "tenantId/subscriptionId". */
export const selectedSubscriptionsSection = 'azureResourceGroups';
export const selectedSubscriptionsKey = 'selectedSubscriptions';

/** Our own copy of the filter, used when the Azure Resources extension (which registers the shared one) is absent. */
export const ownSelectedSubscriptionsKey = 'selectedSubscriptions';

export function selectedSubscriptionFilter(): string[] {
  const shared = vscode.workspace.getConfiguration(selectedSubscriptionsSection).get<string[]>(selectedSubscriptionsKey, []);
  if (shared.length > 0) return shared;
  return vscode.workspace.getConfiguration(configSection).get<string[]>(ownSelectedSubscriptionsKey, []);
}

/**
 * Saves the filter where the Azure extensions share it; VS Code refuses to write a setting no
 * installed extension registers, so without the Azure Resources extension it goes to our own.
 */
export async function saveSelectedSubscriptions(value: string[]): Promise<void> {
  try {
    await vscode.workspace.getConfiguration(selectedSubscriptionsSection).update(selectedSubscriptionsKey, value, vscode.ConfigurationTarget.Global);
  } catch {
    await vscode.workspace.getConfiguration(configSection).update(ownSelectedSubscriptionsKey, value, vscode.ConfigurationTarget.Global);
  }
}
