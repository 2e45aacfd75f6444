import * as z from 'zod';
import { integrationDeps } from '../../shared/adapters/integration-deps';
import { retryDue } from '../../shared/domain/integration/deliveries';
import { workflowTask } from '../../shared/lambda/workflow-task';

const deps = integrationDeps({ attachments: true });

/** Every minute: the webhook deliveries whose next attempt is due. */
export const handler = workflowTask(z.object({}).loose(), () => retryDue(deps));
