import * as vscode from 'vscode';

/** The Azure Resource Manager scope; a session for it proves the user can list subscriptions. */
const armScope = 'https://management.azure.com/.default';

/** Signs in with the Microsoft account VS Code manages (its built-in authentication provider). */
export async function signIn(): Promise<void> {
  const providerMissing = 'No Microsoft account provider is available in this VS Code';
  let session: vscode.AuthenticationSession | undefined;
  try {
    session = await vscode.authentication.getSession('microsoft', [armScope], { createIfNone: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`${providerMissing} (${detail}). Use desktop VS Code, or connect with a service principal.`);
  }
  await vscode.window.showInformationMessage(`Signed in to Azure as ${session.account.label}.`);
}
