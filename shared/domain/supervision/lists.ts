import { listRegionPrefix, regionPrefix } from '../access/scope';
import type { Principal } from '../../auth/principal';
import { toShanghaiDate } from '../calendar/working-days';
import { ForbiddenError, ValidationError } from '../errors';
import { efficiencyReport } from './efficiency';
import { type LevelPolicy, levelOn } from './levels';
import type { SupervisionScope, Watch, WatchKind } from './model';
import type { SupervisionListDeps, WatchStore } from './ports';

/**
 * What a caller may see: a department its own department only, whatever the query says; a supervisor every
 * department (or the one asked for), and only its region when its token carries one (a narrower region may be asked).
 */
export function supervisionScope(
  principal: Principal,
  query: { department?: string; region?: string },
  allDepartments: readonly string[],
): SupervisionScope {
  if (principal.role !== 'supervisor' && principal.role !== 'department') {
    throw new ForbiddenError('Only supervisors and departments see supervision');
  }
  const departments =
    principal.role === 'department'
      ? [principal.department!]
      : query.department
        ? [query.department]
        : [...allDepartments].sort();
  // A supervisor's region (fail closed without one, shared/domain/access/scope.ts); a department's list spans regions.
  const prefix =
    principal.role === 'supervisor'
      ? listRegionPrefix(principal, query.region)
      : query.region
        ? regionPrefix(query.region)
        : undefined;
  return { departments, ...(prefix ? { regionPrefix: prefix } : {}) };
}

/** The page position across departments: the department, and the store's position within it. */
function readCursor(cursor: string | undefined, scope: SupervisionScope): { index: number; inner?: string } {
  if (!cursor) return { index: 0 };
  const invalid = () =>
    new ValidationError('The cursor is not one this list gave out', [
      { path: 'query.cursor', rule: 'cursor', message: 'use nextCursor from the previous page' },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { d, c } = (parsed ?? {}) as { d?: unknown; c?: unknown };
  const index = typeof d === 'string' ? scope.departments.indexOf(d) : -1;
  if (index < 0 || (c !== undefined && typeof c !== 'string')) throw invalid();
  return { index, ...(typeof c === 'string' ? { inner: c } : {}) };
}

const writeCursor = (department: string, inner: string | undefined) =>
  Buffer.from(JSON.stringify({ d: department, ...(inner ? { c: inner } : {}) })).toString('base64url');

/** Yellow (warnings) or red (overdue) open watches in scope, department by department, with Query only. */
export async function listWatches(
  store: Pick<WatchStore, 'listLevel'>,
  level: 'yellow' | 'red',
  scope: SupervisionScope,
  query: { kind?: WatchKind; limit: number; cursor?: string },
): Promise<{ items: Watch[]; nextCursor?: string }> {
  const start = readCursor(query.cursor, scope);
  const items: Watch[] = [];
  let index = start.index;
  let inner = start.inner;
  while (index < scope.departments.length) {
    const department = scope.departments[index]!;
    if (items.length >= query.limit) return { items, nextCursor: writeCursor(department, inner) };
    const page = await store.listLevel({
      level,
      department,
      ...(scope.regionPrefix ? { regionPrefix: scope.regionPrefix } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      limit: query.limit - items.length,
      ...(inner ? { cursor: inner } : {}),
    });
    items.push(...page.items);
    if (page.cursor) {
      inner = page.cursor;
    } else {
      index += 1;
      inner = undefined;
    }
  }
  return { items };
}

/** What the lists show of a watch. */
export function watchView(watch: Watch, today: string, policy: LevelPolicy) {
  const reading = levelOn(today, watch.dueDate, policy);
  return {
    watchId: watch.id,
    kind: watch.kind,
    subjectId: watch.subjectId,
    ...(watch.caseId ? { caseId: watch.caseId } : {}),
    ...(watch.caseNumber ? { caseNumber: watch.caseNumber } : {}),
    ...(watch.matterCode ? { matterCode: watch.matterCode } : {}),
    ...(watch.channel ? { channel: watch.channel } : {}),
    department: watch.department,
    regionCode: watch.regionCode,
    dueDate: watch.dueDate,
    ...(watch.provisional ? { provisional: true } : {}),
    level: watch.level,
    ...(watch.level === 'red' ? { overdueDays: reading.overdueDays } : { remainingDays: reading.remainingDays }),
    escalations: watch.escalations,
    openedAt: watch.openedAt,
  };
}

type ScopeQuery = { readonly department?: string; readonly region?: string };

/** The caller's scope; a supervisor who names no department goes through every department of the catalogue. */
async function scopeOf(principal: Principal, query: ScopeQuery, deps: SupervisionListDeps): Promise<SupervisionScope> {
  const everyDepartment = principal.role === 'supervisor' && !query.department;
  return supervisionScope(principal, query, everyDepartment ? await deps.departments() : []);
}

/** GET /supervision/warnings (yellow) and /supervision/overdue (red): a page of watches in the caller's scope. */
export async function watchesAtLevel<L extends 'yellow' | 'red'>(
  level: L,
  principal: Principal,
  query: ScopeQuery & { readonly kind?: WatchKind; readonly limit: number; readonly cursor?: string },
  deps: SupervisionListDeps,
) {
  const page = await listWatches(deps.store, level, await scopeOf(principal, query, deps), query);
  const policy = { calendar: await deps.calendar(), warningDays: deps.warningDays };
  const today = toShanghaiDate(deps.now());
  return {
    items: page.items.map((w) => watchView(w, today, policy) as ReturnType<typeof watchView> & { level: L }),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/**
 * GET /supervision/deadlines: the open deadlines (a task, a case's review, a complaint, …) due on a date, in the
 * supervisor's region, from the watches' date index. A paused deadline is not due on its old date, so it is not listed.
 */
export async function deadlinesOn(
  principal: Principal,
  query: {
    readonly date: string;
    readonly region?: string;
    readonly kind?: WatchKind;
    readonly limit: number;
    readonly cursor?: string;
  },
  deps: Pick<SupervisionListDeps, 'store' | 'calendar' | 'warningDays' | 'now'>,
) {
  if (principal.role !== 'supervisor') throw new ForbiddenError('Only supervisors see the deadlines of a date');
  const prefix = listRegionPrefix(principal, query.region);
  const page = await deps.store.pageDueOn({
    date: query.date,
    ...(prefix ? { regionPrefix: prefix } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const policy = { calendar: await deps.calendar(), warningDays: deps.warningDays };
  const today = toShanghaiDate(deps.now());
  return {
    items: page.items.map((w) => watchView(w, today, policy)),
    ...(page.cursor ? { nextCursor: page.cursor } : {}),
  };
}

/** GET /supervision/efficiency: the departments in the caller's scope over a date range. */
export async function efficiencyInScope(
  principal: Principal,
  query: ScopeQuery & { readonly from: string; readonly to: string },
  deps: SupervisionListDeps,
) {
  return efficiencyReport(deps.store, await scopeOf(principal, query, deps), query.from, query.to);
}
