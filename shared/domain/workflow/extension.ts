import type { Principal } from '../../auth/principal';
import { applicationExtended, extensionDenied } from '../../contracts/workflow-events';
import { listRegionPrefix, reachesRegion } from '../access/scope';
import { actorOf, apply, caseEvent, retryOnConflict } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import type { ApplicationDeps } from '../applications/ports';
import { flagged, provisionalMarks } from '../calendar/provisional';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { type DepartmentTask, isOpen } from './task';

/** 延期: a window or a supervisor grants or denies the extension a department asked for; the applicant is told why. */
export async function decideExtension(
  caseId: string,
  input: { decision: 'approve' | 'deny'; note?: string },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  if (principal.role !== 'window' && principal.role !== 'supervisor')
    throw new ForbiddenError('An extension is approved by a window or a supervisor');
  return retryOnConflict(async () => {
    const record = await deps.cases.get(caseId);
    // Only within the officer's or supervisor's region (shared/domain/access/scope.ts); elsewhere the case is not there.
    if (!record || !reachesRegion(principal, record.regionCode)) throw new NotFoundError(`No case ${caseId}`);
    const extension = record.review?.extension;
    if (extension?.status !== 'requested') throw new ConflictError('No extension is waiting for approval on this case');
    const at = deps.now().toISOString();
    const decided = {
      ...extension,
      status: input.decision === 'approve' ? ('granted' as const) : ('denied' as const),
      decidedBy: principal.sub,
      decidedAt: at,
      ...(input.note ? { decisionNote: input.note } : {}),
    };
    const actor = actorOf(principal);
    if (input.decision === 'deny') {
      return apply(
        record,
        [
          {
            action: 'extension-denied',
            actor,
            ...(input.note ? { reason: input.note } : {}),
            patch: { review: { ...record.review!, extension: decided } },
          },
        ],
        deps,
        [
          caseEvent(extensionDenied, record, at, {
            taskId: extension.taskId,
            ...(input.note ? { note: input.note } : {}),
          }),
        ],
      );
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
          ...(t.pause
            ? { pause: { ...t.pause, dueBefore: calendar.addWorkingDays(t.pause.dueBefore, extension.days) } }
            : {}),
          version: t.version + 1,
        },
        calendar,
        t.startDate,
        calendar.addWorkingDays(t.dueDate, extension.days),
      );
    const tasks = task && isOpen(task) ? [{ before: task, after: extended(task) }] : [];
    const review = flagged(
      { ...record.review!, dueDate, extension: decided },
      calendar,
      record.review!.startDate,
      dueDate,
    );
    const periods = [
      [review.startDate, dueDate] as const,
      ...tasks.map((t) => [t.after.startDate, t.after.dueDate] as const),
    ];
    return apply(
      record,
      [
        {
          action: 'extension-granted',
          actor,
          reason: extension.reason,
          data: { days: extension.days, dueDate },
          patch: { review },
        },
      ],
      deps,
      [
        caseEvent(applicationExtended, record, at, {
          days: extension.days,
          reason: extension.reason,
          dueDate,
          approvedBy: principal.sub,
        }),
      ],
      { tasks, items: provisionalMarks(deps, record.id, calendar, periods) },
    );
  });
}

/**
 * The extensions waiting for a decision. Windows and supervisors see their region's cases
 * (shared/domain/access/scope.ts); a case decided meanwhile can no longer be extended.
 */
export async function pendingExtensions(
  principal: Principal,
  query: { limit: number; cursor?: string },
  deps: Pick<ApplicationDeps, 'cases'>,
) {
  const page = await deps.cases.listPendingExtensions(query.limit, query.cursor);
  const prefix = listRegionPrefix(principal);
  const items = page.items.filter(
    (c) =>
      c.regionCode.startsWith(prefix) &&
      (c.status === 'IN_REVIEW' || c.status === 'RETURNED') &&
      c.review?.extension?.status === 'requested',
  );
  return { ...page, items };
}
