import type { StoreWrite } from '../store-write';
import type { Principal } from '../../auth/principal';
import { commitmentBreached, postCheckCompleted, postCheckOpened } from '../../contracts/workflow-events';
import type { OutboxEvent } from '../events';
import { actorOf, apply, caseEvent, retryOnConflict } from '../applications/changes';
import type { ApplicationDeps } from '../applications/ports';
import type { CaseRecord } from '../applications/model';
import { templateOfCase } from '../applications/template';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { MatterContent } from '../catalogue/model';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { PostCheck, PostCheckResult, PostCheckStore } from './ports';

/**
 * 告知承诺制的事后核查: a case decided on the applicant's written commitment is checked afterwards by the responsible
 * department within a number of working days (30 unless the matter says otherwise). The commitment held (`true`):
 * the check is closed. It was false (`false`): the licence is revoked with the reason, the applicant is told (by the
 * licence's revocation), and Commitment.Breached.v1 tells the credit system (信用).
 */
export const DEFAULT_POST_CHECK_DAYS = 30;

export const postCheckId = (caseId: string) => `${caseId}.C`;

/** The post-check a case decided on commitment opens at its approval, in the approval's own transaction. */
export function openPostCheck(
  record: CaseRecord,
  matter: MatterContent,
  calendar: WorkingDayCalendar,
  now: Date,
  store: PostCheckStore,
): { check: PostCheck; item: StoreWrite; event: OutboxEvent } {
  const days = matter.commitment?.postCheckDays ?? DEFAULT_POST_CHECK_DAYS;
  const startDate = toShanghaiDate(now);
  const at = now.toISOString();
  // A December approval may not fail for want of next year's holiday notice (see addWorkingDaysProvisionally).
  const due = calendar.addWorkingDaysProvisionally(startDate, days);
  const check: PostCheck = {
    id: postCheckId(record.id),
    caseId: record.id,
    caseNumber: record.number,
    matterCode: record.matterCode,
    matterVersion: record.matterVersion,
    regionCode: record.regionCode,
    department: matter.commitment?.department ?? matter.department,
    status: 'open',
    materials: [...(record.commitment?.materials ?? [])],
    openedAt: at,
    startDate,
    dueDate: due.date,
    ...(due.provisional ? { provisional: true } : {}),
    days,
  };
  return {
    check,
    item: store.put(check, 'new'),
    event: caseEvent(postCheckOpened, record, at, {
      postCheckId: check.id,
      responsibleDepartment: check.department,
      dueDate: check.dueDate,
    }),
  };
}

/** A department sees its own checks; anyone else is told the check does not exist. */
async function loadOwnCheck(id: string, principal: Principal, store: PostCheckStore): Promise<PostCheck> {
  if (principal.role !== 'department' || !principal.department)
    throw new ForbiddenError('Only department staff record post-checks');
  const check = await store.get(id);
  if (!check || check.department !== principal.department) throw new NotFoundError(`No post-check ${id}`);
  return check;
}

export async function getPostCheck(id: string, principal: Principal, store: PostCheckStore): Promise<PostCheck> {
  return loadOwnCheck(id, principal, store);
}

export async function listPostChecks(
  principal: Principal,
  query: { status: PostCheck['status']; limit: number; cursor?: string },
  store: PostCheckStore,
) {
  if (principal.role !== 'department' || !principal.department)
    throw new ForbiddenError('Only department staff list post-checks');
  return store.list({ ...query, department: principal.department });
}

/**
 * Records the check's result: the closed check, the case's history and the events in one transaction, conditional
 * on the check being open, so two officers cannot record two results. A false commitment's licence is revoked
 * from Commitment.Breached.v1 (revokeOnBreach), at least once and idempotently: nothing revoked without its record.
 */
export async function recordPostCheck(
  id: string,
  input: { result: PostCheckResult; reason?: string },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<PostCheck> {
  const reason = input.reason?.trim();
  if (input.result === 'false' && !reason)
    throw new ValidationError('A commitment found false needs the reason (it revokes the licence)', [
      {
        path: 'body.reason',
        rule: 'required',
        message: 'a written reason is required',
        messageZh: '请写明核查不实的事实与理由',
      },
    ]);
  const check = await loadOwnCheck(id, principal, deps.postChecks);
  if (check.status !== 'open')
    throw new ConflictError(`The post-check of case ${check.caseNumber} was recorded already`);
  const record = await deps.cases.get(check.caseId);
  if (!record) throw new NotFoundError(`No case ${check.caseId}`);
  // A licence still to come could not be revoked: a false result waits for it (a matter without one does not).
  if (
    input.result === 'false' &&
    !record.licenceNo &&
    (await templateOfCase(deps.matters, record)).matter?.yieldsLicenceType
  ) {
    throw new ConflictError(
      `Case ${record.number} is approved and its licence not issued yet; record the result once it is`,
    );
  }
  return retryOnConflict(async () => {
    const current = (await deps.cases.get(check.caseId))!;
    const latest = (await deps.postChecks.get(id))!;
    if (latest.status !== 'open')
      throw new ConflictError(`The post-check of case ${check.caseNumber} was recorded already`);
    const now = deps.now();
    const at = now.toISOString();
    const onTime = toShanghaiDate(now) <= latest.dueDate;
    const done: PostCheck = {
      ...latest,
      status: 'done',
      result: input.result,
      ...(reason ? { reason } : {}),
      recordedAt: at,
      recordedBy: principal.sub,
      onTime,
      ...(current.licenceNo ? { licenceNo: current.licenceNo } : {}),
    };
    const shared = {
      postCheckId: id,
      responsibleDepartment: latest.department,
      ...(current.licenceNo ? { licenceNo: current.licenceNo } : {}),
    };
    const events = [
      caseEvent(postCheckCompleted, current, at, {
        ...shared,
        dueDate: latest.dueDate,
        commitmentHeld: input.result === 'true',
        onTime,
      }),
    ];
    if (input.result === 'false') events.push(caseEvent(commitmentBreached, current, at, shared));
    await apply(
      current,
      [
        {
          action: 'post-check-recorded',
          actor: actorOf(principal),
          ...(reason ? { reason } : {}),
          data: { postCheckId: id, result: input.result, onTime },
        },
      ],
      deps,
      events,
      {
        items: [deps.postChecks.put(done, 'open')],
      },
    );
    return done;
  });
}
