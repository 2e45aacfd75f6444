import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { issueForCase, licenceState } from '../domain/licences/issuance';
import {
  caseObservation,
  type ExecutionState,
  type Observation,
  type ReconcilePorts,
  type RepairOutcome,
} from '../domain/workflow/reconcile';
import { resumeAfterDecision, TokenNotReadyError } from '../domain/workflow/resume';
import { startReview } from '../domain/workflow/start-review';
import { applicationDeps } from './application-deps';
import { dynamoDocumentClient, eventBridgeClient, sfnClient } from './aws-clients';
import { dynamoReconcileIndex } from './dynamo-reconcile-index';
import { licenceDeps } from './licence-deps';
import { stepFunctionsEngine } from './step-functions-engine';

/** Where the reconciler looks and repairs: the table, the bus and the two state machines. */

/** The case an event is about (its detail's caseId), or '' for one about none. */
export const caseIdOf = (detail: Record<string, unknown>) => String(detail.caseId ?? '');

export interface ReconcileEnvironment {
  readonly MAIN_TABLE_NAME: string;
  readonly EVENT_BUS_NAME: string;
  readonly PROCEDURE_STATE_MACHINE_ARN: string;
  readonly BUNDLE_STATE_MACHINE_ARN: string;
}

/**
 * The reconciler's ports on AWS (shared/domain/workflow/reconcile.ts): its index in the table, what a case, its
 * execution (DescribeExecution) and a task show, and the repairs (a re-put on the bus, a review started, a licence
 * issued, a waiting token answered). Reporting stays with the function, which owns the log.
 */
export function reconcilePorts(env: ReconcileEnvironment): Omit<ReconcilePorts, 'report' | 'unreadable'> {
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

  return {
    due: (until, limit) => index.due(until, limit),
    done: (event) => index.done(event),
    later: (event, at) => index.later(event, at),
    advance: (checkpoint) => index.advance(checkpoint),
    now: () => deps.now(),

    async observe(event, needs): Promise<Observation> {
      if (!needs.case) return {};
      const record = await deps.cases.get(caseIdOf(event.detail));
      if (!record) return {};
      const seen: Observation = {
        case: {
          ...caseObservation(record),
          ...(needs.licence ? { licence: await licenceState(record, { app: deps }) } : {}),
        },
      };
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
          await engine.start(machineArn(start.machine === 'bundle' ? 'bundle' : 'matter'), start.name, start.input);
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
  };
}
