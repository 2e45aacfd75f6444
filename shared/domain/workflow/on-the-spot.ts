import type { Principal } from '../../auth/principal';
import { delegatedBy, mayDecideOnTheSpot, requireVisible } from '../applications/access';
import { actorOf, apply, retryOnConflict } from '../applications/changes';
import { acceptance, acceptedEvent } from '../applications/acceptance';
import { checkLicenceReferences, missingMaterials } from '../applications/materials';
import type { ApplicationDeps } from '../applications/ports';
import type { CaseRecord } from '../applications/model';
import { templateOfCase } from '../applications/template';
import { ConflictError, ForbiddenError, RuleViolationError } from '../errors';
import { decide } from './decide';
import { type DepartmentTask, isOpen } from './task';

/** The most waiting tasks the queue reads per department: more than any department has open at once. */
const QUEUE_SCAN_LIMIT = 5000;

/**
 * 即办件 (matters promised in 0 working days) are decided at the window, on the spot, by an officer who holds the
 * reviewing departments' delegation for the matter (see delegatedBy). One decision accepts and approves the case;
 * its licence is issued the same day by the usual procedure.
 */

/** The departments reviewing a matter's case that have not delegated it to this officer. */
export function undelegatedDepartments(
  principal: Pick<Principal, 'delegations'>,
  departments: readonly string[],
  matterCode: string,
): string[] {
  return [...new Set(departments)].filter((d) => !delegatedBy(principal, d, matterCode));
}

/**
 * The on-the-spot decision. A case waiting at the window is accepted with the decision recorded, so every task of
 * its procedure opens already approved. A case accepted automatically (online, complete) is decided the same way:
 * its open tasks are approved now under the delegation, and any task not yet opened opens approved.
 */
export async function decideOnTheSpot(id: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  if (principal.role !== 'window') throw new ForbiddenError('即办件 are decided on the spot at the window');
  const record = await retryOnConflict(async () => {
    const current = requireVisible(await deps.cases.get(id), principal, id);
    const template = await templateOfCase(deps.matters, current);
    const matter = template.matter;
    if (!matter?.flags.immediate) {
      throw new RuleViolationError(
        `${template.name} is not a 即办件: only matters promised in 0 working days are decided on the spot`,
        [
          {
            path: 'matterCode',
            rule: 'immediate',
            message: `${current.matterCode} is not a 即办件 (its promised limit is ${matter?.promisedLimitDays ?? 'a bundle’s'})`,
          },
        ],
      );
    }
    const departments = [...new Set(matter.procedure.stages.flatMap((s) => s.tasks.map((t) => t.department)))];
    const missingDelegation = undelegatedDepartments(principal, departments, current.matterCode);
    if (missingDelegation.length > 0) {
      throw new ForbiddenError(
        `No delegation to decide ${current.matterCode} on the spot from ${missingDelegation.join(', ')}`,
        [
          {
            path: 'delegations',
            rule: 'delegation',
            message: `the token carries no delegation ${missingDelegation.map((d) => `${d}:${current.matterCode}`).join(', ')}`,
          },
        ],
      );
    }
    // Decided already (a retry after a crash, or a second click): only the open tasks remain to approve.
    if (current.onTheSpot) return current;
    if (current.status !== 'SUBMITTED' && current.status !== 'ACCEPTED' && current.status !== 'IN_REVIEW')
      throw new ConflictError(`Case ${current.number} is ${current.status}: there is nothing to decide on the spot`);
    // What a department's approval checks, checked before anything is written: every material there (nothing
    // tolerated as missing, 容缺), the licences given instead of materials still valid, no task paused.
    const missing = missingMaterials(current, template);
    const all = [...missing.intolerable, ...missing.tolerable];
    if (all.length > 0) {
      throw new RuleViolationError(
        'A 即办件 is decided on complete materials',
        all.map((m) => ({
          path: `materials.${m.code}`,
          rule: 'required',
          message: `${m.name} is missing`,
          messageZh: `缺少材料：${m.name}`,
        })),
      );
    }
    await checkLicenceReferences(current, template, deps);
    const paused = (await deps.cases.tasksOf(current.id)).filter(
      (t) => t.status === 'RETURNED' || t.status === 'SUSPENDED',
    );
    if (paused.length > 0)
      throw new ConflictError(
        `A task of case ${current.number} is ${paused[0]!.status.toLowerCase()}: it is decided once it resumes`,
      );
    const at = deps.now().toISOString();
    const onTheSpot = { by: principal.sub, ...(principal.name ? { byName: principal.name } : {}), at, departments };
    const actor = actorOf(principal);
    if (current.status === 'SUBMITTED') {
      const accepted = acceptance(template, actor, at, false, []);
      return apply(
        current,
        [{ ...accepted, data: { ...accepted.data, onTheSpot: true }, patch: { ...accepted.patch, onTheSpot } }],
        deps,
        [acceptedEvent(current, template, at, false, [], true)],
      );
    }
    return apply(
      current,
      [{ action: 'decided-on-the-spot', actor, data: { departments }, patch: { onTheSpot } }],
      deps,
    );
  });
  // Tasks opened before the decision are approved now, each in its own transaction as a department's decision is.
  for (const task of (await deps.cases.tasksOf(record.id)).filter(isOpen)) {
    await decide(
      task.id,
      { decision: 'approve', reason: '即办件当场办结 (decided on the spot under delegation)' },
      { sub: principal.sub, role: 'window', department: task.department, via: 'on-the-spot' },
      deps,
    );
  }
  return (await deps.cases.get(record.id)) ?? record;
}

/**
 * The window's second queue: 即办件 accepted on their own (online, complete) whose tasks wait for a department this
 * officer holds the delegation of, oldest first. Read from the departments' to-do index: nothing scans.
 */
export async function onTheSpotQueue(principal: Principal, deps: ApplicationDeps, limit = 100): Promise<CaseRecord[]> {
  if (principal.role !== 'window') throw new ForbiddenError('The on-the-spot queue is the window’s');
  const departments = [...new Set((principal.delegations ?? []).map((d) => d.split(':')[0]!))];
  // Every waiting task of the delegating departments, page by page (a busy department's 即办件 are not all first).
  const waiting = async (department: string) => {
    const all: DepartmentTask[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.cases.listTasks(department, 'WAITING', 100, cursor);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && all.length < QUEUE_SCAN_LIMIT);
    return all;
  };
  const tasks = (await Promise.all(departments.map(waiting)))
    .flat()
    .filter((t) => delegatedBy(principal, t.department, t.matterCode));
  const found = new Map<string, CaseRecord>();
  for (const task of tasks) {
    if (found.has(task.caseId)) continue;
    const record = await deps.cases.get(task.caseId);
    if (record && !record.onTheSpot && mayDecideOnTheSpot(record, principal)) found.set(record.id, record);
  }
  return [...found.values()].sort((a, b) => (a.acceptedAt ?? '').localeCompare(b.acceptedAt ?? '')).slice(0, limit);
}
