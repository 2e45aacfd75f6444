import { applicationWithdrawn } from '../../contracts/application-events';
import { CASE_ACTIONS } from '../applications/case';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ApplicationDeps } from '../applications/ports';
import type { WorkflowEngine } from './ports';
import { isOpen } from './task';

/** Thrown so the event is delivered again later: the task's wait is being re-opened and has no live token yet. */
export class TokenNotReadyError extends Error {
  override readonly name = 'TokenNotReadyError';
}

/**
 * Task.Decided.v1 → the waiting state machine task resumes: approve as success, reject as the `Rejected` error the
 * procedure catches. The token is read from the task when the event is handled, so a wait that was re-opened
 * (new token) is still answered; a redelivered event finds the token gone and changes nothing.
 */
export async function resumeAfterDecision(
  event: { taskId: string; decision: 'approve' | 'reject'; reason?: string },
  deps: Pick<ApplicationDeps, 'cases'>,
  engine: WorkflowEngine,
): Promise<'resumed' | 'already'> {
  const task = await deps.cases.getTask(event.taskId);
  if (!task?.decision || task.resumedAt) return 'already';
  const answer =
    event.decision === 'approve'
      ? await engine.taskSuccess(task.taskToken, { taskId: task.id, department: task.department, decision: 'approve' })
      : await engine.taskFailure(
          task.taskToken,
          'Rejected',
          JSON.stringify({ taskId: task.id, department: task.department, reason: event.reason ?? '' }),
        );
  if (answer === 'gone') {
    const record = await deps.cases.get(task.caseId);
    // Its wait timed out and is being re-opened with a new token: deliver again later (EventBridge retries).
    if (record && (record.status === 'IN_REVIEW' || record.status === 'RETURNED'))
      throw new TokenNotReadyError(`Task ${task.id} has no live token yet`);
    return 'already';
  }
  // Remembered, so a redelivered event does not look like a token still to be re-opened.
  await deps.cases
    .putTask({ before: task, after: { ...task, resumedAt: new Date().toISOString(), version: task.version + 1 } })
    .catch(() => undefined);
  return 'resumed';
}

/** Application.Withdrawn.v1 → the case's waiting tasks fail with `Withdrawn`, which the state machines catch. */
export async function stopOnWithdrawal(caseId: string, deps: ApplicationDeps, engine: WorkflowEngine): Promise<void> {
  const record = await deps.cases.get(caseId);
  if (!record) return;
  for (const task of (await deps.cases.tasksOf(caseId)).filter(isOpen))
    await engine.taskFailure(task.taskToken, 'Withdrawn', JSON.stringify({ caseId }));
  // A bundle: its running member cases are withdrawn with it (their own withdrawal events stop their reviews),
  // and the bundle's tokens they hold are failed.
  for (const member of record.members ?? []) {
    if (member.status !== 'RUNNING' || !member.caseId) continue;
    const child = await deps.cases.get(member.caseId);
    if (!child) continue;
    if (CASE_ACTIONS.withdrawn.from.includes(child.status as never)) {
      await retryOnConflict(async () => {
        const current = (await deps.cases.get(child.id))!;
        if (!CASE_ACTIONS.withdrawn.from.includes(current.status as never)) return;
        const at = deps.now().toISOString();
        await apply(
          current,
          [
            {
              action: 'withdrawn',
              actor: SYSTEM,
              reason: `一件事 ${record.number} 已撤回`,
              patch: { acceptanceDue: undefined, expiresAt: undefined },
            },
          ],
          deps,
          [
            caseEvent(applicationWithdrawn, current, at, {
              fromStatus: current.status,
              reason: `一件事 ${record.number} 已撤回`,
            }),
          ],
        );
      });
    }
    if (child.parent) await engine.taskFailure(child.parent.taskToken, 'Withdrawn', JSON.stringify({ caseId }));
  }
}
