export { main, EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, type CliIo, type CliDeps, type LiveInventoryRequest } from './main';
export { parseArgs, usage, type CheckOptions, type ParsedArgs } from './args';
export { checkFiles, type CheckInput, type CheckResult } from './check';
export { formatJson, formatText, type ReportedFinding } from './report';
