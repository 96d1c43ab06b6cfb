// Public surface of the inventory: the loader, its change events and the Azure-backed source.
export { referencedVmKeys } from './lineage';
export { InventoryLoader, type InventoryChange, type InventoryLoaderOptions, type RefreshScope } from './loader';
export { azureInventorySource, limitedReads, runReads, type InventorySource } from './source';
export { Emitter, type Event, type Disposable } from './emitter';
export { Semaphore } from './semaphore';
export { RequestLimits, OVERALL_CEILING } from './requestLimits';
export { SUBSCRIPTION_CATEGORIES, type CategoryLoadState, type LoadIssue, type SubscriptionCategory } from './state';
export { ConnectionInventorySource, type CategoryProvenance, type InventorySourceSetting, type SourceName, type ConnectionSourceOptions } from './graphSource';
export type { InventoryReads, RunContext, RunScope } from './source';
