import { createHash } from 'node:crypto';
import type { OutboxEvent } from '../events';
import { deadlineOverdue, deadlineWarning } from '../../contracts/supervision-events';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import { type LevelPolicy, levelOn } from './levels';
import { type Watch, watchId, type WatchStatus, type WatchSubject } from './model';

/**
 * How a watch changes (model.ts says what a watch is): opened, paused, resumed, re-dated, escalated, closed, then
 * settled at its level for today, with the notice a change of level publishes.
 */

/** A watch as its subject's first event (or the current state of its subject) describes it. */
export function newWatch(
  subject: WatchSubject,
  init: {
    dueDate: string;
    at: string;
    status?: WatchStatus;
    pausedSince?: string;
    closedBy?: string;
    escalations?: number;
    provisional?: boolean;
  },
): Watch {
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
export const applies = (watch: Watch, at: string) =>
  watch.status !== 'closed' && Date.parse(at) >= Date.parse(watch.lastEventAt);

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
 *
 * `openedBy`: the change applies the opening event of the watch's own subject whose message warns the department
 * itself (Task.Opened for a task). When that work was already within its warning days on the day it opened, that
 * message told the department so, with its due date, and was e-mailed (messaging's `emailWhenDueSoon`); a second
 * message about the same work in the same second would be noise, so no warning follows. Work whose opening event
 * arrives late, or a watch built from its subject's state, is warned of as ever.
 */
export function noticeOf(
  before: Watch | undefined,
  after: Watch,
  today: string,
  policy: LevelPolicy,
  now: Date,
  openedBy?: Watch['kind'],
): OutboxEvent | undefined {
  if (after.status !== 'open' || after.level === 'green' || before?.level === after.level) return undefined;
  if (
    before === undefined &&
    after.level === 'yellow' &&
    openedBy === after.kind &&
    levelOn(toShanghaiDate(after.openedAt), after.dueDate, policy).level === 'yellow'
  )
    return undefined;
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
  const detail =
    after.level === 'red'
      ? deadlineOverdue.detail.parse({ ...base, level: 'red', overdueDays: reading.overdueDays })
      : deadlineWarning.detail.parse({ ...base, level: 'yellow', remainingDays: reading.remainingDays });
  return { eventId, source: contract.source, detailType: contract.detailType, detail, occurredAt };
}
