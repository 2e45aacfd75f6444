import type { CaseRecord } from '../applications/model';
import { caseView } from '../applications/view';
import type { PostCheck } from './ports';
import { type DepartmentTask, taskView } from './task';

/** What the to-do API answers: tasks and cases in their HTTP views (taskView never shows a task's token). */

export function taskWithCaseView(found: { task: DepartmentTask; case: CaseRecord }) {
  return { task: taskView(found.task), case: caseView(found.case) };
}

/** A case with an extension waiting, as the approvers' list shows it. */
export function pendingExtensionView(c: CaseRecord) {
  const { days, reason, taskId, requestedBy, requestedAt } = c.review!.extension!;
  return {
    id: c.id,
    number: c.number,
    matterCode: c.matterCode,
    department: c.department,
    regionCode: c.regionCode,
    status: c.status,
    dueDate: c.review!.dueDate,
    extension: { days, reason, taskId, requestedBy, requestedAt },
  };
}

/** The case after an extension decision: its number, status and review (with the extension) only. */
export function extensionDecisionView(record: CaseRecord) {
  const { id, number, status, review } = caseView(record);
  return { id, number, status, ...(review ? { review } : {}) };
}

/** A post-check over HTTP: the contract's arrays are mutable, the domain's are not. */
export function postCheckView(check: PostCheck) {
  return { ...check, materials: [...check.materials] };
}
