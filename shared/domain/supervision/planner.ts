import type { z } from 'zod';
import type { caseEventBase } from '../../contracts/case-event';
import type { CaseRecord } from '../applications/model';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { DepartmentTask } from '../workflow/task';
import type { EfficiencyIncrement, Watch, WatchStatus, WatchSubject } from './model';
import type { BundleResultLookups, TrackDeps } from './ports';
import { closedAt, newWatch, provisionalDue } from './watch';

/**
 * The watches one event touches (track.ts): read once, or built from their subject's current state when the event
 * that opens them has not arrived yet, then changed in memory; the plan is every watch with what it became.
 */
export type CaseDetail = z.infer<typeof caseEventBase>;

export interface Plan {
  readonly changes: { before?: Watch; draft: Watch }[];
  readonly counters: EfficiencyIncrement[];
}

export interface Context {
  readonly deps: TrackDeps;
  readonly calendar: WorkingDayCalendar;
}

export function resultLookups(deps: TrackDeps): BundleResultLookups {
  const matters = deps.matters;
  return {
    getCase: (id) => deps.cases.get(id),
    ...(matters
      ? {
          yieldsLicence: async (code: string, version: number) =>
            Boolean((await matters.matter(code, version)).content.yieldsLicenceType),
        }
      : {}),
  };
}

export const caseSubject = (d: CaseDetail): WatchSubject => ({
  kind: 'case',
  subjectId: d.caseId,
  caseId: d.caseId,
  caseNumber: d.caseNumber,
  matterCode: d.matterCode,
  channel: d.channel,
  department: d.department,
  regionCode: d.regionCode,
});

/** 统一出件: the result of a decided case must reach the applicant; the case's department answers for it. */
export const deliverySubject = (d: CaseDetail): WatchSubject => ({ ...caseSubject(d), kind: 'delivery' });

export const taskSubject = (d: CaseDetail, taskId: string, department: string): WatchSubject => ({
  ...caseSubject(d),
  kind: 'task',
  subjectId: taskId,
  department,
});

function taskWatchStatus(task: DepartmentTask): WatchStatus {
  if (task.status === 'WAITING' || task.status === 'CLAIMED') return 'open';
  return task.status === 'RETURNED' || task.status === 'SUSPENDED' ? 'paused' : 'closed';
}

/** A task's watch as the task stands now (an event of it arrived before its Task.Opened.v1). */
export function watchOfTask(task: DepartmentTask, d: CaseDetail, at: string, by: string): Watch {
  const status = taskWatchStatus(task);
  return newWatch(taskSubject(d, task.id, task.department), {
    dueDate: task.dueDate,
    at,
    status,
    escalations: task.escalations,
    ...(task.provisional ? { provisional: true } : {}),
    ...(task.pause ? { pausedSince: task.pause.since } : {}),
    ...(status === 'closed' ? { closedBy: by } : {}),
  });
}

/**
 * A case's watch as the case stands now; none for a case that never entered review. `running`: an approved bundle
 * whose members' results are not all out yet is still on the clock.
 */
export function watchOfCase(
  record: CaseRecord,
  d: CaseDetail,
  at: string,
  by: string,
  running = false,
): Watch | undefined {
  const review = record.review;
  if (!review) return undefined;
  const inReview = running || record.status === 'IN_REVIEW' || record.status === 'RETURNED';
  const status: WatchStatus = !inReview ? 'closed' : review.pause ? 'paused' : 'open';
  const watch = newWatch(caseSubject(d), {
    dueDate: review.dueDate,
    at,
    status,
    ...(review.provisional ? { provisional: true } : {}),
    ...(review.pause ? { pausedSince: review.pause.since } : {}),
    ...(status === 'closed' ? { closedBy: by } : {}),
  });
  return review.pause
    ? { ...watch, holds: Object.fromEntries(review.pause.heldBy.map((taskId) => [taskId, { held: true, at }])) }
    : watch;
}

export class Planner {
  readonly plan: Plan = { changes: [], counters: [] };
  private readonly loaded = new Map<string, { before?: Watch; current?: Watch }>();

  constructor(
    private readonly ctx: Context,
    private readonly d: CaseDetail,
    private readonly by: string,
  ) {}

  private get at() {
    return this.d.occurredAt;
  }

  /** The task's watch: stored, or built from the task when its Task.Opened.v1 has not arrived yet. */
  async task(taskId: string): Promise<Watch | undefined> {
    const key = `task#${taskId}`;
    if (!this.loaded.has(key)) {
      const before = await this.ctx.deps.store.get({ kind: 'task', subjectId: taskId, caseId: this.d.caseId });
      let current = before;
      if (!before) {
        const task = await this.ctx.deps.cases.getTask(taskId);
        current = task ? watchOfTask(task, this.d, this.at, this.by) : undefined;
      }
      this.loaded.set(key, { ...(before ? { before } : {}), ...(current ? { current } : {}) });
    }
    return this.loaded.get(key)!.current;
  }

  /** The case's watch: stored, or built from the case when its Application.ReviewStarted.v1 has not arrived yet. */
  async case(): Promise<Watch | undefined> {
    const key = `case#${this.d.caseId}`;
    if (!this.loaded.has(key)) {
      const before = await this.ctx.deps.store.get({ kind: 'case', subjectId: this.d.caseId, caseId: this.d.caseId });
      let current = before;
      if (!before) {
        const record = await this.ctx.deps.cases.get(this.d.caseId);
        current = record ? watchOfCase(record, this.d, this.at, this.by) : undefined;
      }
      this.loaded.set(key, { ...(before ? { before } : {}), ...(current ? { current } : {}) });
    }
    return this.loaded.get(key)!.current;
  }

  /** Starts from watches already read (the case's partition). */
  preload(watches: readonly Watch[]): void {
    for (const w of watches) this.loaded.set(w.id, { before: w, current: w });
  }

  mapAll(change: (w: Watch) => Watch): void {
    for (const [key, entry] of this.loaded) {
      if (entry.current) this.loaded.set(key, { ...entry, current: change(entry.current) });
    }
  }

  has(id: string): boolean {
    return this.loaded.get(id)?.current !== undefined;
  }

  put(draft: Watch): void {
    const entry = this.loaded.get(draft.id) ?? {};
    this.loaded.set(draft.id, { ...entry, current: draft });
  }

  async update(which: Promise<Watch | undefined>, change: (w: Watch) => Watch): Promise<void> {
    const watch = await which;
    if (watch) this.put(change(watch));
  }

  /** Every watch that was read or built, with what it became. */
  finish(): Plan {
    for (const { before, current } of this.loaded.values()) {
      if (current) this.plan.changes.push({ ...(before ? { before } : {}), draft: current });
    }
    return this.plan;
  }
}

/** A subject with no state to look up (complaints, rectifications): its first event opens, its answer closes. */
export async function openOrClose(
  p: Planner,
  ctx: Context,
  subject: WatchSubject,
  dueDate: string,
  at: string,
  closedBy: string | undefined,
) {
  const stored = await ctx.deps.store.get({ kind: subject.kind, subjectId: subject.subjectId });
  if (stored) p.preload([stored]);
  if (closedBy)
    p.put(stored ? closedAt(stored, at, closedBy) : newWatch(subject, { dueDate, at, status: 'closed', closedBy }));
  else if (!stored) {
    p.put(newWatch(subject, { dueDate, at, provisional: provisionalDue(ctx.calendar, toShanghaiDate(at), dueDate) }));
  }
}
