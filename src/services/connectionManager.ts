// Holds the current Azure connection (who we are and where) for the VS Code side, builds it from
// settings plus a secret from SecretStorage or the environment, and tells listeners when it
// changes. The secret never goes to settings.json, the log or an error message.
import * as vscode from 'vscode';
import type { AzureConnection } from '../azure/connection';
import { affectsConnection, selectedSubscriptionFilter, authenticationMode, configSection, servicePrincipalSettings } from '../config';

export const clientSecretKey = `${configSection}.servicePrincipal.clientSecret`;
const signedInContextKey = `${configSection}.signedIn`;
/** True only when we know nobody is signed in (not while a silent sign-in is under way): the welcome view's condition. */
const signedOutContextKey = `${configSection}.signedOut`;
/** Remembered after "Sign Out" so that no silent sign-in brings the identity back until "Sign in". */
const signedOutStateKey = `${configSection}.signedOutByUser`;
/** The authentication providers of VS Code's Microsoft account (public and sovereign clouds). */
const microsoftAuthProviders = ['microsoft', 'microsoft-sovereign-cloud'];

/**
 * Applies `azureResourceGroups.selectedSubscriptions` to a service principal's subscriptions, as
 * the VS Code account's provider does for its own (entries "tenantId/subscriptionId").
 */
function withSubscriptionFilter(connection: AzureConnection): AzureConnection {
  return {
    ...connection,
    async listSubscriptions(signal) {
      const all = await connection.listSubscriptions(signal);
      const filter = selectedSubscriptionFilter().map((entry) => entry.split('/').pop()?.toLowerCase());
      return filter.length === 0 ? all : all.filter((s) => filter.includes(s.subscriptionId.toLowerCase()));
    },
  };
}

export class ConnectionManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private connection: AzureConnection | undefined;
  private connecting: Promise<AzureConnection | undefined> | undefined;

  /** Fires when the connection was made, lost or replaced. */
  readonly onDidChange = this.changed.event;

  /** Whether a connection was asked for yet (on-demand sign-in): events before that change nothing. */
  private wanted = false;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsConnection(event)) void this.reconnect();
      }),
      secrets.onDidChange((event) => {
        if (event.key === clientSecretKey) void this.reconnect();
      }),
      // Signing out of the Microsoft account, adding one or switching accounts in VS Code's
      // Accounts menu: the explorer and the diagnostics follow at once.
      vscode.authentication.onDidChangeSessions((event) => {
        if (microsoftAuthProviders.includes(event.provider.id) && authenticationMode() === 'vscode' && this.wanted) {
          this.log.info(`The ${event.provider.label} sessions changed: connecting again.`);
          void this.reconnect();
        }
      }),
    );
  }

  get current(): AzureConnection | undefined {
    return this.connection;
  }

  /**
   * Connects without prompting when everything needed is at hand (service principal settings and
   * secret, or an existing VS Code session); resolves undefined otherwise.
   */
  async connectSilently(): Promise<AzureConnection | undefined> {
    this.wanted = true;
    this.connecting ??= this.tryConnect()
      .then(
        (connection) => {
          if (!connection) this.setSignedOut(true);
          return connection;
        },
        (error: unknown) => {
          this.setSignedOut(true);
          throw error;
        },
      )
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Whether the user signed out with "Sign Out" (silent sign-in stays off until "Sign in"). */
  get signedOutByUser(): boolean {
    return this.state.get<boolean>(signedOutStateKey, false);
  }

  /** The user asked to sign in: silent sign-in may connect again. */
  async allowSignIn(): Promise<void> {
    if (this.signedOutByUser) await this.state.update(signedOutStateKey, undefined);
  }

  /** Drops the connection and connects again with the current settings. */
  async reconnect(): Promise<void> {
    this.set(undefined);
    await this.connectSilently();
  }

  async storeClientSecret(secret: string): Promise<void> {
    await this.allowSignIn();
    await this.secrets.store(clientSecretKey, secret);
  }

  /**
   * Forgets the stored secret and drops the connection; no silent sign-in (an environment
   * secret, an existing VS Code session) connects again until the user signs in.
   */
  async signOut(): Promise<void> {
    await this.state.update(signedOutStateKey, true);
    await this.secrets.delete(clientSecretKey);
    this.set(undefined);
    this.setSignedOut(true);
  }

  /** What is missing before a service principal can connect, as a sentence for the user. */
  async servicePrincipalProblem(): Promise<string | undefined> {
    const settings = servicePrincipalSettings();
    if (!settings.ok) return vscode.l10n.t('Set {0} in your user settings.', settings.missing.join(vscode.l10n.t(' and ')));
    if (!(await this.clientSecret())) return vscode.l10n.t('Store the client secret with "Azure Batch Images: Store Service Principal Secret…".');
    return undefined;
  }

  private async clientSecret(): Promise<string | undefined> {
    return (await this.secrets.get(clientSecretKey)) || process.env.AZURE_CLIENT_SECRET || undefined;
  }

  private async tryConnect(): Promise<AzureConnection | undefined> {
    if (this.connection) return this.connection;
    if (this.signedOutByUser) return undefined;
    if (authenticationMode() !== 'servicePrincipal') {
      const { connectVsCodeAccount } = await import('../azure/vscodeAccount');
      const connection = await connectVsCodeAccount({ createIfNone: false });
      this.set(connection);
      return connection;
    }
    const settings = servicePrincipalSettings();
    const secret = await this.clientSecret();
    if (!settings.ok || !secret) return undefined;
    const { createServicePrincipalConnection } = await import('../azure/connection');
    const connection = await createServicePrincipalConnection({
      tenantId: settings.value.tenantId,
      clientId: settings.value.clientId,
      clientSecret: secret,
      authorityHost: settings.value.authorityHost,
      armEndpoint: settings.value.resourceManagerEndpoint,
      portalUrl: settings.value.portalUrl,
    });
    this.log.info(vscode.l10n.t('Connected as service principal {0} to {1}', settings.value.clientId, connection.cloud.armEndpoint));
    const filtered = withSubscriptionFilter(connection);
    this.set(filtered);
    return filtered;
  }

  /** Signs in interactively with the VS Code Microsoft account. */
  async signInWithVsCodeAccount(): Promise<AzureConnection | undefined> {
    this.wanted = true;
    await this.allowSignIn();
    const { connectVsCodeAccount } = await import('../azure/vscodeAccount');
    const connection = await connectVsCodeAccount({ createIfNone: true });
    this.set(connection);
    return connection;
  }

  private set(connection: AzureConnection | undefined): void {
    if (connection === this.connection) return;
    this.connection = connection;
    void vscode.commands.executeCommand('setContext', signedInContextKey, connection !== undefined);
    if (connection) this.setSignedOut(false);
    this.changed.fire();
  }

  private signedOutShown: boolean | undefined;

  private setSignedOut(value: boolean): void {
    if (value && this.connection) return;
    if (this.signedOutShown === value) return;
    this.signedOutShown = value;
    void vscode.commands.executeCommand('setContext', signedOutContextKey, value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
