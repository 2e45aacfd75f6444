import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { issueForCase } from '../../shared/domain/licences/issuance';
import { workflowTask } from '../../shared/lambda/workflow-task';

const app = applicationDeps();
const licences = licenceDeps();

/** The procedure's step after approval: the case's licence is issued (signed), and the case is ISSUED. */
export const handler = workflowTask(z.object({ caseId: z.string().min(1) }), async ({ caseId }) =>
  issueForCase(caseId, { app, licences: await licences }),
);
