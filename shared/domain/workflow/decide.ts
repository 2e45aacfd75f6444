import type { Principal, Role } from '../../auth/principal';
import {
  extensionRequested,
  taskDecided,
  taskResumed,
  taskReturned,
  taskSuspended,
} from '../../contracts/workflow-events';
import { checkLicenceReferences, missingMaterials, unknownCorrectionItems } from '../applications/materials';
import { apply, caseEvent, retryOnConflict } from '../applications/changes';
import type { CaseRecord, CorrectionItem } from '../applications/model';
import type { ApplicationDeps } from '../applications/ports';
import { templateOfCase } from '../applications/template';
import { provisionalMarks } from '../calendar/provisional';
import { isValidUscc } from '../catalogue/identifiers';
import { ConflictError, RuleViolationError, ValidationError } from '../errors';
import { pauseCase, resumeTask, today, unpauseCase } from './clock';
import { loadCase, loadOwnTask } from './load';
import { type DecisionChannel, type DepartmentTask, isOpen, type TaskPause, taskFields } from './task';

/**
 * 后台分类审批: the departments' review of an accepted case. The procedure state machine opens each task with a
 * token; departments decide through the to-do API, signed callbacks or the exchange folder, all through `decide`.
 * Each decision is one transaction (task, case history, event); the Task.Decided.v1 event then resumes the
 * workflow (at least once), so a decision is never lost between the database and Step Functions.
 */

export interface DecisionInput {
  readonly decision: 'approve' | 'reject' | 'return' | 'suspend' | 'resume' | 'extend';
  readonly reason?: string;
  readonly corrections?: readonly CorrectionItem[];
  readonly specialProcedure?: string;
  readonly expectedDays?: number;
  readonly days?: number;
  readonly result?: Record<string, unknown>;
}

/** Who decides: staff through the to-do API, or a department's system (a signed callback, the exchange folder). */
export interface DecisionActor {
  readonly sub: string;
  readonly role: Role | 'system';
  readonly department: string;
  readonly via: DecisionChannel;
  /** A department system's callback id: a repeated callback is recognised by it. */
  readonly callbackId?: string;
}

/** A member of department staff deciding through the to-do API. */
export function todoDecider(principal: Pick<Principal, 'sub' | 'role' | 'department'>): DecisionActor {
  return { sub: principal.sub, role: principal.role, department: principal.department ?? '', via: 'todo' };
}

const required = (value: string | undefined, path: string, what: string) => {
  if (!value?.trim())
    throw new ValidationError(`${what} needs a reason`, [
      { path, rule: 'required', message: 'a written reason is required' },
    ]);
  return value.trim();
};

/**
 * A department's decision on its task. Everything a decision changes (task, case, history, events) is one
 * transaction; the workflow resumes from the Task.Decided.v1 event.
 */
export async function decide(
  taskId: string,
  input: DecisionInput,
  actor: DecisionActor,
  deps: ApplicationDeps,
): Promise<{ task: DepartmentTask; case: CaseRecord }> {
  return retryOnConflict(async () => {
    const task = await loadOwnTask(taskId, actor, deps);
    if (task.claimedBy && task.claimedBy !== actor.sub && actor.via === 'todo')
      throw new ConflictError('Another member of staff has claimed this task');
    if (!isOpen(task)) throw new ConflictError(`The task is already ${task.status.toLowerCase()}`);
    const record = await loadCase(task.caseId, deps);
    const calendar = await deps.calendar();
    const date = today(deps);
    const at = deps.now().toISOString();
    const who = { sub: actor.sub, role: actor.role };
    const base = { ...task, version: task.version + 1 };
    const data = { taskId, department: task.department, via: actor.via };
    const review = record.review!;

    switch (input.decision) {
      case 'approve': {
        if (task.status !== 'WAITING' && task.status !== 'CLAIMED')
          throw new ConflictError(
            `A ${task.status.toLowerCase()} task cannot be approved; ${task.status === 'SUSPENDED' ? 'resume it first' : 'wait for the applicant'}`,
          );
        // A result that will become a licence's holder must be a valid 统一社会信用代码.
        if (input.result?.uscc !== undefined && !isValidUscc(input.result.uscc)) {
          throw new ValidationError('The result’s 统一社会信用代码 is not valid', [
            { path: 'body.result.uscc', rule: 'checksum', message: 'not a valid 统一社会信用代码' },
          ]);
        }
        // 容缺: a material accepted as missing must arrive before the decision.
        const template = await templateOfCase(deps.matters, record);
        const missing = missingMaterials(record, template).tolerable.filter((m) =>
          (record.tolerated ?? []).includes(m.code),
        );
        await checkLicenceReferences(record, template, deps);
        if (missing.length > 0) {
          throw new RuleViolationError(
            `Materials accepted as missing (容缺) have not arrived: ${missing.map((m) => m.name).join('、')}`,
            missing.map((m) => ({
              path: `materials.${m.code}`,
              rule: 'tolerated',
              message: `${m.name} must arrive before the decision`,
            })),
          );
        }
        const after: DepartmentTask = {
          ...base,
          status: 'APPROVED',
          decision: {
            decision: 'approve',
            by: actor.sub,
            at,
            via: actor.via,
            ...(actor.callbackId ? { callbackId: actor.callbackId } : {}),
            ...(input.reason ? { reason: input.reason } : {}),
            ...(input.result ? { result: input.result } : {}),
          },
        };
        const updated = await apply(
          record,
          [{ action: 'task-approved', actor: who, ...(input.reason ? { reason: input.reason } : {}), data }],
          deps,
          [
            caseEvent(taskDecided, record, at, {
              ...taskFields(task),
              decision: 'approve',
              via: actor.via,
              ...(input.reason ? { reason: input.reason } : {}),
            }),
          ],
          {
            tasks: [{ before: task, after }],
          },
        );
        return { task: after, case: updated };
      }
      case 'reject': {
        const reason = required(input.reason, 'body.reason', 'A rejection (不予许可)');
        const after: DepartmentTask = {
          ...base,
          status: 'REJECTED',
          decision: {
            decision: 'reject',
            by: actor.sub,
            at,
            via: actor.via,
            ...(actor.callbackId ? { callbackId: actor.callbackId } : {}),
            reason,
          },
        };
        const { pause: _p, ...unpaused } = after;
        const finalTask = task.pause ? unpaused : after;
        const patch = task.pause ? { review: unpauseCase(review, task.id, date, calendar) } : {};
        const updated = await apply(
          record,
          [{ action: 'task-rejected', actor: who, reason, data, patch }],
          deps,
          [caseEvent(taskDecided, record, at, { ...taskFields(task), decision: 'reject', reason, via: actor.via })],
          {
            tasks: [{ before: task, after: finalTask }],
          },
        );
        return { task: finalTask, case: updated };
      }
      case 'return': {
        if (task.status !== 'WAITING' && task.status !== 'CLAIMED')
          throw new ConflictError(`A ${task.status.toLowerCase()} task cannot be returned to the applicant`);
        const items = input.corrections ?? [];
        if (items.length === 0)
          throw new ValidationError('List every item to correct at once (一次性告知)', [
            { path: 'body.corrections', rule: 'required', message: 'at least one item' },
          ]);
        const template = await templateOfCase(deps.matters, record);
        const unknown = unknownCorrectionItems(items, template);
        if (unknown.length > 0)
          throw new ValidationError(
            'Some correction items name nothing in this matter',
            unknown.map((i) => ({
              path: 'body.corrections',
              rule: 'exists',
              message: `${i.target} ${i.code} does not exist`,
            })),
          );
        const pause: TaskPause = {
          kind: 'return',
          since: date,
          reason: input.reason ?? items.map((i) => i.message).join('；'),
          dueBefore: task.dueDate,
        };
        const after: DepartmentTask = { ...base, status: 'RETURNED', pause };
        const corrections = [...(record.status === 'RETURNED' ? (record.corrections ?? []) : []), ...items];
        const updated = await apply(
          record,
          [
            {
              action: 'returned',
              actor: who,
              ...(input.reason ? { reason: input.reason } : {}),
              data: { ...data, items },
              patch: { corrections, review: pauseCase(review, task.id, date) },
            },
          ],
          deps,
          [
            caseEvent(taskReturned, record, at, {
              ...taskFields(task),
              items,
              ...(input.reason ? { reason: input.reason } : {}),
            }),
          ],
          { tasks: [{ before: task, after }] },
        );
        return { task: after, case: updated };
      }
      case 'suspend': {
        if (task.status !== 'WAITING' && task.status !== 'CLAIMED')
          throw new ConflictError(`A ${task.status.toLowerCase()} task cannot be suspended`);
        const reason = required(input.reason, 'body.reason', 'A suspension (特别程序)');
        if (!input.expectedDays)
          throw new ValidationError('Say how long the special procedure is expected to take', [
            { path: 'body.expectedDays', rule: 'required', message: 'working days, at least 1' },
          ]);
        const template = await templateOfCase(deps.matters, record);
        const allowed: readonly string[] = template.matter?.procedure.pausableFor ?? [];
        if (input.specialProcedure && !allowed.includes(input.specialProcedure)) {
          throw new RuleViolationError(`This matter does not pause for ${input.specialProcedure}`, [
            {
              path: 'body.specialProcedure',
              rule: 'pausableFor',
              message: allowed.length ? `one of ${allowed.join(', ')}` : 'this matter lists no special procedures',
            },
          ]);
        }
        const pause: TaskPause = {
          kind: 'suspend',
          since: date,
          reason,
          expectedDays: input.expectedDays,
          dueBefore: task.dueDate,
          ...(input.specialProcedure ? { specialProcedure: input.specialProcedure } : {}),
        };
        const after: DepartmentTask = { ...base, status: 'SUSPENDED', pause };
        const updated = await apply(
          record,
          [
            {
              action: 'task-suspended',
              actor: who,
              reason,
              data: { ...data, expectedDays: input.expectedDays, specialProcedure: input.specialProcedure },
              patch: { review: pauseCase(review, task.id, date) },
            },
          ],
          deps,
          [
            caseEvent(taskSuspended, record, at, {
              ...taskFields(task),
              reason,
              expectedDays: input.expectedDays,
              ...(input.specialProcedure ? { specialProcedure: input.specialProcedure } : {}),
            }),
          ],
          { tasks: [{ before: task, after }] },
        );
        return { task: after, case: updated };
      }
      case 'resume': {
        if (task.status !== 'SUSPENDED') throw new ConflictError('Only a suspended task can be resumed');
        const resumed = resumeTask(task, date, calendar);
        const caseReview = unpauseCase(review, task.id, date, calendar);
        const updated = await apply(
          record,
          [
            {
              action: 'task-resumed',
              actor: who,
              ...(input.reason ? { reason: input.reason } : {}),
              data: { ...data, pausedDays: resumed.pausedDays, dueDate: resumed.task.dueDate },
              patch: { review: caseReview },
            },
          ],
          deps,
          [
            caseEvent(taskResumed, record, at, {
              ...taskFields(task),
              cause: 'department',
              pausedDays: resumed.pausedDays,
              dueDate: resumed.task.dueDate,
              caseDueDate: caseReview.dueDate,
            }),
          ],
          {
            tasks: [{ before: task, after: resumed.task }],
            items: provisionalMarks(deps, record.id, calendar, [
              [task.startDate, resumed.task.dueDate],
              [caseReview.startDate, caseReview.dueDate],
            ]),
          },
        );
        return { task: resumed.task, case: updated };
      }
      case 'extend': {
        const reason = required(input.reason, 'body.reason', 'An extension (延期)');
        if (review.extension && review.extension.status !== 'denied')
          throw new ConflictError(
            `This case's one extension was already ${review.extension.status} (行政许可法 art. 42: once per case)`,
          );
        const days = input.days ?? deps.extensionDays;
        const extension = {
          status: 'requested' as const,
          days,
          reason,
          taskId,
          requestedBy: actor.sub,
          requestedAt: at,
        };
        const updated = await apply(
          record,
          [
            {
              action: 'extension-requested',
              actor: who,
              reason,
              data: { ...data, days },
              patch: { review: { ...review, extension } },
            },
          ],
          deps,
          [caseEvent(extensionRequested, record, at, { ...taskFields(task), days, reason })],
        );
        return { task, case: updated };
      }
    }
  });
}
