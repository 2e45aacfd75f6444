import type { Principal } from '../../auth/principal';
import { correctionSubmitted, taskResumed } from '../../contracts/workflow-events';
import { actorOf, apply, caseEvent, type CaseChange } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import type { ApplicationDeps } from '../applications/ports';
import { templateOfCase } from '../applications/template';
import { provisionalMarks } from '../calendar/provisional';
import { RuleViolationError, ValidationError } from '../errors';
import { resumeTask, today, unpauseCase } from './clock';
import { taskFields } from './task';

/**
 * The applicant answers a department's return: the case is back in review, every returned task resumes with its
 * clock moved by the days it waited, and the same waiting tokens carry on (no new task).
 */
export async function submitCorrection(
  record: CaseRecord,
  input: { form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const template = await templateOfCase(deps.matters, record);
  const result = template.validate(input.form ?? record.form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const missing = (record.corrections ?? []).filter(
    (c) => c.target === 'material' && !record.materials[c.code]?.files.length && !record.materials[c.code]?.licenceNo,
  );
  if (missing.length > 0) {
    throw new RuleViolationError(
      'Materials asked for are still missing',
      missing.map((c) => ({ path: `materials.${c.code}`, rule: 'required', message: c.message })),
    );
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
  const changes: CaseChange[] = [
    {
      action: 'correction-submitted',
      actor: actorOf(principal),
      data: { taskIds: returned.map((t) => t.id) },
      patch: { form: result.value, corrections: undefined, review },
    },
  ];
  const events = [
    caseEvent(correctionSubmitted, record, at, { taskIds: returned.map((t) => t.id), resubmittedAt: at }),
    ...tasks.map((t) =>
      caseEvent(taskResumed, record, at, {
        ...taskFields(t.before),
        cause: 'applicant',
        pausedDays: t.pausedDays,
        dueDate: t.task.dueDate,
        caseDueDate: review.dueDate,
      }),
    ),
  ];
  const periods = [
    [review.startDate, review.dueDate] as const,
    ...tasks.map((t) => [t.task.startDate, t.task.dueDate] as const),
  ];
  return apply(record, changes, deps, events, {
    tasks: tasks.map((t) => ({ before: t.before, after: t.task })),
    items: provisionalMarks(deps, record.id, calendar, periods),
  });
}
