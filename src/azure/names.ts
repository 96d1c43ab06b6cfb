// The access layer's one gate for names and ids: every read and write takes the names it puts into
// a URL from here, so a name from a document, a prompt or an Azure response is checked against
// Azure's naming rules (src/model/azureNames.ts) before the URL exists. A refused name becomes an
// AzureError the commands and the CLI show as they show Azure's own errors; nothing is sent.
import * as l10n from '@vscode/l10n';
import { azureNameProblem, checkArmId, type ArmId, type AzureNameKind } from '../model';
import { AzureError } from './errors';

/** `name` when it is a valid `kind` name; throws `InvalidResourceName` otherwise. */
export function checkedName(kind: AzureNameKind, name: string): string {
  const problem = azureNameProblem(kind, name);
  if (problem) throw new AzureError({ code: 'InvalidResourceName', message: problem });
  return name;
}

/** The parsed id when it is a `type` id whose every segment is valid; throws `InvalidResourceId` otherwise. */
export function checkedArmId(id: string, type: string): ArmId {
  const checked = checkArmId(id, type);
  if (!checked.ok) throw new AzureError({ code: 'InvalidResourceId', message: checked.problem });
  return checked.id;
}

/** Parts of a checked id: subscription, resource group and the names below the provider. */
export function checkedParts(id: string, type: string): { subscriptionId: string; resourceGroup: string; names: readonly string[] } {
  const p = checkedArmId(id, type);
  return { subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup ?? '', names: p.names };
}

/**
 * A Batch account endpoint from ARM (`host[:port][/path]`, optionally with `https://`) as the
 * data-plane base URL: https, no credentials, query or fragment, and no `.`/`..` path segment
 * (the URL parser would resolve them into another path).
 */
export function checkedBatchUrl(batchUrl: string, accountEndpoint: string): string {
  let url: URL | undefined;
  try {
    url = new URL(batchUrl);
  } catch {
    url = undefined;
  }
  const rawPath = batchUrl.replace(/^https?:\/\/[^/]*/i, '');
  const dotSegment = rawPath.split('/').some((s) => {
    const decoded = s.replace(/%2e/gi, '.');
    return decoded === '.' || decoded === '..';
  });
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.search || url.hash || dotSegment) {
    throw new AzureError({
      code: 'InvalidAccountEndpoint',
      message: l10n.t('The Batch account endpoint {0} is not a usable https address.', JSON.stringify(accountEndpoint.slice(0, 200))),
    });
  }
  return batchUrl;
}
