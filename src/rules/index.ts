// Public surface of the rules: pure functions from (PoolSpec, context) to findings.
export * from './types';
export { RULES, ruleInfo, type RuleInfo } from './catalogue';
export { runRules, rulesForLivePool, rulesForImage, livePoolToSpec } from './runRules';
export { fixEdits, isTextFix } from './fixEdits';
export { ruleDocUrl, RULE_DOCS_BASE_URL } from './docs';
export { parseIsoDuration, minutesToIsoDuration } from './duration';
export { resolveImage, resolveImageId, type ResolvedImage } from './resolve';
export { skuCandidates, requiredPoolSecurityType, END_OF_LIFE_WARNING_DAYS } from './nodeAgentRules';
export { imageCandidates, MANAGED_IMAGE_RETIREMENT } from './imageIdentityRules';
export {
  MANAGED_IMAGE_DEDICATED_LIMIT,
  MANAGED_IMAGE_LOW_PRIORITY_LIMIT,
  LARGE_POOL_NODES,
  NODES_PER_REPLICA,
  recommendedResizeTimeoutMinutes,
} from './scaleRules';
export { RULE_NEEDS, rulesNeeding } from './ruleNeeds';
export {
  buildMigrationReport,
  isRetiredPoolImage,
  plannedNodes,
  replicasForNodes,
  versionsMadeFrom,
  type ExistingVersion,
  type MigrationReport,
  type MigrationReportOptions,
  type MigrationTotals,
  type RegionNeed,
  type RetiredImageGroup,
  type RetiredPoolRow,
} from './migrationReport';
export { countText } from './counts';
export { formatMigrationReport, migrationReportCsv, migrationSummaryText, migrationReportMarkdown, needsText, poolStatusText, retiredPoolFiles, sourcesText, type MigrationReportFormat, type RetiredPoolFile } from './migrationExport';
export {
  MIGRATION_SOURCE_TAG,
  POOL_IMAGE_UPDATE_MIN_API_VERSION,
  poolMigrationMethod,
  replacementPoolBody,
  replacementPoolName,
  securityProfileFor,
  type ImageChange,
  type PoolMethodDecision,
  type PoolMigrationMethod,
  type ReplacementPoolBody,
} from './migrationPlan';
