// Registers the palette workflows (create image, publish, create / deploy / resize / delete pools)
// and returns the switch tests use to answer their prompts from a script.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { Explorer } from '../tree';
import { runWizard } from '../ui/wizard';
import { ScriptedUserInput, UserInputHolder, type ScriptedAnswer, type ScriptedSession, type ShownPrompt, type UserInput } from '../ui';
import { ADD_REPLICA_COMMAND, addGalleryReplicaCommand } from './addGalleryReplica';
import { CREATE_IMAGE_COMMAND, createImageFromSnapshotsCommand } from './createImageFromSnapshots';
import { CREATE_POOL_COMMAND, createPoolFromImageCommand } from './createPoolFromImage';
import { DELETE_IMAGE_COMMAND, deleteImageCommand } from './deleteImage';
import { DELETE_POOL_COMMAND, deletePoolCommand } from './deletePool';
import { DEPLOY_POOL_JSON_COMMAND, deployPoolJsonCommand } from './deployPoolJson';
import { MIGRATE_IMAGE_COMMAND, migrateImageCommand } from './migrate/migrateImage';
import { EXPORT_REPORT_COMMAND, OPEN_POOL_FILE_COMMAND } from './migrate/reportHtml';
import { IndexedRetiredPoolFiles } from './migrate/retiredPoolFiles';
import { exportMigrationReport, MigrationReportPanel, openPoolFile, SHOW_REPORT_COMMAND } from './migrate/showMigrationReport';
import { NEW_POOL_JSON_COMMAND, newPoolJsonCommand } from './newPoolJson';
import { PUBLISH_IMAGE_COMMAND, publishToGalleryCommand } from './publishToGallery';
import { registerCommand } from './registerCommand';
import { RESIZE_POOL_COMMAND, resizePoolCommand } from './resizePool';
import { argumentResourceId } from './steps/resources';
import type { WorkflowContext } from './workflowContext';

export interface WorkflowControl {
  /** Replaces the prompt implementation; undefined restores VS Code's. */
  setUserInput(input: UserInput | undefined): void;
  /** Installs a scripted prompt implementation (tests) and returns it to inspect afterwards. */
  useScriptedInput(answers: ScriptedAnswer[]): ScriptedSession;
  /** VS Code's own quick picks and input boxes, as each is shown (tests answer them through workbench commands). */
  readonly onDidShowPrompt: vscode.Event<ShownPrompt>;
}

export const WORKFLOW_COMMANDS = {
  createImageFromSnapshots: CREATE_IMAGE_COMMAND,
  publishToGallery: PUBLISH_IMAGE_COMMAND,
  addGalleryReplica: ADD_REPLICA_COMMAND,
  createPoolFromImage: CREATE_POOL_COMMAND,
  deployPoolJson: DEPLOY_POOL_JSON_COMMAND,
  newPoolJson: NEW_POOL_JSON_COMMAND,
  deleteImage: DELETE_IMAGE_COMMAND,
  deletePool: DELETE_POOL_COMMAND,
  resizePool: RESIZE_POOL_COMMAND,
  migrateImage: MIGRATE_IMAGE_COMMAND,
  showMigrationReport: SHOW_REPORT_COMMAND,
  exportMigrationReport: EXPORT_REPORT_COMMAND,
} as const;

/** The resource a tree node, report row or quick fix passes (each answers the question that picks it). */
function givenId(arg: unknown): string | undefined {
  const id = argumentResourceId(arg);
  if (id) return id;
  const fix = typeof arg === 'object' && arg !== null ? (arg as { imageId?: unknown; versionId?: unknown }) : undefined;
  const nested = fix?.imageId ?? fix?.versionId;
  return typeof nested === 'string' ? nested : undefined;
}

/**
 * The questions each command asks on its usual path from this entry point (the "of m" in its
 * titles): what the argument already answers is not counted. A run that asks more raises it, and
 * the summary, the last step, always reads "step n of n" (src/ui/wizard.ts).
 */
const USUAL_STEPS: Record<string, number | ((arg: unknown) => number)> = {
  // OS-disk snapshot (unless started on one), data-disk snapshots, resource group, name, OS type,
  // OS state, Hyper-V generation, zone resilience, summary.
  [CREATE_IMAGE_COMMAND]: (arg) => (givenId(arg) ? 8 : 9),
  // Source and managed image (unless started on an image; on a snapshot, its data-disk snapshots
  // instead), then gallery, definition, version, regions, replicas, storage, summary.
  [PUBLISH_IMAGE_COMMAND]: (arg) => {
    const id = givenId(arg);
    if (!id) return 9;
    return /\/providers\/microsoft\.compute\/snapshots\//i.test(id) ? 8 : 7;
  },
  // Version (unless given), region (unless a quick fix gives it); the replication is confirmed.
  [ADD_REPLICA_COMMAND]: (arg) => (typeof arg === 'object' && arg !== null && typeof (arg as { region?: unknown }).region === 'string' ? 0 : 1) + (givenId(arg) ? 0 : 1),
  // Image and account (a node answers one), pool id, VM size, node agent SKU, scale, dedicated,
  // Spot, resizeTimeout (the first scale, fixed size), summary.
  [CREATE_POOL_COMMAND]: (arg) => (givenId(arg) ? 9 : 10),
  [DEPLOY_POOL_JSON_COMMAND]: 2,
  // Image (unless started on one), account, pool id, VM size, node agent SKU.
  [NEW_POOL_JSON_COMMAND]: (arg) => (givenId(arg) ? 4 : 5),
  [DELETE_IMAGE_COMMAND]: 1,
  [DELETE_POOL_COMMAND]: 1,
  // Pool (unless started on one), dedicated, Spot, resizeTimeout.
  [RESIZE_POOL_COMMAND]: (arg) => (givenId(arg) ? 3 : 4),
  // Where the version comes from, then Publish's seven (gallery, definition, version, regions,
  // replicas, storage, summary); from the palette the image is asked first. The plan and the
  // deletion are confirmations, not steps.
  [MIGRATE_IMAGE_COMMAND]: (arg) => (arg === undefined ? 9 : 8),
};

/** The "of m" a command's titles start with, for this argument. */
export function usualSteps(command: string, arg?: unknown): number {
  const steps = USUAL_STEPS[command];
  return typeof steps === 'function' ? steps(arg) : (steps ?? 1);
}

export function registerWorkflowCommands(services: ExtensionServices, explorer: Explorer, input: UserInputHolder): WorkflowControl {
  const ctx: WorkflowContext = { services, explorer, ui: () => input.current };
  // One error path for every command (registerCommand → errorReporting): a failure is logged and
  // shown once, and callers (quick fixes, tests) get undefined without waiting for the notification.
  // A command run before the explorer was opened signs in and loads first, so its pickers are not
  // empty. Each run is a wizard (src/ui/wizard.ts): "step n of m" titles and Back with answers kept.
  const register = (id: string, body: (ctx: WorkflowContext, arg?: unknown) => Promise<unknown>) =>
    registerCommand(services, id, async (arg?: unknown) => {
      // Not yet signed in (the explorer never opened): say so while signing in and loading.
      if (services.inventory.signedIn) await services.inventory.ensureLoaded();
      else await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading your Azure resources…') }, () => services.inventory.ensureLoaded());
      return runWizard(() => input.current, usualSteps(id, arg), (ui) => body({ ...ctx, ui: () => ui }, arg));
    });
  register(CREATE_IMAGE_COMMAND, createImageFromSnapshotsCommand);
  register(PUBLISH_IMAGE_COMMAND, publishToGalleryCommand);
  register(ADD_REPLICA_COMMAND, addGalleryReplicaCommand);
  register(CREATE_POOL_COMMAND, createPoolFromImageCommand);
  register(DEPLOY_POOL_JSON_COMMAND, deployPoolJsonCommand);
  register(NEW_POOL_JSON_COMMAND, newPoolJsonCommand);
  register(DELETE_IMAGE_COMMAND, deleteImageCommand);
  register(DELETE_POOL_COMMAND, deletePoolCommand);
  register(RESIZE_POOL_COMMAND, resizePoolCommand);
  register(MIGRATE_IMAGE_COMMAND, migrateImageCommand);
  // The report's pool-file section: the workspace pool index the rules keep (no second scan).
  const poolFiles = new IndexedRetiredPoolFiles();
  const reportPanel = new MigrationReportPanel(ctx, poolFiles);
  services.context.subscriptions.push(reportPanel);
  register(SHOW_REPORT_COMMAND, () => reportPanel.show());
  register(EXPORT_REPORT_COMMAND, (c, format) => exportMigrationReport(c, poolFiles, format));
  registerCommand(services, OPEN_POOL_FILE_COMMAND, (uri: unknown, line: unknown) => openPoolFile(uri, line));
  return {
    setUserInput: (ui) => input.set(ui),
    onDidShowPrompt: input.onDidShowPrompt,
    useScriptedInput: (answers) => {
      const scripted = new ScriptedUserInput(answers);
      input.set(scripted);
      return scripted;
    },
  };
}
