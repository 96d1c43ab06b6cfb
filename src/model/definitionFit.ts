// Whether an existing gallery image definition can take a version from a source (a managed image
// or disk snapshots). Azure refuses a source whose OS type, OS state or Hyper-V generation differs
// from the definition's, and a Trusted Launch disk in a definition that does not allow it; the
// Publish wizard shows such definitions with the reason instead of letting Azure refuse them.
import * as l10n from '@vscode/l10n';
import type { GalleryImageDefinition, GallerySecurityType } from './gallery';
import { definitionSecurityProblem } from './securityType';

/** What the source of a new version is, as far as the definition cares. */
export interface VersionSourceTraits {
  osType: string;
  osState: string;
  hyperVGeneration: string;
  securityType: GallerySecurityType;
}

/** Why the definition cannot take a version from the source, or undefined when it can. */
export function definitionFitProblem(definition: Pick<GalleryImageDefinition, 'osType' | 'osState' | 'hyperVGeneration' | 'securityType'>, source: VersionSourceTraits): string | undefined {
  const generation = (definition.hyperVGeneration ?? 'V1').toUpperCase();
  if (definition.osType.toLowerCase() !== source.osType.toLowerCase()) {
    return l10n.t('OS type {0}; the source is {1}', definition.osType, source.osType);
  }
  if (generation !== source.hyperVGeneration.toUpperCase()) {
    return l10n.t('Hyper-V generation {0}; the source is generation {1}', generation, source.hyperVGeneration.toUpperCase());
  }
  if (definition.osState.toLowerCase() !== source.osState.toLowerCase()) {
    return l10n.t('OS state {0}; the source is {1}', definition.osState, source.osState);
  }
  if (definitionSecurityProblem(definition.securityType, source.securityType)) {
    return l10n.t('security type {0}; the source is a Trusted Launch disk', definition.securityType ?? 'Standard');
  }
  return undefined;
}
