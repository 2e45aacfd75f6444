import * as z from 'zod';
import { integrationDeps } from '../../shared/adapters/integration-deps';
import { processInbox } from '../../shared/domain/integration/exchange';
import { scheduledJob } from '../../shared/lambda/workflow-task';

// Decisions from files need no applicants' files; they need the departments' secrets to check the signatures.
const deps = integrationDeps({ exchange: true });

/** Files taken after this much of the run wait for the next minute, well inside the function's 60 s timeout. */
const BUDGET_MS = 40_000;

/** Every minute: the signed decision files departments dropped in their exchange folders. */
export const handler = scheduledJob(z.object({}).loose(), async () => {
  if (!deps.folder) throw new Error('The exchange folder is not configured');
  return processInbox({ ...deps, folder: deps.folder }, { budgetMs: BUDGET_MS });
});
