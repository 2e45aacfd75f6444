import { listRegionPrefix, regionPrefix } from '../access/scope';
import { createHash } from 'node:crypto';
import type { OutboxEvent } from '../events';
import { deadlineOverdue, deadlineWarning, type WatchKind, WATCH_KINDS } from '../../contracts/supervision-events';
import type { Principal } from '../../auth/principal';
import type { WorkingDayCalendar } from '../calendar/working-days';
import { ForbiddenError, ValidationError } from '../errors';

/**
 * 电子监察: one watch per deadline (a department's task, a case's review, a complaint, a rectification, a delivery).
 * A watch is `open` while its clock runs, `paused` while a special procedure or the applicant holds it (its level
 * stays as it was), `closed` for good once its subject is decided or answered: a closed watch never reopens.
 *
 * Levels (Asia/Shanghai dates, working days of the catalogue's calendar): red when today is after the due date,
 * yellow when the working days left (the day of today not counted, the due date counted) are at most the warning
 * threshold, green otherwise. Turning yellow or red publishes one notice, in the transaction that changes the level.
 */
export { WATCH_KINDS };
export type { WatchKind };

export const WATCH_STATUSES = ['open', 'paused', 'closed'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];
export const WATCH_LEVELS = ['green', 'yellow', 'red'] as const;
export type WatchLevel = (typeof WATCH_LEVELS)[number];

/** What is watched and whose it is: the dimensions of the lists and of the notices. */
export interface WatchSubject {
  readonly kind: WatchKind;
  readonly subjectId: string;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly matterCode?: string;
  readonly channel?: string;
  readonly department: string;
  readonly regionCode: string;
}

/** A case's clock stops while any of its tasks is paused; each holder with the time of its last hold or release. */
export type CaseHolds = Readonly<Record<string, { readonly held: boolean; readonly at: string }>>;

export interface Watch extends WatchSubject {
  /** `<kind>#<subjectId>`, as the notices carry it. */
  readonly id: string;
  readonly dueDate: string;
  readonly status: WatchStatus;
  readonly level: WatchLevel;
  readonly openedAt: string;
  readonly closedAt?: string;
  /** The detail-type that closed it. */
  readonly closedBy?: string;
  /** How often the workflow escalated it (a task silent for a week). */
  readonly escalations: number;
  /**
   * The due date reaches a year whose holiday notice is not loaded: counted Monday to Friday there for now, and
   * moved (and the flag cleared) by Application.DeadlinesRedated.v1 when the notice is loaded.
   */
  readonly provisional?: boolean;
  /** The date its pause began. */
  readonly pausedSince?: string;
  /** Case watches only: the tasks whose pauses hold the case's clock. */
  readonly holds?: CaseHolds;
  /** occurredAt of the last event applied to its status or due date: an older one arriving late is ignored. */
  readonly lastEventAt: string;
  /** Optimistic concurrency: each change is conditional on the previous version. */
  readonly version: number;
}

export const watchId = (kind: WatchKind, subjectId: string) => `${kind}#${subjectId}`;

// ---- the calendar ----

export interface LevelPolicy {
  readonly calendar: WorkingDayCalendar;
  /** Yellow when this many working days or fewer are left. */
  readonly warningDays: number;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * A working day by the loaded calendar; in a year whose State Council notice is not loaded yet (late December),
 * Monday to Friday, so that supervision keeps warning rather than stopping on the year boundary.
 */
function isWorkingDay(calendar: WorkingDayCalendar, date: string): boolean {
  if (calendar.years.includes(Number(date.slice(0, 4)))) return calendar.isWorkingDay(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days after `from` up to and including `to` (0 when to ≤ from): calendar.workingDaysBetween, year-safe. */
export function workingDaysAfter(calendar: WorkingDayCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) count += 1;
  return count;
}

export interface LevelReading {
  readonly level: WatchLevel;
  /** Working days left (0 on the due date itself). */
  readonly remainingDays: number;
  /** Working days past the due date, at least 1 once red (a weekend after a Friday due date counts as one). */
  readonly overdueDays: number;
}

export function levelOn(today: string, dueDate: string, policy: LevelPolicy): LevelReading {
  if (today > dueDate) return { level: 'red', remainingDays: 0, overdueDays: Math.max(1, workingDaysAfter(policy.calendar, dueDate, today)) };
  const remainingDays = workingDaysAfter(policy.calendar, today, dueDate);
  return { level: remainingDays <= policy.warningDays ? 'yellow' : 'green', remainingDays, overdueDays: 0 };
}

/**
 * The latest due date that is yellow (or worse) today: every due date up to it has at most `warningDays` working
 * days left. The sweep reads the dates between yesterday's and today's horizon to find the watches turning yellow.
 */
export function warningHorizon(today: string, policy: LevelPolicy): string {
  let day = today;
  let counted = 0;
  for (;;) {
    const next = addDays(day, 1);
    if (isWorkingDay(policy.calendar, next)) {
      if (counted + 1 > policy.warningDays) return day;
      counted += 1;
    }
    day = next;
  }
}

// ---- changes ----

/** A watch as its subject's first event (or the current state of its subject) describes it. */
export function newWatch(subject: WatchSubject, init: { dueDate: string; at: string; status?: WatchStatus; pausedSince?: string; closedBy?: string; escalations?: number; provisional?: boolean }): Watch {
  const status = init.status ?? 'open';
  return {
    ...subject,
    id: watchId(subject.kind, subject.subjectId),
    dueDate: init.dueDate,
    status,
    level: 'green',
    openedAt: init.at,
    ...(status === 'closed' ? { closedAt: init.at, ...(init.closedBy ? { closedBy: init.closedBy } : {}) } : {}),
    ...(status === 'paused' && init.pausedSince ? { pausedSince: init.pausedSince } : {}),
    escalations: init.escalations ?? 0,
    ...(init.provisional ? { provisional: true } : {}),
    lastEventAt: init.at,
    version: 0,
  };
}

/** Whether an event at `at` may still change the watch's status or due date (never a closed one, never an older event). */
export const applies = (watch: Watch, at: string) => watch.status !== 'closed' && Date.parse(at) >= Date.parse(watch.lastEventAt);

/**
 * Whether a due date set on `from` is provisional: its period reaches a year whose holiday notice the calendar does
 * not hold (calendar.provisionalYears, the rule the deadline's owner used).
 */
export function provisionalDue(calendar: WorkingDayCalendar, from: string, dueDate: string): boolean {
  return calendar.provisionalYears(from, dueDate).length > 0;
}

/** The watch with its provisional flag set or cleared (unchanged when `provisional` is undefined). */
function flaggedWatch<W extends Watch>(watch: W, provisional: boolean | undefined): W {
  if (provisional === undefined) return watch;
  const { provisional: _old, ...rest } = watch;
  return (provisional ? { ...rest, provisional: true } : rest) as W;
}

/** A new due date; `provisional` says whether it is counted Monday to Friday in a year not loaded (undefined: as it was). */
export function withDueDate(watch: Watch, dueDate: string, at: string, provisional?: boolean): Watch {
  return applies(watch, at) ? flaggedWatch({ ...watch, dueDate, lastEventAt: at }, provisional) : watch;
}

export function pausedAt(watch: Watch, at: string, date: string): Watch {
  if (!applies(watch, at)) return watch;
  return { ...watch, status: 'paused', pausedSince: watch.pausedSince ?? date, lastEventAt: at };
}

export function resumedAt(watch: Watch, dueDate: string, at: string, provisional?: boolean): Watch {
  if (!applies(watch, at)) return watch;
  const { pausedSince: _ended, ...rest } = watch;
  return flaggedWatch({ ...rest, status: 'open', dueDate, lastEventAt: at }, provisional);
}

export function closedAt(watch: Watch, at: string, by: string): Watch {
  if (watch.status === 'closed') return watch;
  const { pausedSince: _ended, ...rest } = watch;
  return { ...rest, status: 'closed', closedAt: at, closedBy: by };
}

export function escalated(watch: Watch, escalations: number): Watch {
  // A count, not a step: redelivered or reordered escalations cannot count twice.
  return escalations > watch.escalations ? { ...watch, escalations } : watch;
}

/** A task holds or releases its case's clock; the case watch is paused while any task holds it. */
export function held(watch: Watch, taskId: string, hold: boolean, at: string, date: string): Watch {
  if (watch.status === 'closed') return watch;
  const last = watch.holds?.[taskId];
  if (last && Date.parse(at) < Date.parse(last.at)) return watch;
  const holds = { ...watch.holds, [taskId]: { held: hold, at } };
  const holding = Object.values(holds).some((h) => h.held);
  if (holding) return { ...watch, holds, status: 'paused', pausedSince: watch.pausedSince ?? date };
  const { pausedSince: _ended, ...rest } = watch;
  return { ...rest, holds, status: 'open' };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Completes a change: an open watch's level is read from today (a paused or closed one keeps its level), the
 * version moves on. Undefined when nothing changed, so nothing is written.
 */
export function settle(before: Watch | undefined, draft: Watch, today: string, policy: LevelPolicy): Watch | undefined {
  const level = draft.status === 'open' ? levelOn(today, draft.dueDate, policy).level : draft.level;
  const after = { ...draft, level, version: before?.version ?? 0 };
  if (before && canonical(before) === canonical(after)) return undefined;
  return { ...after, version: (before?.version ?? 0) + 1 };
}

/** A stable event id per watch, level and version: a retried change cannot publish under another id. */
function noticeId(watch: Watch): string {
  const hex = createHash('sha256').update(`${watch.id}|${watch.level}|${watch.version}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The notice a change publishes: Supervision.DeadlineWarning.v1 when an open watch turns yellow,
 * Supervision.DeadlineOverdue.v1 when it turns red (messaging tells the department head). Nothing otherwise.
 */
export function noticeOf(before: Watch | undefined, after: Watch, today: string, policy: LevelPolicy, now: Date): OutboxEvent | undefined {
  if (after.status !== 'open' || after.level === 'green' || before?.level === after.level) return undefined;
  const reading = levelOn(today, after.dueDate, policy);
  const occurredAt = now.toISOString();
  const eventId = noticeId(after);
  const base = {
    eventId,
    occurredAt,
    watchId: after.id,
    kind: after.kind,
    subjectId: after.subjectId,
    department: after.department,
    regionCode: after.regionCode,
    ...(after.caseId ? { caseId: after.caseId } : {}),
    ...(after.caseNumber ? { caseNumber: after.caseNumber } : {}),
    ...(after.matterCode ? { matterCode: after.matterCode } : {}),
    ...(after.channel ? { channel: after.channel } : {}),
    dueDate: after.dueDate,
  };
  const contract = after.level === 'red' ? deadlineOverdue : deadlineWarning;
  const detail = after.level === 'red' ? deadlineOverdue.detail.parse({ ...base, level: 'red', overdueDays: reading.overdueDays }) : deadlineWarning.detail.parse({ ...base, level: 'yellow', remainingDays: reading.remainingDays });
  return { eventId, source: contract.source, detailType: contract.detailType, detail, occurredAt };
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

/**
 * A region code as a prefix: 350000 (a province) covers 35xxxx, 350100 (a city) covers 3501xx, 350102 (a district)
 * only itself (行政区划代码: two digits each for province, city, county).
 */
export { regionPrefix } from '../access/scope';

// ---- the store ----

export type WatchRef = Pick<WatchSubject, 'kind' | 'subjectId' | 'caseId'>;

/** A change of a watch: conditional on `before`'s version (or on not existing). */
export interface WatchChange {
  readonly before?: Watch;
  readonly after: Watch;
}

/** Counters of one decision, added to its department's day (efficiency.ts). */
export interface EfficiencyIncrement {
  readonly kind: 'task' | 'case';
  readonly department: string;
  readonly regionCode: string;
  /** The day of the decision (Asia/Shanghai). */
  readonly date: string;
  readonly onTime: boolean;
  readonly daysUsed: number;
  readonly limitDays: number;
}

export interface WatchStore {
  get(ref: WatchRef): Promise<Watch | undefined>;
  /** Every watch of a case (its own, its tasks'), read consistently. */
  ofCase(caseId: string): Promise<Watch[]>;
  /**
   * One transaction: the watch changes, their notices (outbox) and the efficiency counters; with `eventId`, also
   * the consumer's ledger marker ('duplicate' when the event was handled already, and nothing is written).
   * Throws ConcurrentChangeError when a watch changed meanwhile.
   */
  commit(input: { eventId?: string; changes: readonly WatchChange[]; notices: readonly OutboxEvent[]; counters?: readonly EfficiencyIncrement[] }): Promise<'written' | 'duplicate'>;
  /** Open, unpaused watches due on a date (the sweep's index). */
  dueOn(date: string): Promise<Watch[]>;
  /** Open yellow or red watches of a department, by region, then due date; `regionPrefix` narrows by key. */
  listLevel(query: { level: 'yellow' | 'red'; department: string; regionPrefix?: string; kind?: WatchKind; limit: number; cursor?: string }): Promise<{ items: Watch[]; cursor?: string }>;
  /** The last date the sweep completed. */
  sweepCursor(): Promise<string | undefined>;
  /** Moves the cursor forward (never back; a concurrent run that got further wins). */
  saveSweepCursor(date: string, previous: string | undefined): Promise<void>;
}

// ---- the lists ----

export interface SupervisionScope {
  readonly departments: readonly string[];
  readonly regionPrefix?: string;
}

/**
 * What a caller may see: a department its own department only, whatever the query says; a supervisor every
 * department (or the one asked for), and only its region when its token carries one (a narrower region may be asked).
 */
export function supervisionScope(principal: Principal, query: { department?: string; region?: string }, allDepartments: readonly string[]): SupervisionScope {
  if (principal.role !== 'supervisor' && principal.role !== 'department') throw new ForbiddenError('Only supervisors and departments see supervision');
  const departments = principal.role === 'department' ? [principal.department!] : query.department ? [query.department] : [...allDepartments].sort();
  // A supervisor's region (fail closed without one, shared/domain/access/scope.ts); a department's list spans regions.
  const prefix = principal.role === 'supervisor' ? listRegionPrefix(principal, query.region) : query.region ? regionPrefix(query.region) : undefined;
  return { departments, ...(prefix ? { regionPrefix: prefix } : {}) };
}

/** The page position across departments: the department, and the store's position within it. */
function readCursor(cursor: string | undefined, scope: SupervisionScope): { index: number; inner?: string } {
  if (!cursor) return { index: 0 };
  const invalid = () => new ValidationError('The cursor is not one this list gave out', [{ path: 'query.cursor', rule: 'cursor', message: 'use nextCursor from the previous page' }]);
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

const writeCursor = (department: string, inner: string | undefined) => Buffer.from(JSON.stringify({ d: department, ...(inner ? { c: inner } : {}) })).toString('base64url');

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
    const page = await store.listLevel({ level, department, ...(scope.regionPrefix ? { regionPrefix: scope.regionPrefix } : {}), ...(query.kind ? { kind: query.kind } : {}), limit: query.limit - items.length, ...(inner ? { cursor: inner } : {}) });
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
