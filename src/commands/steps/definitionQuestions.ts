// The image definition a version goes into: an existing one of the gallery (same OS type), or a
// new one whose OS type and state, Hyper-V generation, purchase plan and security type are
// carried over from the source; the security type is offered with that default and checked
// against the generation.
import * as l10n from '@vscode/l10n';
import type { GalleryImageDefinitionInput } from '../../azure';
import {
  armIdKey,
  definitionSecurityProblem,
  GALLERY_SECURITY_TYPES,
  galleryImageDefinitionId,
  parseArmId,
  securityTypeProblem,
  type GalleryImageDefinition,
  type GallerySecurityType,
} from '../../model';
import type { PickItem } from '../../ui';
import type { WorkflowContext } from '../workflowContext';
import type { SourceFacts } from './publishSource';
import { definitionNameProblem, identifierProblem } from './validation';

export interface TargetGallery {
  id: string;
  location: string;
  isNew: boolean;
  resourceGroup: string;
  name: string;
}

export interface TargetDefinition {
  id: string;
  isNew: boolean;
  input?: GalleryImageDefinitionInput;
}

export async function askDefinition(ctx: WorkflowContext, title: string, source: SourceFacts, gallery: TargetGallery): Promise<TargetDefinition> {
  const inventory = ctx.services.inventory.current;
  const all = inventory.snapshot.galleryImageDefinitions.filter((d) => armIdKey(d.galleryId) === armIdKey(gallery.id));
  const NEW = { id: '' } as GalleryImageDefinition;
  if (!gallery.isNew) {
    const fitting = all.filter((d) => d.osType === source.osType);
    const items: PickItem<GalleryImageDefinition>[] = [
      ...fitting.map((d) => ({
        label: parseArmId(d.id)?.name ?? d.id,
        description: l10n.t('{0} · {1} · {2} · {3} · latest {4}', d.osType, d.osState, d.hyperVGeneration ?? 'V1', d.securityType ?? 'Standard', inventory.latestVersion(d.id)?.name ?? 'none'),
        detail: `${d.identifier.publisher} / ${d.identifier.offer} / ${d.identifier.sku}`,
        data: d,
      })),
      { label: l10n.t('$(add) New image definition…'), description: `${source.osType} · ${source.osState} · ${source.hyperVGeneration}`, data: NEW },
    ];
    for (;;) {
      const picked = (await ctx.ui().pickOne(items, { title: l10n.t('{0}: image definition', title), placeHolder: l10n.t('Definitions of {0} for {1} images', gallery.name, source.osType) })).data;
      if (picked === NEW) break;
      const problem = definitionSecurityProblem(picked.securityType, source.securityType);
      if (!problem) return { id: picked.id, isNew: false };
      // Azure would refuse the version after the questions; say so now and ask again.
      void ctx.ui().showWarning(problem);
    }
  }
  const names = all.map((d) => parseArmId(d.id)?.name ?? '');
  const name = await ctx.ui().inputBox({
    title: l10n.t('{0}: new image definition name', title),
    value: source.name.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || 'batch-image',
    validate: (v) => definitionNameProblem(v, names),
  });
  const publisher = await ctx.ui().inputBox({ title: l10n.t('{0}: publisher', title), value: 'BatchImages', validate: (v) => identifierProblem(v, 'publisher') });
  const offer = await ctx.ui().inputBox({ title: l10n.t('{0}: offer', title), value: name, validate: (v) => identifierProblem(v, 'offer') });
  const taken = all.map((d) => `${d.identifier.publisher}/${d.identifier.offer}/${d.identifier.sku}`.toLowerCase());
  const sku = await ctx.ui().inputBox({
    title: l10n.t('{0}: SKU', title),
    value: source.hyperVGeneration === 'V2' ? 'gen2' : 'gen1',
    validate: (v) => identifierProblem(v, 'SKU') ?? (taken.includes(`${publisher}/${offer}/${v}`.toLowerCase()) ? l10n.t('Another definition in this gallery has the same publisher, offer and SKU.') : undefined),
  });
  const securityType = await askSecurityType(ctx, title, source);
  return {
    id: galleryImageDefinitionId(source.subscriptionId, gallery.resourceGroup, gallery.name, name),
    isNew: true,
    input: {
      galleryId: gallery.id,
      name,
      location: gallery.location,
      osType: source.osType,
      osState: source.osState,
      hyperVGeneration: source.hyperVGeneration,
      identifier: { publisher, offer, sku },
      securityType,
      // A purchase plan on the source must stay on the definition, or VMs from it fail.
      purchasePlan: source.purchasePlan,
      description: l10n.t('Published from {0}.', source.description),
    },
  };
}

/** The source's security type first; a choice the generation cannot have is refused and asked again. */
async function askSecurityType(ctx: WorkflowContext, title: string, source: SourceFacts): Promise<GallerySecurityType> {
  const preselected = GALLERY_SECURITY_TYPES.find((t) => t.value === source.securityType) ?? GALLERY_SECURITY_TYPES[0];
  const ordered = [preselected, ...GALLERY_SECURITY_TYPES.filter((t) => t !== preselected)];
  const items: PickItem<GallerySecurityType>[] = ordered.map((t) => ({
    label: t.value,
    description: t === preselected ? l10n.t('from the source · {0}', t.description) : t.description,
    data: t.value,
  }));
  for (;;) {
    const picked = (await ctx.ui().pickOne(items, { title: l10n.t('{0}: security type', title), placeHolder: l10n.t('Security type of the definition ({0} is {1})', source.description, source.hyperVGeneration) })).data;
    const problem = securityTypeProblem(picked, source.hyperVGeneration);
    if (!problem) return picked;
    void ctx.ui().showWarning(problem);
  }
}
