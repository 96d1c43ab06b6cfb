import * as vscode from 'vscode';
import { authenticationMode, configSection, servicePrincipalSettings } from '../config';
import type { ConnectionManager } from '../services/connectionManager';
import type { UserInput } from '../ui';
import { storeServicePrincipalSecret } from './storeServicePrincipalSecret';

/**
 * Signs in the way the settings say: with the Microsoft account VS Code manages, or as the
 * configured service principal (asking for its secret when none is stored).
 */
export async function signIn(connections: ConnectionManager, ui: UserInput): Promise<void> {
  if (authenticationMode() === 'vscode') {
    const connection = await connections.signInWithVsCodeAccount();
    if (!connection) throw new Error(vscode.l10n.t('Sign-in did not complete. Try again, or use a service principal (setting azureBatchImages.authentication.mode).'));
    return;
  }
  const settings = servicePrincipalSettings();
  if (!settings.ok) {
    const open = vscode.l10n.t('Open Settings');
    const choice = await ui.showWarning(vscode.l10n.t('To sign in as a service principal, set {0} in your user settings.', settings.missing.join(vscode.l10n.t(' and '))), open);
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', `${configSection}.servicePrincipal`);
    return;
  }
  await connections.allowSignIn();
  if (await connections.servicePrincipalProblem()) await storeServicePrincipalSecret(connections, ui);
  const connection = await connections.connectSilently();
  if (!connection) throw new Error(vscode.l10n.t('Could not sign in as the service principal: check its tenant id, client id and secret.'));
}
