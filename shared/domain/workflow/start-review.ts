import { reviewStarted } from '../../contracts/workflow-events';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ReviewState } from '../applications/model';
import type { ApplicationDeps } from '../applications/ports';
import { templateOfCase } from '../applications/template';
import { flagged, provisionalMarks } from '../calendar/provisional';
import { toShanghaiDate } from '../calendar/working-days';
import { bundlePromisedLimit } from '../catalogue/bundle-limit';
import { loadCase } from './load';
import type { DepartmentTaskInput } from './task';

export type ExecutionStart =
  | {
      readonly machine: 'procedure';
      readonly name: string;
      readonly input: { caseId: string; stages: { tasks: DepartmentTaskInput['task'][] }[] };
    }
  | {
      readonly machine: 'bundle';
      readonly name: string;
      readonly input: { caseId: string; waves: { members: { matterCode: string }[] }[] };
    };

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
    const limitDays = template.bundle
      ? bundlePromisedLimit(template.bundle.content, template.bundle.members)
      : template.matter!.promisedLimitDays;
    const dueDate = calendar.addWorkingDays(startDate, limitDays);
    const review = flagged<ReviewState>(
      { startedAt: deps.now().toISOString(), startDate, limitDays, dueDate, pausedDays: 0 },
      calendar,
      startDate,
      dueDate,
    );
    const members = template.bundle?.waves.flatMap((wave, w) =>
      wave.map((matterCode) => ({ matterCode, wave: w, status: 'PENDING' as const })),
    );
    return apply(
      current,
      [
        {
          action: 'review-started',
          actor: SYSTEM,
          data: { dueDate: review.dueDate, limitDays },
          patch: { review, ...(members ? { members } : {}) },
        },
      ],
      deps,
      [caseEvent(reviewStarted, current, review.startedAt, { startDate, limitDays, dueDate: review.dueDate })],
      { items: provisionalMarks(deps, current.id, calendar, [[startDate, dueDate]]) },
    );
  });
  if (record.status === 'WITHDRAWN' || record.status === 'REFUSED') return undefined;
  if (template.bundle) {
    return {
      machine: 'bundle',
      name: record.id,
      input: {
        caseId: record.id,
        waves: template.bundle.waves.map((wave) => ({ members: wave.map((matterCode) => ({ matterCode })) })),
      },
    };
  }
  return {
    machine: 'procedure',
    name: record.id,
    input: { caseId: record.id, stages: template.matter!.procedure.stages.map((s) => ({ tasks: s.tasks })) },
  };
}
