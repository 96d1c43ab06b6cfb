// The scenario file format (documented in test/simulator/README.md). A scenario is the complete
// initial state: identity, subscriptions, resource groups, ARM resources and Batch supported images.
import type { JsonObject } from '../json';

export interface ScenarioIdentity {
  tenantId: string;
  tenantDisplayName?: string;
  tenantDomain?: string;
  clientId: string;
  clientSecret: string;
}

export interface ScenarioSubscription {
  subscriptionId: string;
  displayName: string;
  state?: string;
  /** Provider namespaces in state Registered; others are NotRegistered. */
  registeredProviders?: string[];
}

export interface ScenarioResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
  tags?: JsonObject;
}

/** An ARM resource as ARM returns it; `type` and `name` are derived from `id`. */
export interface ScenarioResource {
  id: string;
  location?: string;
  tags?: JsonObject;
  sku?: JsonObject;
  plan?: JsonObject;
  identity?: JsonObject;
  properties: JsonObject;
  /** Free text for humans: why this resource is in the scenario. Not served. */
  comment?: string;
}

export interface ScenarioFailure {
  /** "imageCreate" | "galleryImageCreate" | "galleryImageVersionCreate". */
  operation: string;
  code: string;
  message: string;
}

export interface Scenario {
  name: string;
  description?: string;
  identity?: ScenarioIdentity;
  subscriptions: ScenarioSubscription[];
  resourceGroups?: ScenarioResourceGroup[];
  resources?: ScenarioResource[];
  /** Batch supported images: `default` for every account, `byAccount` keyed by account name. */
  supportedImages?: { default?: JsonObject[]; byAccount?: Record<string, JsonObject[]> };
  /** Queued LRO failures: the next matching creation ends Failed with this error. */
  failNext?: ScenarioFailure[];
}
