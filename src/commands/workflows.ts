// Registers the palette workflows (create image, publish, create / deploy / resize / delete pools)
// and returns the switch tests use to answer their prompts from a script.
import * as l10n from '@vscode/l10n';
import type { ExtensionServices } from '../extensionServices';
import type { Explorer } from '../tree';
import { ScriptedUserInput, UserInputHolder, type ScriptedAnswer, type ScriptedSession, type UserInput } from '../ui';
import { ADD_REPLICA_COMMAND, addGalleryReplicaCommand } from './addGalleryReplica';
import { CREATE_IMAGE_COMMAND, createImageFromSnapshotsCommand } from './createImageFromSnapshots';
import { CREATE_POOL_COMMAND, createPoolFromImageCommand } from './createPoolFromImage';
import { DELETE_IMAGE_COMMAND, deleteImageCommand } from './deleteImage';
import { DELETE_POOL_COMMAND, deletePoolCommand } from './deletePool';
import { DEPLOY_POOL_JSON_COMMAND, deployPoolJsonCommand } from './deployPoolJson';
import { NEW_POOL_JSON_COMMAND, newPoolJsonCommand } from './newPoolJson';
import { PUBLISH_IMAGE_COMMAND, publishToGalleryCommand } from './publishToGallery';
import { registerCommand, UserCancelledError } from './registerCommand';
import { RESIZE_POOL_COMMAND, resizePoolCommand } from './resizePool';
import { errorText, type WorkflowContext } from './workflowContext';

export interface WorkflowControl {
  /** Replaces the prompt implementation; undefined restores VS Code's. */
  setUserInput(input: UserInput | undefined): void;
  /** Installs a scripted prompt implementation (tests) and returns it to inspect afterwards. */
  useScriptedInput(answers: ScriptedAnswer[]): ScriptedSession;
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
} as const;

export function registerWorkflowCommands(services: ExtensionServices, explorer: Explorer, input = new UserInputHolder()): WorkflowControl {
  const ctx: WorkflowContext = { services, explorer, ui: () => input.current };
  // Failures are reported through the prompt layer without waiting for the notification to be
  // dismissed, so callers (quick fixes, tests) get their answer (undefined) at once; a cancelled
  // prompt goes on to registerCommand, which ends the command quietly.
  const register = (id: string, body: (ctx: WorkflowContext, arg?: unknown) => Promise<unknown>) =>
    registerCommand(
      services.context,
      id,
      async (arg?: unknown) => {
        try {
          return await body(ctx, arg);
        } catch (error) {
          if (error instanceof UserCancelledError) throw error;
          services.log.error(l10n.t('{0} failed: {1}', id, errorText(error)));
          void ctx.ui().showError(errorText(error), l10n.t('Show Log')).then((choice) => {
            if (choice === 'Show Log') services.log.show(true);
          });
          return undefined;
        }
      },
      services.log,
    );
  register(CREATE_IMAGE_COMMAND, createImageFromSnapshotsCommand);
  register(PUBLISH_IMAGE_COMMAND, publishToGalleryCommand);
  register(ADD_REPLICA_COMMAND, addGalleryReplicaCommand);
  register(CREATE_POOL_COMMAND, createPoolFromImageCommand);
  register(DEPLOY_POOL_JSON_COMMAND, deployPoolJsonCommand);
  register(NEW_POOL_JSON_COMMAND, newPoolJsonCommand);
  register(DELETE_IMAGE_COMMAND, deleteImageCommand);
  register(DELETE_POOL_COMMAND, deletePoolCommand);
  register(RESIZE_POOL_COMMAND, resizePoolCommand);
  return {
    setUserInput: (ui) => input.set(ui),
    useScriptedInput: (answers) => {
      const scripted = new ScriptedUserInput(answers);
      input.set(scripted);
      return scripted;
    },
  };
}
