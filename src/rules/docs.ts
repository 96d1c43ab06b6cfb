import type { RuleCode } from './types';

/** Where docs/rules.md lives in the public repository; each code is a heading anchor there. */
export const RULE_DOCS_BASE_URL = 'https://github.com/batch-images-team/azure-batch-images/blob/main/docs/rules.md';

export function ruleDocUrl(code: RuleCode | string): string {
  return `${RULE_DOCS_BASE_URL}#${code}`;
}
