import * as l10n from '@vscode/l10n';
import type { ConnectionManager } from '../services/connectionManager';
import type { UserInput } from '../ui';

/** Asks for the service principal's client secret and keeps it in VS Code's SecretStorage. */
export async function storeServicePrincipalSecret(connections: ConnectionManager, ui: UserInput): Promise<void> {
  const secret = await ui.inputBox({
    title: l10n.t('Service principal client secret'),
    prompt: l10n.t('Stored in VS Code\'s secret storage (the OS keychain), never in settings.json.'),
    password: true,
    validate: (value) => (value.trim() ? undefined : l10n.t('Enter the client secret.')),
  });
  await connections.storeClientSecret(secret.trim());
}
