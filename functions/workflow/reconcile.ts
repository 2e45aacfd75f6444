import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { applicationDeps } from '../../shared/adapters/application-deps';
import { dynamoDocumentClient, eventBridgeClient, sfnClient } from '../../shared/adapters/aws-clients';
import { dynamoReconcileIndex } from '../../shared/adapters/dynamo-reconcile-index';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { stepFunctionsEngine } from '../../shared/adapters/step-functions-engine';
import { parseEnv } from '../../shared/config/env';
import { issueForCase } from '../../shared/domain/licences/issuance';
import {
  caseObservation,
  type ExecutionState,
  findingMessage,
  type Observation,
  RECONCILE_DEFAULTS,
  reconcile,
  type ReconcilePorts,
  type RepairOutcome,
} from '../../shared/domain/workflow/reconcile';
import { resumeAfterDecision, TokenNotReadyError } from '../../shared/domain/workflow/resume';
import { startReview } from '../../shared/domain/workflow/start-review';
import { logger } from '../../shared/lambda/logger';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const env = parseEnv({
  MAIN_TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  PROCEDURE_STATE_MACHINE_ARN: z.string().min(1),
  BUNDLE_STATE_MACHINE_ARN: z.string().min(1),
  /** Minutes the normal path gets before the reconciler steps in. */
  RECONCILE_GRACE_MINUTES: z.coerce.number().nonnegative().default(RECONCILE_DEFAULTS.graceMinutes),
});
const deps = applicationDeps();
const engine = stepFunctionsEngine(sfnClient());
const index = dynamoReconcileIndex(dynamoDocumentClient(), env.MAIN_TABLE_NAME);
const licences = licenceDeps();

const machineArn = (kind: 'matter' | 'bundle' | undefined) =>
  kind === 'bundle' ? env.BUNDLE_STATE_MACHINE_ARN : env.PROCEDURE_STATE_MACHINE_ARN;
/** A state machine's execution of a given name: the same ARN with `execution` for `stateMachine`, and the name. */
const executionArn = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

async function executionState(kind: 'matter' | 'bundle' | undefined, caseId: string): Promise<ExecutionState> {
  try {
    const { status } = await sfnClient().send(
      new DescribeExecutionCommand({ executionArn: executionArn(machineArn(kind), caseId) }),
    );
    return (status as ExecutionState | undefined) ?? 'NONE';
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return 'NONE';
    throw error;
  }
}

const caseIdOf = (detail: Record<string, unknown>) => String(detail.caseId ?? '');

const ports: ReconcilePorts = {
  due: (until, limit) => index.due(until, limit),
  done: (event) => index.done(event),
  later: (event, at) => index.later(event, at),
  now: () => deps.now(),

  async observe(event, needs): Promise<Observation> {
    if (!needs.case) return {};
    const record = await deps.cases.get(caseIdOf(event.detail));
    if (!record) return {};
    const seen: Observation = { case: caseObservation(record) };
    const execution = needs.execution ? await executionState(record.kind, record.id) : undefined;
    const task = needs.task ? await deps.cases.getTask(needs.task) : undefined;
    return {
      ...seen,
      ...(execution ? { execution } : {}),
      ...(needs.task ? { task: { decided: Boolean(task?.decision), resumed: Boolean(task?.resumedAt) } } : {}),
    };
  },

  async repair(event, repair): Promise<RepairOutcome> {
    const caseId = caseIdOf(event.detail);
    switch (repair.action) {
      case 'republish': {
        const { Entries } = await eventBridgeClient().send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: env.EVENT_BUS_NAME,
                Source: event.source,
                DetailType: event.detailType,
                Detail: JSON.stringify({ ...event.detail, eventId: event.eventId, occurredAt: event.occurredAt }),
                Time: new Date(event.occurredAt),
              },
            ],
          }),
        );
        if (!Entries?.[0]?.EventId)
          throw Object.assign(new Error(Entries?.[0]?.ErrorMessage ?? 'not put'), {
            name: Entries?.[0]?.ErrorCode ?? 'PutEventsFailed',
          });
        await index.relayed(event, deps.now().toISOString());
        return 'repaired';
      }
      case 'start-review': {
        const start = await startReview(caseId, deps);
        if (!start) return 'repaired';
        await engine.start(
          start.machine === 'bundle' ? env.BUNDLE_STATE_MACHINE_ARN : env.PROCEDURE_STATE_MACHINE_ARN,
          start.name,
          start.input,
        );
        return 'repaired';
      }
      case 'issue-licence': {
        await issueForCase(caseId, { app: deps, licences: await licences });
        return 'repaired';
      }
      case 'resume-task': {
        try {
          await resumeAfterDecision(
            { taskId: repair.taskId, decision: repair.decision, ...(repair.reason ? { reason: repair.reason } : {}) },
            deps,
            engine,
          );
          return 'repaired';
        } catch (error) {
          // The wait is being re-opened after a timeout: its new token is answered when it opens.
          if (error instanceof TokenNotReadyError) return 'not-yet';
          throw error;
        }
      }
      case 'answer-payment': {
        const answered = await engine.taskSuccess(repair.taskToken, { caseId, payment: 'PAID' });
        return answered === 'done' ? 'repaired' : 'not-yet';
      }
    }
  },

  report({ kind, event, repair, outcome, error }) {
    // Ids and kinds only: no personal data. The message is the metric filter's: one metric and alarm per kind.
    const fields = {
      kind,
      eventId: event.eventId,
      detailType: event.detailType,
      caseId: caseIdOf(event.detail) || undefined,
      repair,
      outcome,
      ...(error ? { error } : {}),
    };
    if (outcome === 'failed') logger.error(findingMessage(kind), fields);
    else logger.warn(findingMessage(kind), fields);
  },

  unreadable(event, error) {
    logger.error('reconcile: item not examined', {
      eventId: event.eventId,
      detailType: event.detailType,
      error: error.name,
    });
  },
};

/** Every 15 minutes: what is stuck is found, logged and counted (an alarm per kind), and repaired. */
export const handler = scheduledJob(z.object({}).loose(), async () => {
  const result = await reconcile(ports, { ...RECONCILE_DEFAULTS, graceMinutes: env.RECONCILE_GRACE_MINUTES });
  // Kinds as values: the logger masks keys that look like secrets ("…token").
  logger.info('reconciled', {
    examined: result.examined,
    repaired: result.repaired,
    failed: result.failed,
    findings: Object.entries(result.findings).map(([kind, count]) => ({ kind, count })),
  });
  return result;
});
