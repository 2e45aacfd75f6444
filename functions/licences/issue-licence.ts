import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { paymentPaid } from '../../shared/contracts/payment-events';
import { applicationApproved } from '../../shared/contracts/workflow-events';
import { issueForCase, issueWhenDue } from '../../shared/domain/licences/issuance';
import { eventsConsumer } from '../../shared/lambda/event-consumer';
import { workflowTask } from '../../shared/lambda/workflow-task';

const app = applicationDeps();
const licences = licenceDeps();

/** Approved or paid (rule issue-licence-when-due): the case's licence is signed and registered once nothing is owed. */
const consumer = eventsConsumer([applicationApproved, paymentPaid], async ({ detail }) => {
  await issueWhenDue(String(detail.caseId), { app, licences: await licences });
});

/**
 * The IssueLicence step of the procedure's earlier definition, for the executions started on it before this release
 * (an execution keeps the definition it started with); the current one ends at the approval or the payment.
 */
const earlierStep = workflowTask(z.object({ caseId: z.string().min(1) }), async ({ caseId }) =>
  issueForCase(caseId, { app, licences: await licences }),
);

export const handler = (event: unknown, context: Context) =>
  typeof (event as { caseId?: unknown }).caseId === 'string'
    ? earlierStep(event, context)
    : consumer(event as never, context);
