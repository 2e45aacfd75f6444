import type { z } from 'zod';
import { deliveryDelivered } from '../../contracts/delivery-events';
import { LICENCE_EVENTS } from '../../contracts/licence-events';
import {
  complaintAnswered,
  complaintDeadlineRedated,
  complaintReceived,
  rectificationAnswered,
  rectificationOpened,
} from '../../contracts/engagement-events';
import { applicationWithdrawn } from '../../contracts/application-events';
import {
  applicationApproved,
  applicationExtended,
  applicationRejected,
  deadlinesRedated,
  postCheckCompleted,
  postCheckOpened,
  reviewFailed,
  reviewStarted,
  taskDecided,
  taskEscalated,
  taskOpened,
  taskResumed,
  taskReturned,
  taskSuspended,
} from '../../contracts/workflow-events';
import { retryOnConflict } from '../applications/changes';
import { DEFAULT_DELIVERY_WORKING_DAYS } from '../delivery/model';
import { toShanghaiDate } from '../calendar/working-days';
import { bundleResultsOut } from './bundle-deadline';
import { caseIncrement, taskIncrement } from './efficiency';
import type { LevelPolicy } from './levels';
import type { WatchChange, WatchRef, WatchSubject } from './model';
import {
  type CaseDetail,
  caseSubject,
  type Context,
  deliverySubject,
  openOrClose,
  type Plan,
  Planner,
  resultLookups,
  taskSubject,
  watchOfCase,
  watchOfTask,
} from './planner';
import type { TrackDeps } from './ports';
import {
  closedAt,
  escalated,
  held,
  newWatch,
  noticeOf,
  pausedAt,
  provisionalDue,
  resumedAt,
  settle,
  withDueDate,
} from './watch';

/**
 * The supervision consumer's use case: each event the platform publishes about a deadline becomes watch changes,
 * with the notices they cause and the efficiency counters of a decision, once per event (see track). Events arrive at least once and not always in order: a closed watch never reopens, and a
 * change older than the watch's last applied event is ignored. A watch missing when a later event of its subject
 * arrives is built from its subject's current state (the task or the case), which already reflects that event.
 */

/** A licence issued for a bundle's member case may be the bundle's last result: its one deadline then closes. */
const licenceIssued = LICENCE_EVENTS.find((c) => c.detailType === 'Licence.Issued.v1')!;

/** The events whose deadlines supervision watches: its rule matches exactly these (patternFor(TRACKED_CONTRACTS)). */
export const TRACKED_CONTRACTS = [
  reviewStarted,
  applicationExtended,
  applicationApproved,
  applicationRejected,
  applicationWithdrawn,
  reviewFailed,
  taskOpened,
  taskReturned,
  taskSuspended,
  taskResumed,
  taskEscalated,
  taskDecided,
  rectificationOpened,
  rectificationAnswered,
  postCheckOpened,
  postCheckCompleted,
  complaintReceived,
  complaintAnswered,
  deliveryDelivered,
  licenceIssued,
  deadlinesRedated,
  complaintDeadlineRedated,
] as const;

type Detail<C extends { detail: z.ZodType }> = z.infer<C['detail']>;

async function planEvent(detailType: string, detail: Record<string, unknown>, ctx: Context): Promise<Plan> {
  const d = detail as CaseDetail;
  const p = new Planner(ctx, d, detailType);
  const at = d.occurredAt;
  const date = toShanghaiDate(at);
  /** Whether a due date this event sets is counted Monday to Friday in a year not loaded (as its owner counted it). */
  const provisional = (dueDate: string) => provisionalDue(ctx.calendar, date, dueDate);
  switch (detailType) {
    case taskOpened.detailType: {
      const e = detail as Detail<typeof taskOpened>;
      // A watch already there (opened, or built from the task by an earlier-arriving event) stays as it is.
      const stored = await ctx.deps.store.get({ kind: 'task', subjectId: e.taskId, caseId: e.caseId });
      if (!stored)
        p.put(
          newWatch(taskSubject(e, e.taskId, e.taskDepartment), {
            dueDate: e.dueDate,
            at,
            provisional: provisional(e.dueDate),
          }),
        );
      break;
    }
    case taskReturned.detailType:
    case taskSuspended.detailType: {
      const e = detail as Detail<typeof taskSuspended>;
      const task = await p.task(e.taskId);
      await p.update(Promise.resolve(task), (w) => pausedAt(w, at, date));
      // A decided task holds nothing: its pause arriving after its decision leaves the case's clock as it is.
      if (task?.status !== 'closed') await p.update(p.case(), (w) => held(w, e.taskId, true, at, date));
      break;
    }
    case taskResumed.detailType: {
      const e = detail as Detail<typeof taskResumed>;
      await p.update(p.task(e.taskId), (w) => resumedAt(w, e.dueDate, at, provisional(e.dueDate)));
      await p.update(p.case(), (w) =>
        withDueDate(held(w, e.taskId, false, at, date), e.caseDueDate, at, provisional(e.caseDueDate)),
      );
      break;
    }
    case taskEscalated.detailType: {
      const e = detail as Detail<typeof taskEscalated>;
      await p.update(p.task(e.taskId), (w) => escalated(w, e.escalations));
      break;
    }
    case taskDecided.detailType: {
      const e = detail as Detail<typeof taskDecided>;
      await p.update(p.task(e.taskId), (w) => closedAt(w, at, detailType));
      const caseWatch = await p.case();
      // Only a task that held the case's clock releases it: the case watch is not rewritten for every decision.
      if (caseWatch?.holds?.[e.taskId]) {
        const released = held(caseWatch, e.taskId, false, at, date);
        // A rejected task that was paused lets the case's clock go; its new due date is on the case.
        const reopened = caseWatch.status === 'paused' && released.status === 'open';
        const review = reopened ? (await ctx.deps.cases.get(e.caseId))?.review : undefined;
        p.put(review ? withDueDate(released, review.dueDate, at, review.provisional === true) : released);
      }
      const task = await ctx.deps.cases.getTask(e.taskId);
      if (task) p.plan.counters.push(taskIncrement(task, e.regionCode, ctx.calendar, at));
      break;
    }
    case reviewStarted.detailType: {
      const e = detail as Detail<typeof reviewStarted>;
      const stored = await ctx.deps.store.get({ kind: 'case', subjectId: e.caseId, caseId: e.caseId });
      if (!stored) p.put(newWatch(caseSubject(e), { dueDate: e.dueDate, at, provisional: provisional(e.dueDate) }));
      break;
    }
    case applicationExtended.detailType: {
      const e = detail as Detail<typeof applicationExtended>;
      await p.update(p.case(), (w) => withDueDate(w, e.dueDate, at, provisional(e.dueDate)));
      // The task that asked for the extension got it too; the event names only the case's new date.
      const record = await ctx.deps.cases.get(e.caseId);
      const taskId = record?.review?.extension?.status === 'granted' ? record.review.extension.taskId : undefined;
      if (taskId) {
        const stored = await ctx.deps.store.get({ kind: 'task', subjectId: taskId, caseId: e.caseId });
        const task = stored ? await ctx.deps.cases.getTask(taskId) : undefined;
        if (stored && task) {
          p.preload([stored]);
          p.put(withDueDate(stored, task.dueDate, at, task.provisional === true));
        }
      }
      break;
    }
    case applicationApproved.detailType:
    case applicationRejected.detailType:
    case applicationWithdrawn.detailType:
    case reviewFailed.detailType: {
      // The case and every task of it still watched close; tasks not watched yet get closed watches, so a
      // Task.Opened.v1 arriving late cannot open them.
      p.preload(await ctx.deps.store.ofCase(d.caseId));
      const record = await ctx.deps.cases.get(d.caseId);
      // 一件事: approval is not the end of the bundle's one deadline; its last member's licence is (bundle-deadline.ts).
      const bundleRunning =
        detailType === applicationApproved.detailType &&
        d.kind === 'bundle' &&
        record !== undefined &&
        !(await bundleResultsOut(record, resultLookups(ctx.deps)));
      if (!p.has(`case#${d.caseId}`) && record) {
        const built = watchOfCase(record, d, at, detailType, bundleRunning);
        if (built) p.put(built);
      }
      for (const task of await ctx.deps.cases.tasksOf(d.caseId))
        if (!p.has(`task#${task.id}`)) p.put(watchOfTask(task, d, at, detailType));
      p.mapAll((w) => (w.kind === 'task' || (w.kind === 'case' && !bundleRunning) ? closedAt(w, at, detailType) : w));
      // An approved matter case's result is due within the delivery limit; a bundle case delivers through its members.
      if (detailType === applicationApproved.detailType && d.kind !== 'bundle' && !p.has(`delivery#${d.caseId}`)) {
        const decidedAt = (detail as Detail<typeof applicationApproved>).decidedAt;
        const dueDate = ctx.calendar.addWorkingDays(
          toShanghaiDate(decidedAt),
          ctx.deps.deliveryDays ?? DEFAULT_DELIVERY_WORKING_DAYS,
        );
        p.put(
          newWatch(deliverySubject(d), {
            dueDate,
            at,
            provisional: provisionalDue(ctx.calendar, toShanghaiDate(decidedAt), dueDate),
          }),
        );
      }
      if (record && (detailType === applicationApproved.detailType || detailType === applicationRejected.detailType)) {
        const decidedAt = (detail as Detail<typeof applicationApproved>).decidedAt;
        const increment = caseIncrement(record, decidedAt, ctx.calendar);
        if (increment) p.plan.counters.push(increment);
      }
      break;
    }
    case rectificationOpened.detailType:
    case rectificationAnswered.detailType: {
      const e = detail as Detail<typeof rectificationOpened>;
      const subject: WatchSubject = {
        ...caseSubject(e),
        kind: 'rectification',
        subjectId: e.rectificationId,
        department: e.responsibleDepartment,
      };
      await openOrClose(
        p,
        ctx,
        subject,
        e.dueDate,
        at,
        detailType === rectificationAnswered.detailType ? detailType : undefined,
      );
      break;
    }
    // 告知承诺制的事后核查: watched like every deadline, from its opening to its result.
    case postCheckOpened.detailType:
    case postCheckCompleted.detailType: {
      const e = detail as Detail<typeof postCheckOpened>;
      const subject: WatchSubject = {
        ...caseSubject(e),
        kind: 'post-check',
        subjectId: e.postCheckId,
        department: e.responsibleDepartment,
      };
      await openOrClose(
        p,
        ctx,
        subject,
        e.dueDate,
        at,
        detailType === postCheckCompleted.detailType ? detailType : undefined,
      );
      break;
    }
    case complaintReceived.detailType:
    case complaintAnswered.detailType: {
      const e = detail as Detail<typeof complaintReceived>;
      const subject: WatchSubject = {
        kind: 'complaint',
        subjectId: e.complaintId,
        ...(e.caseId ? { caseId: e.caseId } : {}),
        ...(e.caseNumber ? { caseNumber: e.caseNumber } : {}),
        ...(e.matterCode ? { matterCode: e.matterCode } : {}),
        department: e.responsibleDepartment,
        regionCode: e.regionCode,
      };
      await openOrClose(
        p,
        ctx,
        subject,
        e.dueDate,
        at,
        detailType === complaintAnswered.detailType ? detailType : undefined,
      );
      break;
    }
    case deliveryDelivered.detailType: {
      // 送达 closes the delivery watch; arriving before the approval's event, it leaves a closed watch that stays closed.
      const e = detail as Detail<typeof deliveryDelivered>;
      await openOrClose(p, ctx, deliverySubject(e), e.dueDate, at, detailType);
      break;
    }
    case licenceIssued.detailType: {
      // A member's licence: when it is the bundle's last result, the bundle's deadline is met (or was missed) now.
      const caseId = typeof detail.caseId === 'string' ? detail.caseId : undefined;
      const member = caseId ? await ctx.deps.cases.get(caseId) : undefined;
      const bundleId = member?.parent?.caseId;
      if (!member || !bundleId) break;
      const stored = await ctx.deps.store.get({ kind: 'case', subjectId: bundleId, caseId: bundleId });
      // No watch yet: the bundle's approval, still to come, finds this licence out and closes the one it builds.
      if (!stored || stored.status === 'closed') break;
      const bundle = await ctx.deps.cases.get(bundleId);
      if (bundle && (await bundleResultsOut(bundle, resultLookups(ctx.deps), member.id))) {
        p.preload([stored]);
        p.put(closedAt(stored, at, detailType));
      }
      break;
    }
    case deadlinesRedated.detailType: {
      // A holiday notice loaded: the watched deadlines counted Monday to Friday move to their dates by the notice.
      const e = detail as Detail<typeof deadlinesRedated>;
      // Each named date is counted by the notice now: final, unless it reaches a later year still not loaded.
      const still = (due: string) =>
        e.stillProvisional && ctx.calendar.provisionalYears(date, due).some((y) => y !== e.year);
      if (e.caseDueDate) await p.update(p.case(), (w) => withDueDate(w, e.caseDueDate!, at, still(e.caseDueDate!)));
      for (const t of e.tasks) await p.update(p.task(t.taskId), (w) => withDueDate(w, t.dueDate, at, still(t.dueDate)));
      const moveStored = async (ref: WatchRef, dueDate: string) => {
        const stored = await ctx.deps.store.get(ref);
        if (stored) {
          p.preload([stored]);
          p.put(withDueDate(stored, dueDate, at, still(dueDate)));
        }
      };
      if (e.postCheck)
        await moveStored({ kind: 'post-check', subjectId: e.postCheck.postCheckId }, e.postCheck.dueDate);
      if (e.rectification)
        await moveStored(
          { kind: 'rectification', subjectId: e.rectification.rectificationId },
          e.rectification.dueDate,
        );
      if (e.deliveryDueDate)
        await moveStored({ kind: 'delivery', subjectId: e.caseId, caseId: e.caseId }, e.deliveryDueDate);
      break;
    }
    case complaintDeadlineRedated.detailType: {
      const e = detail as Detail<typeof complaintDeadlineRedated>;
      const stored = await ctx.deps.store.get({ kind: 'complaint', subjectId: e.complaintId });
      if (stored) {
        p.preload([stored]);
        p.put(withDueDate(stored, e.dueDate, at, e.provisional));
      }
      break;
    }
    default:
      throw new Error(`Supervision does not track ${detailType}`);
  }
  return p.finish();
}

/**
 * Applies one event; 'unchanged' when it changes nothing (a redelivery finds its changes made and its counters put).
 * Exactly once without a ledger: the watches are a projection that re-applying the same event leaves as it is
 * (a closed watch stays closed, an older event is ignored, each write is conditional on the version read), and a
 * decision's efficiency counters are put under the event's id.
 */
export async function track(
  event: { detailType: string; detail: Record<string, unknown> & { eventId: string } },
  deps: TrackDeps,
): Promise<'written' | 'unchanged'> {
  const calendar = await deps.calendar();
  const policy: LevelPolicy = { calendar, warningDays: deps.warningDays };
  return retryOnConflict(async () => {
    const now = deps.now();
    const today = toShanghaiDate(now);
    const plan = await planEvent(event.detailType, event.detail, { deps, calendar });
    const opening = event.detailType === taskOpened.detailType ? 'task' : undefined;
    const changes: WatchChange[] = [];
    for (const { before, draft } of plan.changes) {
      const after = settle(before, draft, today, policy);
      if (!after) continue;
      // Task.Opened's own message warns the department of a task that arrives within its warning days
      // (messaging's emailWhenDueSoon): the task watch it creates needs no warning of its own.
      const notice = noticeOf(before, after, today, policy, now, opening);
      changes.push({ ...(before ? { before } : {}), after, ...(notice ? { notice } : {}) });
    }
    if (changes.length === 0 && plan.counters.length === 0) return 'unchanged';
    return deps.store.commit({ eventId: event.detail.eventId, changes, counters: plan.counters });
  });
}
