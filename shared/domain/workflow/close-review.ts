import { applicationApproved, applicationRejected, reviewFailed } from '../../contracts/workflow-events';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ApplicationDeps } from '../applications/ports';
import { templateOfCase } from '../applications/template';
import { provisionalMarks } from '../calendar/provisional';
import { ConflictError } from '../errors';
import { today, unpauseCase } from './clock';
import { closeBundle } from './bundles';
import { loadCase } from './load';
import { openPostCheck } from './post-check';
import { isOpen } from './task';

// ---- the outcome, from the state machine ----

/**
 * The procedure ended: every task approved → APPROVED; a rejection → REJECTED with the reasons, and the other
 * tasks are cancelled. Idempotent: a retried invocation finds the case decided and changes nothing.
 */
export async function closeReview(
  caseId: string,
  outcome: 'approve' | 'reject' | { failed: string },
  deps: ApplicationDeps,
): Promise<{ status: string }> {
  return retryOnConflict(async () => {
    const record = await loadCase(caseId, deps);
    if (typeof outcome === 'object') {
      if (record.status !== 'IN_REVIEW' && record.status !== 'RETURNED') return { status: record.status };
      const at = deps.now().toISOString();
      await apply(
        record,
        [{ action: 'review-failed', actor: SYSTEM, reason: outcome.failed, data: { error: outcome.failed } }],
        deps,
        [caseEvent(reviewFailed, record, at, { error: outcome.failed })],
      );
      return { status: record.status };
    }
    // A case already decided answers at once (the approval step runs again on retries and on each re-opened wait).
    if (!['IN_REVIEW', 'RETURNED', 'WITHDRAWN'].includes(record.status)) return { status: record.status };
    const tasks = await deps.cases.tasksOf(caseId);
    const at = deps.now().toISOString();
    const calendar = await deps.calendar();
    const date = today(deps);
    const summary = tasks.map((t) => ({
      taskId: t.id,
      department: t.department,
      status: t.status,
      ...(t.decision?.reason ? { reason: t.decision.reason } : {}),
    }));
    const cancel = (status: string) =>
      tasks.filter(isOpen).map((t) => {
        const { pause: _p, ...rest } = t;
        return {
          before: t,
          after: { ...rest, status: 'CANCELLED' as const, version: t.version + 1 },
          data: { taskId: t.id, department: t.department, because: status },
        };
      });
    if (record.status === 'WITHDRAWN') {
      const cancelled = cancel('WITHDRAWN');
      if (cancelled.length > 0)
        await apply(
          record,
          cancelled.map((c) => ({ action: 'task-cancelled' as const, actor: SYSTEM, data: c.data })),
          deps,
          [],
          { tasks: cancelled },
        );
      return { status: record.status };
    }
    if (record.status !== 'IN_REVIEW' && record.status !== 'RETURNED') return { status: record.status };
    if (outcome === 'approve') {
      const notApproved = tasks.filter((t) => t.status !== 'APPROVED');
      if (notApproved.length > 0)
        throw new ConflictError(`Tasks not approved: ${notApproved.map((t) => t.id).join(', ')}`);
      const result = Object.assign({}, ...tasks.map((t) => t.decision?.result ?? {})) as Record<string, unknown>;
      const hasResult = Object.keys(result).length > 0;
      // 告知承诺制: decided on commitment, so the responsible department's post-check opens with the approval.
      const onCommitment = record.commitment !== undefined;
      const check = onCommitment
        ? openPostCheck(
            record,
            (await templateOfCase(deps.matters, record)).matter!,
            calendar,
            deps.now(),
            deps.postChecks,
          )
        : undefined;
      const updated = await apply(
        record,
        [
          {
            action: 'approved',
            actor: SYSTEM,
            ...(check
              ? {
                  data: {
                    onCommitment,
                    postCheckDue: check.check.dueDate,
                    postCheckDepartment: check.check.department,
                  },
                }
              : {}),
            patch: {
              outcome: {
                decision: 'approved',
                decidedAt: at,
                tasks: summary,
                ...(hasResult ? { result } : {}),
                ...(onCommitment ? { onCommitment } : {}),
              },
            },
          },
        ],
        deps,
        [
          caseEvent(applicationApproved, record, at, {
            decidedAt: at,
            tasks: summary,
            hasResult,
            ...(onCommitment ? { onCommitment } : {}),
          }),
          ...(check ? [check.event] : []),
        ],
        check
          ? {
              items: [
                check.item,
                ...provisionalMarks(deps, record.id, calendar, [[check.check.startDate, check.check.dueDate]]),
              ],
            }
          : {},
      );
      return { status: updated.status };
    }
    const reasons = tasks
      .filter((t) => t.status === 'REJECTED')
      .map((t) => ({ department: t.department, reason: t.decision?.reason ?? '' }));
    const cancelled = cancel('REJECTED');
    let review = record.review!;
    for (const c of cancelled) review = unpauseCase(review, c.before.id, date, calendar);
    const finalSummary = summary.map((s) =>
      cancelled.some((c) => c.before.id === s.taskId) ? { ...s, status: 'CANCELLED' } : s,
    );
    const updated = await apply(
      record,
      [
        ...cancelled.map((c) => ({ action: 'task-cancelled' as const, actor: SYSTEM, data: c.data })),
        {
          action: 'rejected',
          actor: SYSTEM,
          reason: reasons.map((r) => `${r.department}: ${r.reason}`).join('；'),
          patch: {
            review,
            corrections: undefined,
            outcome: { decision: 'rejected', decidedAt: at, tasks: finalSummary },
          },
        },
      ],
      deps,
      [caseEvent(applicationRejected, record, at, { decidedAt: at, reasons, tasks: finalSummary })],
      { tasks: cancelled.map(({ before, after }) => ({ before, after })) },
    );
    return { status: updated.status };
  });
}

/**
 * How the procedure and bundle state machines end, as their last step names it. `approve` is also what the
 * ApproveAndAwaitPayment step records before its wait; `failed` only comes from executions started on the definition
 * before issue 20 (failures now go to RecordStepFailure).
 */
export const MACHINE_OUTCOMES = ['approve', 'reject', 'withdrawn', 'bundle', 'failed'] as const;
export type MachineOutcome = (typeof MACHINE_OUTCOMES)[number];

/**
 * The state machines' last step: a bundle closes on its members' outcomes; a failed machine is recorded with its
 * error; otherwise the review closes approved or not (a withdrawn case is found withdrawn and its tasks cancelled).
 */
export async function closeCase(
  caseId: string,
  outcome: MachineOutcome,
  error: string | undefined,
  deps: ApplicationDeps,
): Promise<{ status: string }> {
  if (outcome === 'bundle') return closeBundle(caseId, deps);
  if (outcome === 'failed') return closeReview(caseId, { failed: error ?? 'unknown error' }, deps);
  return closeReview(caseId, outcome === 'approve' ? 'approve' : 'reject', deps);
}
