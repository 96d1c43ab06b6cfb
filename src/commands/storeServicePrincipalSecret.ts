import * as vscode from 'vscode';
import type { ConnectionManager } from '../services/connectionManager';
import { UserCancelledError } from './registerCommand';

/** Asks for the service principal's client secret and keeps it in VS Code's SecretStorage. */
export async function storeServicePrincipalSecret(connections: ConnectionManager): Promise<void> {
  const secret = await vscode.window.showInputBox({
    title: 'Service principal client secret',
    prompt: 'Stored in VS Code\'s secret storage (the OS keychain), never in settings.json.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter the client secret.'),
  });
  if (secret === undefined) throw new UserCancelledError();
  await connections.storeClientSecret(secret.trim());
}
