import { reachesRegion } from '../access/scope';
import type { Principal, Role } from '../../auth/principal';
import {
  applicationApproved,
  applicationExtended,
  applicationRejected,
  correctionSubmitted,
  extensionDenied,
  extensionRequested,
  reviewFailed,
  reviewStarted,
  taskDecided,
  taskEscalated,
  taskOpened,
  taskResumed,
  taskReturned,
  taskSuspended,
} from '../../contracts/events';
import { checkLicenceReferences, missingMaterials, unknownCorrectionItems } from '../applications/materials';
import type { ApplicationDeps } from '../applications/ports';
import { actorOf, apply, caseEvent, type CaseChange, retryOnConflict, SYSTEM } from '../applications/changes';
import type { CaseRecord, CorrectionItem, ReviewState } from '../applications/model';
import { templateOfCase } from '../applications/template';
import { flagged, provisionalMarks } from '../calendar/provisional';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import { bundlePromisedLimit } from '../catalogue/bundle-limit';
import { isValidUscc } from '../catalogue/identifiers';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../errors';
import { openPostCheck } from './post-check';
import { type DecisionChannel, type DepartmentTask, type DepartmentTaskInput, departmentTaskId, isOpen, type TaskPause } from './task';

/**
 * 后台分类审批: the departments' review of an accepted case. The procedure state machine opens each task with a
 * token; departments decide through the to-do API, signed callbacks or the exchange folder, all through `decide`.
 * Each decision is one transaction (task, case history, event); the Task.Decided.v1 event then resumes the
 * workflow (at least once), so a decision is never lost between the database and Step Functions.
 *
 * Deadlines are Asia/Shanghai dates counted in working days (行政许可法 art. 82: the day of the event is not
 * counted). Pauses (special procedures, art. 45, and time with the applicant) push deadlines out by the working
 * days they lasted. A deadline reaching a year whose holiday notice is not loaded is counted Monday to Friday there,
 * flagged provisional and its case listed for re-dating (calendar/redate.ts): nothing here fails for a late notice.
 */

export class WithdrawnError extends Error {
  override readonly name = 'Withdrawn';
}

/** A task of a stage whose earlier stages were not all approved, or of a decided case: it must not open. */
export class StageNotReachedError extends Error {
  override readonly name = 'StageNotReached';
}

const today = (deps: Pick<ApplicationDeps, 'now'>) => toShanghaiDate(deps.now());

function taskFields(task: DepartmentTask) {
  return { taskId: task.id, taskDepartment: task.department, stageIndex: task.stageIndex, taskName: task.name };
}

async function loadCase(caseId: string, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await deps.cases.get(caseId);
  if (!record) throw new NotFoundError(`No case ${caseId}`);
  return record;
}

// ---- the clock ----

/** A pause starts: the case's clock stops with its first holder. */
function pauseCase(review: ReviewState, holder: string, date: string): ReviewState {
  const heldBy = [...new Set([...(review.pause?.heldBy ?? []), holder])];
  return { ...review, pause: { since: review.pause?.since ?? date, heldBy } };
}

/** A holder lets go; when the last one does, the case's deadline moves by the working days the pause lasted. */
function unpauseCase(review: ReviewState, holder: string, date: string, calendar: WorkingDayCalendar): ReviewState {
  if (!review.pause?.heldBy.includes(holder)) return review;
  const heldBy = review.pause.heldBy.filter((h) => h !== holder);
  if (heldBy.length > 0) return { ...review, pause: { since: review.pause.since, heldBy } };
  const paused = calendar.workingDaysBetween(review.pause.since, date);
  const { pause: _ended, ...rest } = review;
  const dueDate = calendar.addWorkingDays(review.dueDate, paused);
  return flagged({ ...rest, pausedDays: review.pausedDays + paused, dueDate }, calendar, review.startDate, dueDate);
}

/** The task's own clock restarts: its due date moves by the working days of its pause. */
function resumeTask(task: DepartmentTask, date: string, calendar: WorkingDayCalendar): { task: DepartmentTask; pausedDays: number } {
  const pause = task.pause!;
  const pausedDays = calendar.workingDaysBetween(pause.since, date);
  const { pause: _ended, ...rest } = task;
  const dueDate = calendar.addWorkingDays(pause.dueBefore, pausedDays);
  return {
    task: flagged({ ...rest, status: task.claimedBy ? 'CLAIMED' : 'WAITING', version: task.version + 1, pausedDays: task.pausedDays + pausedDays, dueDate }, calendar, task.startDate, dueDate),
    pausedDays,
  };
}

// ---- starting the review ----

export type ExecutionStart =
  | { readonly machine: 'procedure'; readonly name: string; readonly input: { caseId: string; stages: { tasks: DepartmentTaskInput['task'][] }[] } }
  | { readonly machine: 'bundle'; readonly name: string; readonly input: { caseId: string; waves: { members: { matterCode: string }[] }[] } };

/**
 * An accepted case enters review: its deadline is set (promised limit in working days from the day of acceptance;
 * for a bundle, the longest path through its waves), and the state machine to start is returned. The execution is
 * named after the case, so starting it again cannot run it twice.
 */
export async function startReview(caseId: string, deps: ApplicationDeps): Promise<ExecutionStart | undefined> {
  const template = await (async () => templateOfCase(deps.matters, await loadCase(caseId, deps)))();
  const record = await retryOnConflict(async () => {
    const current = await loadCase(caseId, deps);
    if (current.status !== 'ACCEPTED') return current;
    const calendar = await deps.calendar();
    const startDate = toShanghaiDate(current.acceptedAt ?? deps.now());
    const limitDays = template.bundle ? bundlePromisedLimit(template.bundle.content, template.bundle.members) : template.matter!.promisedLimitDays;
    const dueDate = calendar.addWorkingDays(startDate, limitDays);
    const review = flagged<ReviewState>({ startedAt: deps.now().toISOString(), startDate, limitDays, dueDate, pausedDays: 0 }, calendar, startDate, dueDate);
    const members = template.bundle?.waves.flatMap((wave, w) => wave.map((matterCode) => ({ matterCode, wave: w, status: 'PENDING' as const })));
    return apply(current, [{ action: 'review-started', actor: SYSTEM, data: { dueDate: review.dueDate, limitDays }, patch: { review, ...(members ? { members } : {}) } }], deps, [
      caseEvent(reviewStarted, current, review.startedAt, { startDate, limitDays, dueDate: review.dueDate }),
    ], { items: provisionalMarks(deps, current.id, calendar, [[startDate, dueDate]]) });
  });
  if (record.status === 'WITHDRAWN' || record.status === 'REFUSED') return undefined;
  if (template.bundle) {
    return { machine: 'bundle', name: record.id, input: { caseId: record.id, waves: template.bundle.waves.map((wave) => ({ members: wave.map((matterCode) => ({ matterCode })) })) } };
  }
  return { machine: 'procedure', name: record.id, input: { caseId: record.id, stages: template.matter!.procedure.stages.map((s) => ({ tasks: s.tasks })) } };
}

// ---- tasks, from the state machine ----

/**
 * Opens a department's task with the token that resumes the workflow. Invoked again for the same task (a Lambda
 * retry, or the wait re-opened after an escalation), it keeps the task and stores the new token.
 */
export async function openTask(input: DepartmentTaskInput, deps: ApplicationDeps): Promise<{ taskId: string; answer?: { decision: 'approve' | 'reject'; reason?: string } }> {
  const id = departmentTaskId(input.caseId, input.stageIndex, input.task.department);
  return retryOnConflict(async () => {
    const record = await loadCase(input.caseId, deps);
    if (record.status === 'WITHDRAWN') throw new WithdrawnError(`Case ${record.number} was withdrawn`);
    if (record.status !== 'IN_REVIEW' && record.status !== 'RETURNED') throw new StageNotReachedError(`Case ${record.number} is ${record.status}, not in review`);
    const tasks = await deps.cases.tasksOf(record.id);
    const existing = tasks.find((t) => t.id === id);
    // Stages run in order: a stage opens only when every task before it was approved.
    const unfinished = tasks.filter((t) => t.stageIndex < input.stageIndex && t.status !== 'APPROVED');
    if (unfinished.length > 0) throw new StageNotReachedError(`Stage ${input.stageIndex} waits for ${unfinished.map((t) => t.id).join(', ')}`);
    if (existing) {
      if (existing.taskToken !== input.taskToken) await deps.cases.putTask({ before: existing, after: { ...existing, taskToken: input.taskToken, version: existing.version + 1 } });
      // Decided while the wait was being re-opened (or its resume was lost): the new token is answered at once.
      if (existing.decision && !existing.resumedAt) return { taskId: id, answer: { decision: existing.decision.decision, ...(existing.decision.reason ? { reason: existing.decision.reason } : {}) } };
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
    const opened = { action: 'task-opened' as const, actor: SYSTEM, data: { taskId: id, department: task.department, dueDate: task.dueDate } };
    const openedEvent = caseEvent(taskOpened, record, task.openedAt, { ...taskFields(task), dueDate: task.dueDate });
    // 即办件 decided on the spot: the task opens approved by the window officer; Task.Decided.v1 resumes the workflow.
    const spot = record.onTheSpot;
    if (spot?.departments.includes(task.department)) {
      const reason = '即办件当场办结 (decided on the spot under delegation)';
      const approved: DepartmentTask = { ...task, status: 'APPROVED', decision: { decision: 'approve', by: spot.by, at: task.openedAt, via: 'on-the-spot', reason } };
      await apply(
        record,
        [opened, { action: 'task-approved', actor: { sub: spot.by, role: 'window' }, reason, data: { taskId: id, department: task.department, via: 'on-the-spot' } }],
        deps,
        [openedEvent, caseEvent(taskDecided, record, task.openedAt, { ...taskFields(task), decision: 'approve', via: 'on-the-spot', reason })],
        { tasks: [{ after: approved }] },
      );
      return { taskId: id };
    }
    await apply(record, [opened], deps, [openedEvent], { tasks: [{ after: task }], items: provisionalMarks(deps, record.id, calendar, [[startDate, task.dueDate]]) });
    return { taskId: id };
  });
}

/**
 * A task's wait timed out (a week without a decision): the department and supervision are told, unless the task
 * is legitimately paused (with the applicant, or suspended within its expected length). The wait is then re-opened.
 */
export async function escalateTask(input: Omit<DepartmentTaskInput, 'taskToken'>, deps: ApplicationDeps): Promise<{ escalated: boolean }> {
  const id = departmentTaskId(input.caseId, input.stageIndex, input.task.department);
  return retryOnConflict(async () => {
    const task = await deps.cases.getTask(id);
    if (!task || !isOpen(task)) return { escalated: false };
    const date = today(deps);
    const calendar = await deps.calendar();
    if (task.status === 'RETURNED') return { escalated: false };
    if (task.status === 'SUSPENDED' && task.pause && date <= calendar.addWorkingDays(task.pause.since, task.pause.expectedDays ?? 0)) return { escalated: false };
    const record = await loadCase(task.caseId, deps);
    const at = deps.now().toISOString();
    const after: DepartmentTask = { ...task, escalations: task.escalations + 1, lastEscalatedAt: at, version: task.version + 1 };
    const overdue = date > task.dueDate;
    await apply(
      record,
      [{ action: 'task-escalated', actor: SYSTEM, data: { taskId: id, department: task.department, dueDate: task.dueDate, overdue, escalations: after.escalations } }],
      deps,
      [caseEvent(taskEscalated, record, at, { ...taskFields(task), dueDate: task.dueDate, overdue, openedAt: task.openedAt, escalations: after.escalations })],
      { tasks: [{ before: task, after }] },
    );
    return { escalated: true };
  });
}

// ---- the to-do API: list, claim, decide ----

/** Department staff act on their own department's tasks only; anyone else is told the task does not exist. */
async function loadOwnTask(taskId: string, actor: { department?: string }, deps: ApplicationDeps): Promise<DepartmentTask> {
  const task = await deps.cases.getTask(taskId);
  if (!task || !actor.department || task.department !== actor.department) throw new NotFoundError(`No task ${taskId}`);
  return task;
}

function requireDepartment(principal: Principal): void {
  if (principal.role !== 'department' || !principal.department) throw new ForbiddenError('Only department staff act on department tasks');
}

export async function claimTask(taskId: string, principal: Principal, deps: ApplicationDeps): Promise<DepartmentTask> {
  requireDepartment(principal);
  return retryOnConflict(async () => {
    const task = await loadOwnTask(taskId, principal, deps);
    if (task.claimedBy === principal.sub) return task;
    if (task.claimedBy) throw new ConflictError('Another member of staff has claimed this task');
    if (!isOpen(task)) throw new ConflictError(`The task is ${task.status.toLowerCase()}; there is nothing to claim`);
    const after: DepartmentTask = { ...task, claimedBy: principal.sub, ...(principal.name ? { claimedByName: principal.name } : {}), ...(task.status === 'WAITING' ? { status: 'CLAIMED' as const } : {}), version: task.version + 1 };
    const record = await loadCase(task.caseId, deps);
    await apply(record, [{ action: 'task-claimed', actor: actorOf(principal), data: { taskId } }], deps, [], { tasks: [{ before: task, after }] });
    return after;
  });
}

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

const required = (value: string | undefined, path: string, what: string) => {
  if (!value?.trim()) throw new ValidationError(`${what} needs a reason`, [{ path, rule: 'required', message: 'a written reason is required' }]);
  return value.trim();
};

/**
 * A department's decision on its task. Everything a decision changes (task, case, history, events) is one
 * transaction; the workflow resumes from the Task.Decided.v1 event.
 */
export async function decide(taskId: string, input: DecisionInput, actor: DecisionActor, deps: ApplicationDeps): Promise<{ task: DepartmentTask; case: CaseRecord }> {
  return retryOnConflict(async () => {
    const task = await loadOwnTask(taskId, actor, deps);
    if (task.claimedBy && task.claimedBy !== actor.sub && actor.via === 'todo') throw new ConflictError('Another member of staff has claimed this task');
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
        if (task.status !== 'WAITING' && task.status !== 'CLAIMED') throw new ConflictError(`A ${task.status.toLowerCase()} task cannot be approved; ${task.status === 'SUSPENDED' ? 'resume it first' : 'wait for the applicant'}`);
        // A result that will become a licence's holder must be a valid 统一社会信用代码.
        if (input.result?.uscc !== undefined && !isValidUscc(input.result.uscc)) {
          throw new ValidationError('The result’s 统一社会信用代码 is not valid', [{ path: 'body.result.uscc', rule: 'checksum', message: 'not a valid 统一社会信用代码' }]);
        }
        // 容缺: a material accepted as missing must arrive before the decision.
        const template = await templateOfCase(deps.matters, record);
        const missing = missingMaterials(record, template).tolerable.filter((m) => (record.tolerated ?? []).includes(m.code));
        await checkLicenceReferences(record, template, deps);
        if (missing.length > 0) {
          throw new RuleViolationError(`Materials accepted as missing (容缺) have not arrived: ${missing.map((m) => m.name).join('、')}`, missing.map((m) => ({ path: `materials.${m.code}`, rule: 'tolerated', message: `${m.name} must arrive before the decision` })));
        }
        const after: DepartmentTask = { ...base, status: 'APPROVED', decision: { decision: 'approve', by: actor.sub, at, via: actor.via, ...(actor.callbackId ? { callbackId: actor.callbackId } : {}), ...(input.reason ? { reason: input.reason } : {}), ...(input.result ? { result: input.result } : {}) } };
        const updated = await apply(record, [{ action: 'task-approved', actor: who, ...(input.reason ? { reason: input.reason } : {}), data }], deps, [caseEvent(taskDecided, record, at, { ...taskFields(task), decision: 'approve', via: actor.via, ...(input.reason ? { reason: input.reason } : {}) })], {
          tasks: [{ before: task, after }],
        });
        return { task: after, case: updated };
      }
      case 'reject': {
        const reason = required(input.reason, 'body.reason', 'A rejection (不予许可)');
        const after: DepartmentTask = { ...base, status: 'REJECTED', decision: { decision: 'reject', by: actor.sub, at, via: actor.via, ...(actor.callbackId ? { callbackId: actor.callbackId } : {}), reason } };
        const { pause: _p, ...unpaused } = after;
        const finalTask = task.pause ? unpaused : after;
        const patch = task.pause ? { review: unpauseCase(review, task.id, date, calendar) } : {};
        const updated = await apply(record, [{ action: 'task-rejected', actor: who, reason, data, patch }], deps, [caseEvent(taskDecided, record, at, { ...taskFields(task), decision: 'reject', reason, via: actor.via })], {
          tasks: [{ before: task, after: finalTask }],
        });
        return { task: finalTask, case: updated };
      }
      case 'return': {
        if (task.status !== 'WAITING' && task.status !== 'CLAIMED') throw new ConflictError(`A ${task.status.toLowerCase()} task cannot be returned to the applicant`);
        const items = input.corrections ?? [];
        if (items.length === 0) throw new ValidationError('List every item to correct at once (一次性告知)', [{ path: 'body.corrections', rule: 'required', message: 'at least one item' }]);
        const template = await templateOfCase(deps.matters, record);
        const unknown = unknownCorrectionItems(items, template);
        if (unknown.length > 0) throw new ValidationError('Some correction items name nothing in this matter', unknown.map((i) => ({ path: 'body.corrections', rule: 'exists', message: `${i.target} ${i.code} does not exist` })));
        const pause: TaskPause = { kind: 'return', since: date, reason: input.reason ?? items.map((i) => i.message).join('；'), dueBefore: task.dueDate };
        const after: DepartmentTask = { ...base, status: 'RETURNED', pause };
        const corrections = [...(record.status === 'RETURNED' ? (record.corrections ?? []) : []), ...items];
        const updated = await apply(
          record,
          [{ action: 'returned', actor: who, ...(input.reason ? { reason: input.reason } : {}), data: { ...data, items }, patch: { corrections, review: pauseCase(review, task.id, date) } }],
          deps,
          [caseEvent(taskReturned, record, at, { ...taskFields(task), items, ...(input.reason ? { reason: input.reason } : {}) })],
          { tasks: [{ before: task, after }] },
        );
        return { task: after, case: updated };
      }
      case 'suspend': {
        if (task.status !== 'WAITING' && task.status !== 'CLAIMED') throw new ConflictError(`A ${task.status.toLowerCase()} task cannot be suspended`);
        const reason = required(input.reason, 'body.reason', 'A suspension (特别程序)');
        if (!input.expectedDays) throw new ValidationError('Say how long the special procedure is expected to take', [{ path: 'body.expectedDays', rule: 'required', message: 'working days, at least 1' }]);
        const template = await templateOfCase(deps.matters, record);
        const allowed: readonly string[] = template.matter?.procedure.pausableFor ?? [];
        if (input.specialProcedure && !allowed.includes(input.specialProcedure)) {
          throw new RuleViolationError(`This matter does not pause for ${input.specialProcedure}`, [{ path: 'body.specialProcedure', rule: 'pausableFor', message: allowed.length ? `one of ${allowed.join(', ')}` : 'this matter lists no special procedures' }]);
        }
        const pause: TaskPause = { kind: 'suspend', since: date, reason, expectedDays: input.expectedDays, dueBefore: task.dueDate, ...(input.specialProcedure ? { specialProcedure: input.specialProcedure } : {}) };
        const after: DepartmentTask = { ...base, status: 'SUSPENDED', pause };
        const updated = await apply(record, [{ action: 'task-suspended', actor: who, reason, data: { ...data, expectedDays: input.expectedDays, specialProcedure: input.specialProcedure }, patch: { review: pauseCase(review, task.id, date) } }], deps, [
          caseEvent(taskSuspended, record, at, { ...taskFields(task), reason, expectedDays: input.expectedDays, ...(input.specialProcedure ? { specialProcedure: input.specialProcedure } : {}) }),
        ], { tasks: [{ before: task, after }] });
        return { task: after, case: updated };
      }
      case 'resume': {
        if (task.status !== 'SUSPENDED') throw new ConflictError('Only a suspended task can be resumed');
        const resumed = resumeTask(task, date, calendar);
        const caseReview = unpauseCase(review, task.id, date, calendar);
        const updated = await apply(record, [{ action: 'task-resumed', actor: who, ...(input.reason ? { reason: input.reason } : {}), data: { ...data, pausedDays: resumed.pausedDays, dueDate: resumed.task.dueDate }, patch: { review: caseReview } }], deps, [
          caseEvent(taskResumed, record, at, { ...taskFields(task), cause: 'department', pausedDays: resumed.pausedDays, dueDate: resumed.task.dueDate, caseDueDate: caseReview.dueDate }),
        ], { tasks: [{ before: task, after: resumed.task }], items: provisionalMarks(deps, record.id, calendar, [[task.startDate, resumed.task.dueDate], [caseReview.startDate, caseReview.dueDate]]) });
        return { task: resumed.task, case: updated };
      }
      case 'extend': {
        const reason = required(input.reason, 'body.reason', 'An extension (延期)');
        if (review.extension && review.extension.status !== 'denied') throw new ConflictError(`This case's one extension was already ${review.extension.status} (行政许可法 art. 42: once per case)`);
        const days = input.days ?? deps.extensionDays;
        const extension = { status: 'requested' as const, days, reason, taskId, requestedBy: actor.sub, requestedAt: at };
        const updated = await apply(record, [{ action: 'extension-requested', actor: who, reason, data: { ...data, days }, patch: { review: { ...review, extension } } }], deps, [caseEvent(extensionRequested, record, at, { ...taskFields(task), days, reason })]);
        return { task, case: updated };
      }
    }
  });
}

/** 延期: a window or a supervisor grants or denies the extension a department asked for; the applicant is told why. */
export async function decideExtension(caseId: string, input: { decision: 'approve' | 'deny'; note?: string }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  if (principal.role !== 'window' && principal.role !== 'supervisor') throw new ForbiddenError('An extension is approved by a window or a supervisor');
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    // Only within the officer's or supervisor's region (shared/domain/access/scope.ts); elsewhere the case is not there.
    if (!record || !reachesRegion(principal, record.regionCode)) throw new NotFoundError(`No case ${caseId}`);
    const extension = record.review?.extension;
    if (!extension || extension.status !== 'requested') throw new ConflictError('No extension is waiting for approval on this case');
    const at = deps.now().toISOString();
    const decided = { ...extension, status: input.decision === 'approve' ? ('granted' as const) : ('denied' as const), decidedBy: principal.sub, decidedAt: at, ...(input.note ? { decisionNote: input.note } : {}) };
    const actor = actorOf(principal);
    if (input.decision === 'deny') {
      return apply(record, [{ action: 'extension-denied', actor, ...(input.note ? { reason: input.note } : {}), patch: { review: { ...record.review!, extension: decided } } }], deps, [caseEvent(extensionDenied, record, at, { taskId: extension.taskId, ...(input.note ? { note: input.note } : {}) })]);
    }
    const calendar = await deps.calendar();
    const dueDate = calendar.addWorkingDays(record.review!.dueDate, extension.days);
    const task = await deps.cases.getTask(extension.taskId);
    // A paused task's due date is recomputed from dueBefore on resume: the extension moves both.
    const extended = (t: DepartmentTask): DepartmentTask =>
      flagged(
        {
          ...t,
          dueDate: calendar.addWorkingDays(t.dueDate, extension.days),
          ...(t.pause ? { pause: { ...t.pause, dueBefore: calendar.addWorkingDays(t.pause.dueBefore, extension.days) } } : {}),
          version: t.version + 1,
        },
        calendar,
        t.startDate,
        calendar.addWorkingDays(t.dueDate, extension.days),
      );
    const tasks = task && isOpen(task) ? [{ before: task, after: extended(task) }] : [];
    const review = flagged({ ...record.review!, dueDate, extension: decided }, calendar, record.review!.startDate, dueDate);
    const periods = [[review.startDate, dueDate] as const, ...tasks.map((t) => [t.after.startDate, t.after.dueDate] as const)];
    return apply(
      record,
      [{ action: 'extension-granted', actor, reason: extension.reason, data: { days: extension.days, dueDate }, patch: { review } }],
      deps,
      [caseEvent(applicationExtended, record, at, { days: extension.days, reason: extension.reason, dueDate, approvedBy: principal.sub })],
      { tasks, items: provisionalMarks(deps, record.id, calendar, periods) },
    );
  });
}

/**
 * The applicant answers a department's return: the case is back in review, every returned task resumes with its
 * clock moved by the days it waited, and the same waiting tokens carry on (no new task).
 */
export async function submitCorrection(record: CaseRecord, input: { form?: Record<string, unknown> }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const template = await templateOfCase(deps.matters, record);
  const result = template.validate(input.form ?? record.form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const missing = (record.corrections ?? []).filter((c) => c.target === 'material' && !record.materials[c.code]?.files.length && !record.materials[c.code]?.licenceNo);
  if (missing.length > 0) {
    throw new RuleViolationError('Materials asked for are still missing', missing.map((c) => ({ path: `materials.${c.code}`, rule: 'required', message: c.message })));
  }
  const calendar = await deps.calendar();
  const date = today(deps);
  const at = deps.now().toISOString();
  const returned = (await deps.cases.tasksOf(record.id)).filter((t) => t.status === 'RETURNED');
  let review = record.review!;
  const tasks = returned.map((task) => {
    review = unpauseCase(review, task.id, date, calendar);
    return { before: task, ...resumeTask(task, date, calendar) };
  });
  const changes: CaseChange[] = [{ action: 'correction-submitted', actor: actorOf(principal), data: { taskIds: returned.map((t) => t.id) }, patch: { form: result.value, corrections: undefined, review } }];
  const events = [
    caseEvent(correctionSubmitted, record, at, { taskIds: returned.map((t) => t.id), resubmittedAt: at }),
    ...tasks.map((t) => caseEvent(taskResumed, record, at, { ...taskFields(t.before), cause: 'applicant', pausedDays: t.pausedDays, dueDate: t.task.dueDate, caseDueDate: review.dueDate })),
  ];
  const periods = [[review.startDate, review.dueDate] as const, ...tasks.map((t) => [t.task.startDate, t.task.dueDate] as const)];
  return apply(record, changes, deps, events, { tasks: tasks.map((t) => ({ before: t.before, after: t.task })), items: provisionalMarks(deps, record.id, calendar, periods) });
}

// ---- the outcome, from the state machine ----

/**
 * The procedure ended: every task approved → APPROVED; a rejection → REJECTED with the reasons, and the other
 * tasks are cancelled. Idempotent: a retried invocation finds the case decided and changes nothing.
 */
export async function closeReview(caseId: string, outcome: 'approve' | 'reject' | { failed: string }, deps: ApplicationDeps): Promise<{ status: string }> {
  return retryOnConflict(async () => {
    const record = await loadCase(caseId, deps);
    if (typeof outcome === 'object') {
      if (record.status !== 'IN_REVIEW' && record.status !== 'RETURNED') return { status: record.status };
      const at = deps.now().toISOString();
      await apply(record, [{ action: 'review-failed', actor: SYSTEM, reason: outcome.failed, data: { error: outcome.failed } }], deps, [caseEvent(reviewFailed, record, at, { error: outcome.failed })]);
      return { status: record.status };
    }
    const tasks = await deps.cases.tasksOf(caseId);
    const at = deps.now().toISOString();
    const calendar = await deps.calendar();
    const date = today(deps);
    const summary = tasks.map((t) => ({ taskId: t.id, department: t.department, status: t.status, ...(t.decision?.reason ? { reason: t.decision.reason } : {}) }));
    const cancel = (status: string) =>
      tasks.filter(isOpen).map((t) => {
        const { pause: _p, ...rest } = t;
        return { before: t, after: { ...rest, status: 'CANCELLED' as const, version: t.version + 1 }, data: { taskId: t.id, department: t.department, because: status } };
      });
    if (record.status === 'WITHDRAWN') {
      const cancelled = cancel('WITHDRAWN');
      if (cancelled.length > 0) await apply(record, cancelled.map((c) => ({ action: 'task-cancelled' as const, actor: SYSTEM, data: c.data })), deps, [], { tasks: cancelled });
      return { status: record.status };
    }
    if (record.status !== 'IN_REVIEW' && record.status !== 'RETURNED') return { status: record.status };
    if (outcome === 'approve') {
      const notApproved = tasks.filter((t) => t.status !== 'APPROVED');
      if (notApproved.length > 0) throw new ConflictError(`Tasks not approved: ${notApproved.map((t) => t.id).join(', ')}`);
      const result = Object.assign({}, ...tasks.map((t) => t.decision?.result ?? {})) as Record<string, unknown>;
      const hasResult = Object.keys(result).length > 0;
      // 告知承诺制: decided on commitment, so the responsible department's post-check opens with the approval.
      const onCommitment = record.commitment !== undefined;
      const check = onCommitment ? openPostCheck(record, (await templateOfCase(deps.matters, record)).matter!, calendar, deps.now(), deps.postChecks) : undefined;
      const updated = await apply(
        record,
        [{ action: 'approved', actor: SYSTEM, ...(check ? { data: { onCommitment, postCheckDue: check.check.dueDate, postCheckDepartment: check.check.department } } : {}), patch: { outcome: { decision: 'approved', decidedAt: at, tasks: summary, ...(hasResult ? { result } : {}), ...(onCommitment ? { onCommitment } : {}) } } }],
        deps,
        [caseEvent(applicationApproved, record, at, { decidedAt: at, tasks: summary, hasResult, ...(onCommitment ? { onCommitment } : {}) }), ...(check ? [check.event] : [])],
        check ? { items: [check.item, ...provisionalMarks(deps, record.id, calendar, [[check.check.startDate, check.check.dueDate]])] } : {},
      );
      return { status: updated.status };
    }
    const reasons = tasks.filter((t) => t.status === 'REJECTED').map((t) => ({ department: t.department, reason: t.decision?.reason ?? '' }));
    const cancelled = cancel('REJECTED');
    let review = record.review!;
    for (const c of cancelled) review = unpauseCase(review, c.before.id, date, calendar);
    const finalSummary = summary.map((s) => (cancelled.some((c) => c.before.id === s.taskId) ? { ...s, status: 'CANCELLED' } : s));
    const updated = await apply(
      record,
      [
        ...cancelled.map((c) => ({ action: 'task-cancelled' as const, actor: SYSTEM, data: c.data })),
        { action: 'rejected', actor: SYSTEM, reason: reasons.map((r) => `${r.department}: ${r.reason}`).join('；'), patch: { review, corrections: undefined, outcome: { decision: 'rejected', decidedAt: at, tasks: finalSummary } } },
      ],
      deps,
      [caseEvent(applicationRejected, record, at, { decidedAt: at, reasons, tasks: finalSummary })],
      { tasks: cancelled.map(({ before, after }) => ({ before, after })) },
    );
    return { status: updated.status };
  });
}
