import * as z from 'zod';
import { integrationDeps } from '../../shared/adapters/integration-deps';
import { processInbox } from '../../shared/domain/integration/exchange';
import { workflowTask } from '../../shared/lambda/workflow-task';

// Decisions from files need neither the applicants’ files nor the webhook secrets.
const deps = integrationDeps({ exchange: true });

/** Every minute: the decision files departments dropped in their exchange folders. */
export const handler = workflowTask(z.object({}).loose(), async () => {
  if (!deps.folder) throw new Error('The exchange folder is not configured');
  return processInbox({ ...deps, folder: deps.folder });
});
