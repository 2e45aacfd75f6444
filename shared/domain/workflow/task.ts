import * as z from 'zod';
import { procedureTaskSchema } from '../../contracts/application-events';

/**
 * One department's part of a case (a task of a procedure stage). Step Functions waits on its task token until the
 * department decides; the token changes when the wait is re-opened after an escalation, the task's id never does.
 */
export const TASK_STATUSES = [
  'WAITING',
  'CLAIMED',
  'RETURNED',
  'SUSPENDED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses in which the task still holds a waiting token. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['WAITING', 'CLAIMED', 'RETURNED', 'SUSPENDED'];

export const DECISIONS = ['approve', 'reject', 'return', 'suspend', 'resume', 'extend'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface TaskPause {
  readonly kind: 'suspend' | 'return';
  /** The day the pause began (not counted itself). */
  readonly since: string;
  readonly reason: string;
  readonly specialProcedure?: string;
  readonly expectedDays?: number;
  /** The due date before the pause; on resume it moves by the working days the pause lasted. */
  readonly dueBefore: string;
}

export interface DepartmentTask {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly matterCode: string;
  readonly stageIndex: number;
  readonly department: string;
  readonly name: string;
  readonly timeLimitDays: number;
  readonly taskToken: string;
  readonly status: TaskStatus;
  /** Optimistic concurrency: every change increments it and is conditional on the previous value. */
  readonly version: number;
  readonly openedAt: string;
  readonly startDate: string;
  readonly dueDate: string;
  /** The due date reaches a year whose holiday notice is not loaded: counted Monday to Friday there until it is. */
  readonly provisional?: boolean;
  readonly pausedDays: number;
  readonly pause?: TaskPause;
  readonly claimedBy?: string;
  /** The claimant's name as their sign-in gave it, so colleagues see a person rather than a login id. */
  readonly claimedByName?: string;
  readonly escalations: number;
  readonly lastEscalatedAt?: string;
  /** When the waiting workflow was resumed with the decision. */
  readonly resumedAt?: string;
  readonly decision?: {
    readonly decision: 'approve' | 'reject';
    readonly by: string;
    readonly at: string;
    readonly reason?: string;
    readonly result?: Record<string, unknown>;
    /** Where the decision came from: the to-do API, a signed callback, the exchange folder. */
    readonly via: DecisionChannel;
    readonly callbackId?: string;
  };
}

/** `on-the-spot`: a window officer decided a 即办件 under the department's delegation. */
export type DecisionChannel = 'todo' | 'callback' | 'exchange' | 'webhook-answer' | 'on-the-spot';

/** The state machine's input to openDepartmentTask (and escalateTask). */
export const departmentTaskInputSchema = z.object({
  caseId: z.string().min(1),
  stageIndex: z.number().int().nonnegative(),
  task: procedureTaskSchema,
  taskToken: z.string().min(1),
});
export type DepartmentTaskInput = z.infer<typeof departmentTaskInputSchema>;

/** A task's id is derived from the case, stage and department, so a retried invocation cannot open it twice. */
export function departmentTaskId(caseId: string, stageIndex: number, department: string): string {
  return `${caseId}.${stageIndex}.${department}`;
}

export function parseTaskId(id: string): { caseId: string; stageIndex: number; department: string } | undefined {
  const match = /^([0-9a-f-]{36})\.(\d{1,3})\.([A-Z][A-Z0-9_-]{1,31})$/.exec(id);
  return match ? { caseId: match[1]!, stageIndex: Number(match[2]), department: match[3]! } : undefined;
}

export const isOpen = (task: DepartmentTask) => OPEN_TASK_STATUSES.includes(task.status);

/** The task's fields every task event carries. */
export function taskFields(task: DepartmentTask) {
  return { taskId: task.id, taskDepartment: task.department, stageIndex: task.stageIndex, taskName: task.name };
}

/** What a task looks like over HTTP: never its token (whoever holds it could resume the workflow). */
export function taskView(task: DepartmentTask) {
  const { taskToken: _token, version: _version, resumedAt: _resumed, pause, decision, ...rest } = task;
  return {
    ...rest,
    ...(pause
      ? {
          pause: {
            kind: pause.kind,
            since: pause.since,
            reason: pause.reason,
            ...(pause.specialProcedure ? { specialProcedure: pause.specialProcedure } : {}),
            ...(pause.expectedDays ? { expectedDays: pause.expectedDays } : {}),
          },
        }
      : {}),
    ...(decision
      ? {
          decision: {
            decision: decision.decision,
            by: decision.by,
            at: decision.at,
            via: decision.via,
            ...(decision.reason ? { reason: decision.reason } : {}),
          },
        }
      : {}),
  };
}
