import type { CaseRecord } from '../applications/model';
import { WriteConflictError } from '../errors';
import { bundleResultsOut } from '../supervision/bundle-deadline';
import { bundleCompletion } from './case-counting';
import type { Contribution, Facts } from './counters';
import { contributionOf, needsOf } from './counting';
import type { ContributionSubject, RecordDeps } from './ports';

export type RecordOutcome = 'written' | 'duplicate' | 'not-counted';

/** Transactions on one counter item collide when events of the same day and dimensions land at once. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Counts one event, exactly once: reads what the event does not carry (its case, its matter version, the calendar),
 * then commits the counter update together with the contribution kept under the event id, put only where it is not
 * yet, so a redelivery finds it and changes nothing. A case the event names must exist (it was written before its event was relayed): when it
 * does not, the error sends the event to retries and the DLQ rather than counting it wrong.
 */
export async function recordEvent(
  event: { detailType: string; detail: { eventId: string } & Record<string, unknown> },
  deps: RecordDeps,
): Promise<RecordOutcome> {
  // First, and idempotent on its own: a redelivery after a failure further down repeats it harmlessly.
  const bundle = await recordBundleCompletion(event, deps);
  const needs = needsOf(event.detailType, event.detail);
  const [record, matter, calendar] = await Promise.all([
    needs.caseId ? deps.cases.get(needs.caseId) : undefined,
    needs.matter ? deps.matters.matter(needs.matter.code, needs.matter.version) : undefined,
    needs.calendar ? deps.calendar() : undefined,
  ]);
  if (needs.caseId && !record) throw new Error(`Case ${needs.caseId} of event ${event.detail.eventId} does not exist`);
  const facts: Facts = {
    ...(record ? { case: record } : {}),
    ...(matter
      ? {
          matter: {
            promisedLimitDays: matter.content.promisedLimitDays,
            legalLimitDays: matter.content.legalLimitDays,
            immediate: matter.content.flags.immediate,
          },
        }
      : {}),
    ...(calendar ? { calendar } : {}),
  };
  const contribution = contributionOf(event.detailType, event.detail, facts, deps);
  if (!contribution) return bundle === 'written' ? 'written' : 'not-counted';
  return writeContribution(contribution, event.detail.eventId, subjectOf(event.detailType, event.detail), deps);
}

/** The contribution kept under its id with the counter update (one transaction), retried on a collision. */
async function writeContribution(
  contribution: Contribution,
  id: string,
  subject: ContributionSubject,
  deps: RecordDeps,
): Promise<'written' | 'duplicate'> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.stats.record(contribution, id, subject);
    } catch (error) {
      // The store names a collision on a counter item so; out of attempts, the store's own error goes on to the
      // consumer's retries.
      if (!(error instanceof WriteConflictError)) throw error;
      if (attempt >= CONFLICT_ATTEMPTS) throw error.cause;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** The id a bundle's completion is kept under: whichever event finds the bundle complete, it is counted once. */
export const bundleCompletionId = (bundleCaseId: string) => `bundle-completed#${bundleCaseId}`;

/**
 * 一件事 counted once as a completed case (counting.ts, bundleCompletion): at its rejection, or when its last
 * member's result is out, found either by the bundle's Application.Approved.v1 (every licence was out already) or by
 * a member's Licence.Issued.v1 (the bundle was approved already). Both may find it complete; one is kept.
 */
async function recordBundleCompletion(
  event: { detailType: string; detail: Record<string, unknown> },
  deps: RecordDeps,
): Promise<RecordOutcome> {
  const d = event.detail;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  let bundleId: string | undefined;
  let issuedCaseId: string | undefined;
  let outcome: 'approved' | 'rejected' = 'approved';
  if (
    (event.detailType === 'Application.Approved.v1' || event.detailType === 'Application.Rejected.v1') &&
    d.kind === 'bundle'
  ) {
    bundleId = text('caseId');
    outcome = event.detailType === 'Application.Approved.v1' ? 'approved' : 'rejected';
  } else if (event.detailType === 'Licence.Issued.v1' && text('caseId')) {
    const member = await deps.cases.get(text('caseId')!);
    bundleId = member?.parent?.caseId;
    issuedCaseId = member?.id;
  }
  if (!bundleId) return 'not-counted';
  const bundle = await deps.cases.get(bundleId);
  if (bundle?.kind !== 'bundle') return 'not-counted';
  if (outcome === 'approved') {
    const lookups = {
      getCase: (id: string) => deps.cases.get(id),
      yieldsLicence: async (code: string, version: number) =>
        Boolean((await deps.matters.matter(code, version)).content.yieldsLicenceType),
    };
    if (!(await bundleResultsOut(bundle, lookups, issuedCaseId))) return 'not-counted';
  }
  const completedAt =
    event.detailType === 'Licence.Issued.v1' ? String(d.occurredAt) : (text('decidedAt') ?? String(d.occurredAt));
  const [calendar, legalDays] = await Promise.all([deps.calendar(), membersLegalDays(bundle, deps)]);
  const contribution = bundleCompletion(outcome, completedAt, { case: bundle, legalDays, calendar });
  const subject: ContributionSubject = {
    detailType: event.detailType,
    subjectId: bundle.id,
    caseId: bundle.id,
    caseNumber: bundle.number,
  };
  return writeContribution(contribution, bundleCompletionId(bundle.id), subject, deps);
}

/** The members' legal limits along the waves, at the versions the bundle case pins. */
async function membersLegalDays(bundle: CaseRecord, deps: RecordDeps): Promise<number> {
  const members = bundle.members ?? [];
  const limits = await Promise.all(
    members.map(
      async (m) =>
        (await deps.matters.matter(m.matterCode, bundle.memberVersions?.[m.matterCode])).content.legalLimitDays,
    ),
  );
  const byWave = new Map<number, number>();
  members.forEach((m, i) => {
    byWave.set(m.wave, Math.max(byWave.get(m.wave) ?? 0, limits[i]!));
  });
  return [...byWave.values()].reduce((sum, days) => sum + days, 0);
}

/** What an event counted is about: its case when it has one, else its own record (complaint, appointment, order…). */
export function subjectOf(detailType: string, detail: Record<string, unknown>): ContributionSubject {
  const text = (key: string) =>
    typeof detail[key] === 'string' && detail[key] !== '' ? (detail[key] as string) : undefined;
  const caseId = text('caseId');
  const caseNumber = text('caseNumber');
  const subjectId =
    caseId ??
    text('complaintId') ??
    text('rectificationId') ??
    text('appointmentId') ??
    text('orderId') ??
    text('licenceNo') ??
    text('watchId') ??
    String(detail.eventId);
  return { detailType, subjectId, ...(caseId ? { caseId } : {}), ...(caseNumber ? { caseNumber } : {}) };
}
