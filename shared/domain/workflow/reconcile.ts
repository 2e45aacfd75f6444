import type { CaseStatus } from '../applications/case';
import type { CaseRecord } from '../applications/model';

/**
 * The reconciler: what is stuck, and the repair for it. Each run reads the outbox's events behind its cursor that
 * the relay did not receipt, and those after which the platform owes a next step (FOLLOW_UPS); an event it must
 * look at again (a follow-up legitimately waiting, a repair that failed) waits on its index. It looks at what they
 * concern (the case, its execution, its task) and decides here, without any I/O, what to do:
 *
 *   outbox-unrelayed          never put on the bus (its stream record was lost) → put it again, same event id
 *   accepted-without-review   ACCEPTED, or in review without an execution → start the review (named after the case)
 *   approved-without-licence  APPROVED, not waiting in its execution, its licence due and missing → issue it (idempotent)
 *   lost-wait-token           a decision (or a payment) whose resume never reached the waiting token → answer it
 *
 * Every repair is safe to repeat: consumers de-duplicate on the event id, an execution's name is its case's id,
 * issuance finds the licence it issued, a token answered already is "gone". A run twice in a row finds nothing.
 */

/** The events after which the platform owes a next step that can get stuck: judged after the grace period, and kept on the index until the step is seen. */
export const FOLLOW_UPS: readonly string[] = ['Application.Accepted.v1', 'Application.Approved.v1', 'Task.Decided.v1'];

export const FINDING_KINDS = [
  'outbox-unrelayed',
  'accepted-without-review',
  'approved-without-licence',
  'lost-wait-token',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The log message of a finding: each one has a metric filter and an alarm (infra/topology.ts, reconcile). */
export const findingMessage = (kind: FindingKind) => `stuck: ${kind}`;

/** An item on the reconciler's index: an outbox event, and whether the relay has put it on the bus. */
export interface WatchedEvent {
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly occurredAt: string;
  readonly relayedAt?: string;
  /**
   * Its place on the reconciler's index, to move or remove it. Absent for an event read from the outbox's hours
   * behind the cursor: the cursor leaves it behind unless the reconciler keeps it (`later`), which puts it on the index.
   */
  readonly dueKey?: string;
}

export type ExecutionState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'NONE';

/** What the reconciler read about the event's case, as far as the event needs it. */
export interface Observation {
  readonly case?: {
    readonly status: CaseStatus;
    readonly kind?: 'matter' | 'bundle';
    readonly licenceNo?: string;
    readonly payment?: { readonly status: string; readonly taskToken?: string };
    /**
     * An approved case's licence (licenceState): due now, waiting for its fee (also one whose order was never
     * placed), or none to issue.
     */
    readonly licence?: 'due' | 'awaiting-payment' | 'none';
  };
  readonly execution?: ExecutionState;
  readonly task?: { readonly decided: boolean; readonly resumed: boolean };
}

export type Repair =
  | { readonly action: 'republish' }
  | { readonly action: 'start-review' }
  | { readonly action: 'issue-licence' }
  | {
      readonly action: 'resume-task';
      readonly taskId: string;
      readonly decision: 'approve' | 'reject';
      readonly reason?: string;
    }
  | { readonly action: 'answer-payment'; readonly taskToken: string };

export type Verdict =
  /** Nothing more to look after: off the index. */
  | { readonly verdict: 'done' }
  /** Legitimately waiting (e.g. for the applicant's payment): looked at again later. */
  | { readonly verdict: 'later' }
  | { readonly verdict: 'stuck'; readonly finding: FindingKind; readonly repair: Repair };

/** What the reconciler needs to read for an event (nothing, for an event that owes no follow-up once relayed). */
export interface Needs {
  readonly case: boolean;
  readonly execution: boolean;
  readonly task?: string;
  /** Whether the case's licence is due (its matter and fee read). */
  readonly licence?: boolean;
}

/** What the reconciler looks at in a case: its status and kind, its licence, its payment's waiting token. */
export function caseObservation(record: CaseRecord): NonNullable<Observation['case']> {
  return {
    status: record.status,
    ...(record.kind ? { kind: record.kind } : {}),
    ...(record.licenceNo ? { licenceNo: record.licenceNo } : {}),
    ...(record.payment
      ? {
          payment: {
            status: record.payment.status,
            ...(record.payment.taskToken ? { taskToken: record.payment.taskToken } : {}),
          },
        }
      : {}),
  };
}

export function needs(event: WatchedEvent): Needs {
  if (!event.relayedAt) return { case: false, execution: false };
  switch (event.detailType) {
    case 'Application.Accepted.v1':
      return { case: true, execution: true };
    case 'Application.Approved.v1':
      return { case: true, execution: true, licence: true };
    case 'Task.Decided.v1':
      return { case: true, execution: false, task: String(event.detail.taskId ?? '') };
    default:
      return { case: false, execution: false };
  }
}

const IN_REVIEW: readonly CaseStatus[] = ['IN_REVIEW', 'RETURNED'];

/** The verdict on one event, from what was read about it. */
export function judge(event: WatchedEvent, seen: Observation): Verdict {
  if (!event.relayedAt) return { verdict: 'stuck', finding: 'outbox-unrelayed', repair: { action: 'republish' } };
  const record = seen.case;
  switch (event.detailType) {
    case 'Application.Accepted.v1': {
      if (!record) return { verdict: 'done' };
      if (record.status === 'ACCEPTED')
        return { verdict: 'stuck', finding: 'accepted-without-review', repair: { action: 'start-review' } };
      if (IN_REVIEW.includes(record.status) && seen.execution === 'NONE')
        return { verdict: 'stuck', finding: 'accepted-without-review', repair: { action: 'start-review' } };
      // Running, finished, or failed (a failed review is recorded on the case and alarms on its own).
      return { verdict: 'done' };
    }
    case 'Application.Approved.v1': {
      if (!record || record.kind === 'bundle' || !['APPROVED', 'ISSUED'].includes(record.status))
        return { verdict: 'done' };
      const payment = record.payment;
      const owes = payment !== undefined && payment.status !== 'PAID';
      if (seen.execution === 'RUNNING') {
        // Paid, yet the procedure still waits on the payment's token: the Paid event's resume was lost (the licence
        // may be issued already: it comes from the same event, by another consumer).
        if (payment?.status === 'PAID' && payment.taskToken)
          return {
            verdict: 'stuck',
            finding: 'lost-wait-token',
            repair: { action: 'answer-payment', taskToken: payment.taskToken },
          };
        return record.status === 'ISSUED' ? { verdict: 'done' } : { verdict: 'later' };
      }
      if (record.status === 'ISSUED' || record.licenceNo) return { verdict: 'done' };
      // The procedure ended (or failed): the licence is issued from the approval's or the payment's event, so one
      // that is due and missing was lost on the way; a matter without a licence, or a fee still owed, is not.
      if (record.licence === 'due')
        return { verdict: 'stuck', finding: 'approved-without-licence', repair: { action: 'issue-licence' } };
      return owes || record.licence === 'awaiting-payment' ? { verdict: 'later' } : { verdict: 'done' };
    }
    case 'Task.Decided.v1': {
      if (!record || !IN_REVIEW.includes(record.status) || !seen.task?.decided || seen.task.resumed)
        return { verdict: 'done' };
      const decision = event.detail.decision === 'reject' ? 'reject' : 'approve';
      const reason = typeof event.detail.reason === 'string' ? event.detail.reason : undefined;
      return {
        verdict: 'stuck',
        finding: 'lost-wait-token',
        repair: { action: 'resume-task', taskId: String(event.detail.taskId), decision, ...(reason ? { reason } : {}) },
      };
    }
    default:
      return { verdict: 'done' };
  }
}

/** What a repair achieved: the item leaves the index, or stays to be looked at again. */
export type RepairOutcome = 'repaired' | 'not-yet';

export interface ReconcilePorts {
  /**
   * What is due at or before `until`: the items on the index (at most `limit`), and the events of the outbox's
   * hours from the cursor on that are unrelayed or owe a follow-up. `checkpoint` is where the cursor goes once they
   * are all judged.
   */
  due(until: string, limit: number): Promise<{ events: WatchedEvent[]; checkpoint?: string }>;
  /** Off the index (or, read behind the cursor, left there). */
  done(event: WatchedEvent): Promise<void>;
  /** Looked at again at `at` (on the index). */
  later(event: WatchedEvent, at: string): Promise<void>;
  /** The cursor moves on: the outbox's events up to `checkpoint` have been judged. */
  advance(checkpoint: string): Promise<void>;
  observe(event: WatchedEvent, needs: Needs): Promise<Observation>;
  repair(event: WatchedEvent, repair: Repair): Promise<RepairOutcome>;
  /** A finding: logged with its metric (and alarm). */
  report(finding: {
    kind: FindingKind;
    event: WatchedEvent;
    repair: Repair['action'];
    outcome: RepairOutcome | 'failed';
    error?: string;
  }): void;
  /** An item that could not even be looked at (it stays for the next run). */
  unreadable(event: WatchedEvent, error: Error): void;
  now(): Date;
}

export interface ReconcileOptions {
  /** How long the normal path gets before the reconciler steps in (the relay, the consumers' retries). */
  readonly graceMinutes: number;
  /** When a legitimately waiting follow-up is looked at again. */
  readonly recheckMinutes: number;
  /** Items per run; the rest wait for the next run. */
  readonly limit: number;
}

export const RECONCILE_DEFAULTS: ReconcileOptions = { graceMinutes: 15, recheckMinutes: 6 * 60, limit: 500 };

export interface ReconcileResult {
  readonly examined: number;
  readonly findings: Record<FindingKind, number>;
  readonly repaired: number;
  readonly failed: number;
}

/**
 * One run. Each item is handled on its own: a failure to read or repair one is reported and the item stays on
 * the index for the next run (an event read behind the cursor is put there), and the run goes on with the others.
 * The cursor moves only when every event behind it is judged or kept; otherwise the next run reads them again.
 */
export async function reconcile(
  ports: ReconcilePorts,
  options: ReconcileOptions = RECONCILE_DEFAULTS,
): Promise<ReconcileResult> {
  const now = ports.now();
  const until = new Date(now.getTime() - options.graceMinutes * 60_000).toISOString();
  const recheckAt = new Date(now.getTime() + options.recheckMinutes * 60_000).toISOString();
  const { events: items, checkpoint } = await ports.due(until, options.limit);
  let kept = true;
  const findings = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  let repaired = 0;
  let failed = 0;
  for (const event of items) {
    let verdict: Verdict | undefined;
    try {
      verdict = judge(event, await ports.observe(event, needs(event)));
      if (verdict.verdict === 'done') await ports.done(event);
      else if (verdict.verdict === 'later') await ports.later(event, recheckAt);
      else {
        findings[verdict.finding] += 1;
        const outcome = await ports.repair(event, verdict.repair);
        ports.report({ kind: verdict.finding, event, repair: verdict.repair.action, outcome });
        if (outcome === 'repaired') repaired += 1;
        // A republished follow-up is looked at once more after the grace period; any other repair is judged again
        // at the next run, which then finds it done (an event read behind the cursor is put on the index for that).
        if (verdict.repair.action === 'republish') {
          if (FOLLOW_UPS.includes(event.detailType))
            await ports.later(event, new Date(now.getTime() + options.graceMinutes * 60_000).toISOString());
        } else if (event.dueKey === undefined) await ports.later(event, now.toISOString());
      }
    } catch (error) {
      failed += 1;
      if (verdict?.verdict === 'stuck')
        ports.report({
          kind: verdict.finding,
          event,
          repair: verdict.repair.action,
          outcome: 'failed',
          error: (error as Error).name,
        });
      else ports.unreadable(event, error as Error);
      if (event.dueKey === undefined) {
        try {
          await ports.later(event, now.toISOString());
        } catch {
          kept = false;
        }
      }
    }
  }
  if (checkpoint && kept) await ports.advance(checkpoint);
  return { examined: items.length, findings, repaired, failed };
}
