export interface Subscription {
  /** ARM id: `/subscriptions/{guid}`. */
  id: string;
  /** The bare guid. */
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  /** Namespaces of resource providers in state `Registered` (e.g. `Microsoft.Batch`), when loaded. */
  registeredProviders?: string[];
}
