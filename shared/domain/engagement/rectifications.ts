import { listRegionPrefix } from '../access/scope';
import type { Principal } from '../../auth/principal';
import { rectificationAnswered } from '../../contracts/engagement-events';
import { actorOf, apply, caseEvent, retryOnConflict } from '../applications/changes';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { type EngagementStatus, onTime, type Rectification } from './model';
import type { EngagementDeps } from './ports';

/** 差评整改 lists: a department sees its own; a supervisor every department's, or one department's. */
export async function listRectifications(
  principal: Principal,
  query: { status: EngagementStatus; department?: string; limit: number; cursor?: string },
  deps: EngagementDeps,
) {
  const department = scopeOf(principal, query.department);
  const page = await deps.engagement.listRectifications({
    status: query.status,
    limit: query.limit,
    ...(department ? { department } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const inScope = regionFilter(principal);
  return {
    items: page.items.filter(inScope).map(rectificationView),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** A supervisor's lists hold their region's items only (a page may come out shorter; the cursor goes on). */
export function regionFilter(principal: Principal): (item: { regionCode: string }) => boolean {
  if (principal.role !== 'supervisor') return () => true;
  const prefix = listRegionPrefix(principal);
  return (item) => item.regionCode.startsWith(prefix);
}

/** The department a list is limited to: a department's own (asking for another is refused); a supervisor's choice. */
export function scopeOf(principal: Principal, department: string | undefined): string | undefined {
  if (principal.role === 'supervisor') return department;
  if (principal.role !== 'department' || !principal.department)
    throw new ForbiddenError('Only departments and supervisors see these lists');
  if (department && department !== principal.department)
    throw new ForbiddenError('A department sees only its own list');
  return principal.department;
}

/**
 * The responsible department answers a bad rating, once. The answer, the case's history entry and the event commit
 * together; `onTime` compares the day of the answer with the due date.
 */
export async function answerRectification(
  id: string,
  input: { answer: string; measures?: string },
  principal: Principal,
  deps: EngagementDeps,
) {
  return retryOnConflict(async () => {
    const before = await deps.engagement.getRectification(id);
    if (!before || principal.role !== 'department' || before.department !== principal.department)
      throw new NotFoundError(`No rectification ${id}`);
    if (before.status !== 'open') throw new ConflictError(`Rectification ${id} was already answered`);
    const record = await deps.cases.get(before.caseId);
    if (!record) throw new NotFoundError(`No rectification ${id}`);
    const now = deps.now();
    const at = now.toISOString();
    const measures = input.measures?.trim() || undefined;
    const after: Rectification = {
      ...before,
      status: 'answered',
      answer: input.answer.trim(),
      ...(measures ? { measures } : {}),
      answeredAt: at,
      answeredBy: principal.sub,
      onTime: onTime(now, before.dueDate),
    };
    await apply(
      record,
      [
        {
          action: 'rectification-answered',
          actor: actorOf(principal),
          data: { rectificationId: id, onTime: after.onTime },
        },
      ],
      deps,
      [
        caseEvent(rectificationAnswered, record, at, {
          rectificationId: id,
          responsibleDepartment: before.department,
          dueDate: before.dueDate,
          answeredAt: at,
          onTime: after.onTime,
        }),
      ],
      { items: [deps.engagement.rectificationPut(after, 'open')] },
    );
    return rectificationView(after);
  });
}

export function rectificationView(r: Rectification) {
  return {
    id: r.id,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    matterCode: r.matterCode,
    regionCode: r.regionCode,
    department: r.department,
    status: r.status,
    scores: { ...r.scores },
    ...(r.comment ? { comment: r.comment } : {}),
    openedAt: r.openedAt,
    dueDate: r.dueDate,
    ...(r.provisional && r.status === 'open' ? { provisional: true } : {}),
    ...(r.answer ? { answer: r.answer } : {}),
    ...(r.measures ? { measures: r.measures } : {}),
    ...(r.answeredAt ? { answeredAt: r.answeredAt } : {}),
    ...(r.onTime !== undefined ? { onTime: r.onTime } : {}),
  };
}
