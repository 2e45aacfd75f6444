import type { Principal } from '../../shared/auth/principal';
import { eventually } from './http';
import type { WebCloud } from './web-cloud';

/** A department's reviewer for the browser tests' API steps (until the staff workbench does them in the browser). */
export const departmentReviewer = (code: string): Principal => ({
  sub: `e2e-${code.toLowerCase()}`,
  role: 'department',
  department: code,
});

/** Every task of every department of the case approved, stage by stage, until a decision; returns the case then. */
export async function approveAll(web: WebCloud, id: string, applicant: Principal): Promise<{ status: string }> {
  return eventually(
    'the decision',
    async () => {
      await web.cloud.idle();
      const c = await web.call<{ status: string; departments?: string[] }>(applicant, 'GET', `/applications/${id}`);
      if (c.status === 'APPROVED' || c.status === 'ISSUED' || c.status === 'DELIVERED') return c;
      for (const dept of c.departments ?? []) {
        const reviewer = departmentReviewer(dept);
        const tasks = await web.call<{ items: { id: string; caseId: string; status: string }[] }>(
          reviewer,
          'GET',
          '/tasks',
        );
        for (const task of tasks.items.filter(
          (t) => t.caseId === id && (t.status === 'WAITING' || t.status === 'CLAIMED'),
        )) {
          await web.call(reviewer, 'POST', `/tasks/${encodeURIComponent(task.id)}/decision`, {
            decision: 'approve',
            reason: '审查通过',
          });
        }
      }
      return undefined;
    },
    90_000,
  );
}

/** Waits until the approved case has its licence issued; returns the case with its licence number. */
export function issuedCase(
  web: WebCloud,
  id: string,
  applicant: Principal,
): Promise<{ status: string; licenceNo: string }> {
  return eventually(
    'the licence',
    async () => {
      await web.cloud.idle();
      const c = await web.call<{ status: string; licenceNo?: string }>(applicant, 'GET', `/applications/${id}`);
      return c.licenceNo ? { ...c, licenceNo: c.licenceNo } : undefined;
    },
    60_000,
  );
}
