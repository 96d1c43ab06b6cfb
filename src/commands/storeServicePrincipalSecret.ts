import type { ConnectionManager } from '../services/connectionManager';
import type { UserInput } from '../ui';

/** Asks for the service principal's client secret and keeps it in VS Code's SecretStorage. */
export async function storeServicePrincipalSecret(connections: ConnectionManager, ui: UserInput): Promise<void> {
  const secret = await ui.inputBox({
    title: 'Service principal client secret',
    prompt: "Stored in VS Code's secret storage (the OS keychain), never in settings.json.",
    password: true,
    validate: (value) => (value.trim() ? undefined : 'Enter the client secret.'),
  });
  await connections.storeClientSecret(secret.trim());
}
