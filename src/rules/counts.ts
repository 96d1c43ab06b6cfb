// Numbers with their nouns for messages. Pure (@vscode/l10n only).
import * as l10n from '@vscode/l10n';

/**
 * Counts with their noun: a message for one and one for many, so no text reads "1 pools"
 * (translations that do not inflect after a number, such as Turkish, give both the same form).
 */
export const countText = {
  pools: (n: number): string => (n === 1 ? l10n.t('1 pool') : l10n.t('{0} pools', n)),
  images: (n: number): string => (n === 1 ? l10n.t('1 image') : l10n.t('{0} images', n)),
  accounts: (n: number): string => (n === 1 ? l10n.t('1 account') : l10n.t('{0} accounts', n)),
  nodes: (n: number): string => (n === 1 ? l10n.t('1 node') : l10n.t('{0} nodes', n)),
  replicas: (n: number): string => (n === 1 ? l10n.t('1 replica') : l10n.t('{0} replicas', n)),
};
