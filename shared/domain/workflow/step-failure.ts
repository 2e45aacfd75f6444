import * as z from 'zod';
import { reviewFailed } from '../../contracts/workflow-events';
import { CASE_ACTIONS } from '../applications/case';
import { apply, caseEvent, retryOnConflict, SYSTEM } from '../applications/changes';
import type { ApplicationDeps } from '../applications/ports';
import { NotFoundError } from '../errors';

/** The log message of a recorded step failure; it has a metric filter and an alarm (infra/topology.ts). */
export const STEP_FAILED_MESSAGE = 'workflow step failed';

/** A Catch's error output: only its name is read (the cause may hold personal data). */
const caught = z.object({ Error: z.string().optional() }).loose();

/**
 * What RecordStepFailure is invoked with. Each Catch puts its error under `failed.<the step's name>`, so the step is
 * named without a Pass state (a billed transition); `step` + `failure` is how executions started on the definition
 * before issue 20 still call it. Parsed to the failed step and its error's name.
 */
export const stepFailureInputSchema = z
  .object({
    caseId: z.string().min(1),
    failed: z.record(z.string().min(1), caught).optional(),
    step: z.string().min(1).optional(),
    failure: caught.optional(),
  })
  .transform(({ caseId, failed, step, failure }, ctx): StepFailure => {
    const [name, error] = failed ? (Object.entries(failed)[0] ?? []) : [step, failure];
    if (!name) {
      ctx.addIssue({ code: 'custom', message: 'failed (or step) must name the failed step' });
      return z.NEVER;
    }
    return { caseId, step: name, error: error?.Error || 'unknown error' };
  });

export interface StepFailure {
  readonly caseId: string;
  /** The state that failed after its retries, e.g. IssueLicence. */
  readonly step: string;
  /** Its error name (States.TaskFailed, Lambda.Unknown, …); the cause is not kept (it may hold personal data). */
  readonly error: string;
}

/**
 * A state machine step failed after its retries (every Task state's Catch leads here): the failure is recorded on
 * the case — a `CASE#<id> / FAILURE#<step>` item always, and a `review-failed` history entry where the case's
 * status allows one — with Application.ReviewFailed.v1 for supervision, in one transaction. Recording it twice
 * (a retried invocation) changes nothing. The reconciler repairs what can be repaired (e.g. issues the licence).
 */
export async function recordStepFailure(
  failure: StepFailure,
  deps: Pick<ApplicationDeps, 'cases' | 'now'>,
): Promise<{ recorded: boolean; status: string }> {
  return retryOnConflict(async () => {
    const record = await deps.cases.get(failure.caseId);
    if (!record) throw new NotFoundError(`No case ${failure.caseId}`);
    const at = deps.now().toISOString();
    const reason = `${failure.step}: ${failure.error}`;
    // One marker per step and case state: a retried invocation finds it and records nothing twice.
    const marker = deps.cases.stepFailureMarker({
      caseId: record.id,
      step: failure.step,
      error: failure.error,
      seq: record.seq,
      status: record.status,
      at,
    });
    const allowed: readonly string[] = CASE_ACTIONS['review-failed'].from;
    const changes = allowed.includes(record.status)
      ? [{ action: 'review-failed' as const, actor: SYSTEM, reason, data: { error: reason, step: failure.step } }]
      : [];
    try {
      await apply(record, changes, deps, [caseEvent(reviewFailed, record, at, { error: reason })], { items: [marker] });
    } catch (error) {
      // The marker's condition failed (recorded already) or the case moved on: read again, then decide.
      const again = await deps.cases.get(failure.caseId);
      if (again && again.seq === record.seq) return { recorded: false, status: record.status };
      throw error;
    }
    return { recorded: true, status: record.status };
  });
}
