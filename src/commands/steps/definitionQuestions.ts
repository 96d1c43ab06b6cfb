// The image definition a version goes into: an existing one of the gallery that can take the
// source (OS type, OS state, generation, security type; the others shown with the reason), or a
// new one whose OS type and state, Hyper-V generation, purchase plan and security type are
// carried over from the source; the security type is offered with that default and checked
// against the generation.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { GalleryImageDefinitionInput } from '../../azure';
import {
  armIdKey,
  definitionFitProblem,
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
    // Definitions that can take the source first; the others stay visible with the reason, so
    // nobody wonders where a definition went, but choosing one explains and asks again.
    const fit = all.map((d) => ({ d, problem: definitionFitProblem(d, source) }));
    const describe = (d: GalleryImageDefinition) =>
      `${d.osType} · ${d.osState} · ${d.hyperVGeneration ?? 'V1'} · ${d.securityType ?? 'Standard'} · ${l10n.t('latest {0}', inventory.latestVersion(d.id)?.name ?? l10n.t('none'))}`;
    const fitting = fit.filter((f) => !f.problem);
    const unfit = fit.filter((f) => f.problem);
    const items: PickItem<GalleryImageDefinition>[] = [
      ...fitting.map(({ d }) => ({ label: parseArmId(d.id)?.name ?? d.id, description: describe(d), detail: `${d.identifier.publisher} / ${d.identifier.offer} / ${d.identifier.sku}`, data: d })),
      { label: `$(add) ${l10n.t('New image definition…')}`, description: `${source.osType} · ${source.osState} · ${source.hyperVGeneration}`, data: NEW },
      ...(unfit.length > 0 ? [{ label: l10n.t('Cannot take {0}', source.description), kind: vscode.QuickPickItemKind.Separator, data: NEW }] : []),
      ...unfit.map(({ d, problem }) => ({
        label: `$(circle-slash) ${parseArmId(d.id)?.name ?? d.id}`,
        description: describe(d),
        detail: l10n.t('Cannot take this image: {0}', problem ?? ''),
        data: d,
      })),
    ];
    for (;;) {
      const picked = (
        await ctx.ui().pickOne(items, {
          title: l10n.t('{0}: image definition', title),
          placeHolder: l10n.t('Definitions of {0} that can take {1} ({2}, {3}, {4})', gallery.name, source.description, source.osType, source.osState, source.hyperVGeneration),
        })
      ).data;
      if (picked === NEW) break;
      const problem = definitionFitProblem(picked, source);
      if (!problem) return { id: picked.id, isNew: false };
      // Azure would refuse the version after the questions; say so now and ask again.
      void ctx.ui().showWarning(l10n.t('{0} cannot take {1}: {2}. Choose another definition or a new one.', parseArmId(picked.id)?.name ?? picked.id, source.description, problem));
    }
  }
  const names = all.map((d) => parseArmId(d.id)?.name ?? '');
  const name = await ctx.ui().inputBox({
    title: l10n.t('{0}: new image definition name', title),
    value: source.name.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || 'batch-image',
    validate: (v) => definitionNameProblem(v, names),
  });
  const publisher = await ctx.ui().inputBox({ title: l10n.t('{0}: publisher', title), value: 'BatchImages', validate: (v) => identifierProblem(v, l10n.t('publisher')) });
  const offer = await ctx.ui().inputBox({ title: l10n.t('{0}: offer', title), value: name, validate: (v) => identifierProblem(v, l10n.t('offer')) });
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
