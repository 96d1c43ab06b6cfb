// Typed access to the editor's settings: per-rule severities and the default Batch account.
import * as vscode from 'vscode';
import { RULE_CODES, type RuleCode, type RuleOptions, type Severity } from '../rules';

export const SETTINGS_SECTION = 'azureBatchImages';
export const RULES_SETTING = 'rules';
export const DEFAULT_ACCOUNT_SETTING = 'defaultBatchAccount';

export type RuleSetting = Severity | 'off';
const RULE_SETTING_VALUES: readonly RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint'];
const KNOWN_CODES: ReadonlySet<string> = new Set(RULE_CODES);

/** The `azureBatchImages.rules` object as rule overrides; unknown codes and values are ignored. */
export function ruleOverrides(scope: vscode.Uri | undefined): NonNullable<RuleOptions['overrides']> {
  const raw = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>(RULES_SETTING);
  const out: Partial<Record<RuleCode, RuleSetting>> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
    if (KNOWN_CODES.has(code) && typeof value === 'string' && (RULE_SETTING_VALUES as readonly string[]).includes(value)) {
      out[code as RuleCode] = value as RuleSetting;
    }
  }
  return out;
}

/** `azureBatchImages.defaultBatchAccount`: an account resource id, or undefined when unset. */
export function defaultAccountId(scope: vscode.Uri | undefined): string | undefined {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>(DEFAULT_ACCOUNT_SETTING);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function affectsEditorSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration(`${SETTINGS_SECTION}.${RULES_SETTING}`) ||
    event.affectsConfiguration(`${SETTINGS_SECTION}.${DEFAULT_ACCOUNT_SETTING}`)
  );
}
