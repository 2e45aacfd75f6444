import type { Principal } from '../../auth/principal';
import { taskDecided, taskEscalated, taskOpened } from '../../contracts/workflow-events';
import { actorOf, apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ApplicationDeps } from '../applications/ports';
import { provisionalMarks } from '../calendar/provisional';
import { ConflictError } from '../errors';
import { today } from './clock';
import { loadCase, loadOwnTask, requireDepartment } from './load';
import type { WorkflowEngine } from './ports';
import { type DepartmentTask, type DepartmentTaskInput, departmentTaskId, isOpen, taskFields } from './task';

/**
 * A department's tasks: opened by the procedure state machine with a token, escalated when the wait times out, and
 * claimed by a member of staff in the to-do list.
 */

export class WithdrawnError extends Error {
  override readonly name = 'Withdrawn';
}

/** A task of a stage whose earlier stages were not all approved, or of a decided case: it must not open. */
export class StageNotReachedError extends Error {
  override readonly name = 'StageNotReached';
}

/**
 * Opens a department's task with the token that resumes the workflow. Invoked again for the same task (a Lambda
 * retry, or the wait re-opened after an escalation), it keeps the task and stores the new token.
 */
export async function openTask(
  input: DepartmentTaskInput,
  deps: ApplicationDeps,
): Promise<{ taskId: string; answer?: { decision: 'approve' | 'reject'; reason?: string } }> {
  const id = departmentTaskId(input.caseId, input.stageIndex, input.task.department);
  return retryOnConflict(async () => {
    const record = await loadCase(input.caseId, deps);
    if (record.status === 'WITHDRAWN') throw new WithdrawnError(`Case ${record.number} was withdrawn`);
    if (record.status !== 'IN_REVIEW' && record.status !== 'RETURNED')
      throw new StageNotReachedError(`Case ${record.number} is ${record.status}, not in review`);
    const tasks = await deps.cases.tasksOf(record.id);
    const existing = tasks.find((t) => t.id === id);
    // Stages run in order: a stage opens only when every task before it was approved.
    const unfinished = tasks.filter((t) => t.stageIndex < input.stageIndex && t.status !== 'APPROVED');
    if (unfinished.length > 0)
      throw new StageNotReachedError(`Stage ${input.stageIndex} waits for ${unfinished.map((t) => t.id).join(', ')}`);
    if (existing) {
      if (existing.taskToken !== input.taskToken)
        await deps.cases.putTask({
          before: existing,
          after: { ...existing, taskToken: input.taskToken, version: existing.version + 1 },
        });
      // Decided while the wait was being re-opened (or its resume was lost): the new token is answered at once.
      if (existing.decision && !existing.resumedAt)
        return {
          taskId: id,
          answer: {
            decision: existing.decision.decision,
            ...(existing.decision.reason ? { reason: existing.decision.reason } : {}),
          },
        };
      return { taskId: id };
    }
    const calendar = await deps.calendar();
    const startDate = today(deps);
    const dueDate = calendar.addWorkingDays(startDate, input.task.timeLimitDays);
    const task: DepartmentTask = {
      id,
      caseId: record.id,
      caseNumber: record.number,
      matterCode: record.matterCode,
      stageIndex: input.stageIndex,
      department: input.task.department,
      name: input.task.name,
      timeLimitDays: input.task.timeLimitDays,
      taskToken: input.taskToken,
      status: 'WAITING',
      version: 1,
      openedAt: deps.now().toISOString(),
      startDate,
      dueDate,
      ...(calendar.provisionalYears(startDate, dueDate).length > 0 ? { provisional: true } : {}),
      pausedDays: 0,
      escalations: 0,
    };
    const opened = {
      action: 'task-opened' as const,
      actor: SYSTEM,
      data: { taskId: id, department: task.department, dueDate: task.dueDate },
    };
    const openedEvent = (extra: { decidedAtOpening?: true } = {}) =>
      caseEvent(taskOpened, record, task.openedAt, { ...taskFields(task), dueDate: task.dueDate, ...extra });
    // 即办件 decided on the spot: the task opens approved by the window officer; Task.Decided.v1 resumes the workflow.
    const spot = record.onTheSpot;
    if (spot?.departments.includes(task.department)) {
      const reason = '即办件当场办结 (decided on the spot under delegation)';
      const approved: DepartmentTask = {
        ...task,
        status: 'APPROVED',
        decision: { decision: 'approve', by: spot.by, at: task.openedAt, via: 'on-the-spot', reason },
      };
      await apply(
        record,
        [
          opened,
          {
            action: 'task-approved',
            actor: { sub: spot.by, role: 'window' },
            reason,
            data: { taskId: id, department: task.department, via: 'on-the-spot' },
          },
        ],
        deps,
        [
          openedEvent({ decidedAtOpening: true }),
          caseEvent(taskDecided, record, task.openedAt, {
            ...taskFields(task),
            decision: 'approve',
            via: 'on-the-spot',
            reason,
          }),
        ],
        { tasks: [{ after: approved }] },
      );
      return { taskId: id };
    }
    await apply(record, [opened], deps, [openedEvent()], {
      tasks: [{ after: task }],
      items: provisionalMarks(deps, record.id, calendar, [[startDate, task.dueDate]]),
    });
    return { taskId: id };
  });
}

/**
 * The procedure's step with a task token: the task opens (openTask), and a wait re-opened for a task decided
 * meanwhile is answered at once, so no decision waits on a lost resume.
 */
export async function openWaitingTask(
  input: DepartmentTaskInput,
  deps: ApplicationDeps,
  engine: WorkflowEngine,
): Promise<{ taskId: string }> {
  const { taskId, answer } = await openTask(input, deps);
  if (answer?.decision === 'approve') await engine.taskSuccess(input.taskToken, { taskId, decision: 'approve' });
  else if (answer)
    await engine.taskFailure(input.taskToken, 'Rejected', JSON.stringify({ taskId, reason: answer.reason ?? '' }));
  return { taskId };
}

/**
 * A task's wait timed out (a week without a decision): the department and supervision are told, unless the task
 * is legitimately paused (with the applicant, or suspended within its expected length). The wait is then re-opened.
 */
export async function escalateTask(
  input: Omit<DepartmentTaskInput, 'taskToken'>,
  deps: ApplicationDeps,
): Promise<{ escalated: boolean }> {
  const id = departmentTaskId(input.caseId, input.stageIndex, input.task.department);
  return retryOnConflict(async () => {
    const task = await deps.cases.getTask(id);
    if (!task || !isOpen(task)) return { escalated: false };
    const date = today(deps);
    const calendar = await deps.calendar();
    if (task.status === 'RETURNED') return { escalated: false };
    if (
      task.status === 'SUSPENDED' &&
      task.pause &&
      date <= calendar.addWorkingDays(task.pause.since, task.pause.expectedDays ?? 0)
    )
      return { escalated: false };
    const record = await loadCase(task.caseId, deps);
    const at = deps.now().toISOString();
    const after: DepartmentTask = {
      ...task,
      escalations: task.escalations + 1,
      lastEscalatedAt: at,
      version: task.version + 1,
    };
    const overdue = date > task.dueDate;
    await apply(
      record,
      [
        {
          action: 'task-escalated',
          actor: SYSTEM,
          data: {
            taskId: id,
            department: task.department,
            dueDate: task.dueDate,
            overdue,
            escalations: after.escalations,
          },
        },
      ],
      deps,
      [
        caseEvent(taskEscalated, record, at, {
          ...taskFields(task),
          dueDate: task.dueDate,
          overdue,
          openedAt: task.openedAt,
          escalations: after.escalations,
        }),
      ],
      { tasks: [{ before: task, after }] },
    );
    return { escalated: true };
  });
}

export async function claimTask(taskId: string, principal: Principal, deps: ApplicationDeps): Promise<DepartmentTask> {
  requireDepartment(principal);
  return retryOnConflict(async () => {
    const task = await loadOwnTask(taskId, principal, deps);
    if (task.claimedBy === principal.sub) return task;
    if (task.claimedBy) throw new ConflictError('Another member of staff has claimed this task');
    if (!isOpen(task)) throw new ConflictError(`The task is ${task.status.toLowerCase()}; there is nothing to claim`);
    const after: DepartmentTask = {
      ...task,
      claimedBy: principal.sub,
      ...(principal.name ? { claimedByName: principal.name } : {}),
      ...(task.status === 'WAITING' ? { status: 'CLAIMED' as const } : {}),
      version: task.version + 1,
    };
    const record = await loadCase(task.caseId, deps);
    await apply(record, [{ action: 'task-claimed', actor: actorOf(principal), data: { taskId } }], deps, [], {
      tasks: [{ before: task, after }],
    });
    return after;
  });
}
