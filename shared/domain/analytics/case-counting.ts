// What a case's own events add: its intake, its decision (办结, once per 一件事) and its licence.
import type { z } from 'zod';
import type {
  applicationAccepted,
  applicationRefused,
  applicationSubmitted,
  applicationWithdrawn,
} from '../../contracts/application-events';
import type { LICENCE_EVENTS } from '../../contracts/licence-events';
import type { applicationApproved, applicationRejected } from '../../contracts/workflow-events';
import { toShanghaiDate } from '../calendar/working-days';
import type { CaseFacts, Contribution } from './counters';
import {
  caseDimensions,
  contribution,
  type Detail,
  dayOf,
  isBundle,
  isMember,
  ONLINE_CHANNELS,
  type Rule,
  required,
  visitsOf,
} from './counting-rule';

/*
 * 一件事 (bundle cases, kind 'bundle'): intake is counted on the member cases (each a case of its own, with its own
 * submission and acceptance, in its own department), and the bundle's own intake events add nothing. Completion (办结,
 * and so 按时办结率) is counted once per bundle, against the bundle's own promised limit, when its last member's
 * result is out (bundleCompletion, from record.ts); its member cases' decisions then add nothing to the completion
 * counters, so a bundle of four matters is one completed case, not four or five.
 */

function completion(decision: 'approved' | 'rejected') {
  const rule: Rule<Detail<typeof applicationApproved> | Detail<typeof applicationRejected>> = {
    needs: (d) =>
      isBundle(d) || isMember(d)
        ? {}
        : { caseId: d.caseId, matter: { code: d.matterCode, version: d.matterVersion }, calendar: true },
    count: (d, facts) => {
      if (isBundle(d) || isMember(d)) return undefined;
      const record = required(facts.case, `case ${d.caseId}`);
      const matter = required(facts.matter, `matter ${d.matterCode} v${d.matterVersion}`);
      const calendar = required(facts.calendar, 'the working-day calendar');
      const decisionDate = toShanghaiDate(record.outcome?.decidedAt ?? d.decidedAt);
      const review = record.review;
      // Every decided case went through a review (its clock starts at acceptance); without one nothing ran late.
      const onTime = review ? decisionDate <= review.dueDate : true;
      const workingDays = review
        ? Math.max(0, calendar.workingDaysBetween(review.startDate, decisionDate) - review.pausedDays)
        : 0;
      const visits = visitsOf(record, d.channel);
      return contribution(caseDimensions(d), {
        completed: 1,
        [decision]: 1,
        completedOnTime: onTime ? 1 : 0,
        workingDaysToDecision: workingDays,
        promisedDays: matter.promisedLimitDays,
        legalDays: matter.legalLimitDays,
        immediate: matter.immediate ? 1 : 0,
        fullyOnline: ONLINE_CHANNELS.includes(d.channel) && visits === 0 ? 1 : 0,
        visits,
        decidedOnCommitment: decision === 'approved' && record.outcome?.onCommitment ? 1 : 0,
      });
    },
  };
  return rule;
}

/** What counting a bundle's completion reads: the bundle case, and its members' legal limits along the waves. */
export interface BundleCompletionFacts {
  readonly case: CaseFacts & {
    readonly caseNumber?: string;
    readonly review?: CaseFacts['review'] & { readonly limitDays: number };
  };
  /** The members' legal limits added up along the waves (the longest of each wave). */
  readonly legalDays: number;
  readonly calendar: { workingDaysBetween(from: string, to: string): number };
}

/**
 * 一件事 completed, once: approved when its last member's result is out, or rejected. On time when that day is on or
 * before the bundle's due date (its own promised limit from acceptance, bundle-limit.ts). Counted on the bundle's
 * dimensions (its code, its receiving department, its channel), as one case.
 */
export function bundleCompletion(
  outcome: 'approved' | 'rejected',
  completedAt: string,
  facts: BundleCompletionFacts,
): Contribution {
  const record = facts.case;
  const date = toShanghaiDate(completedAt);
  const review = record.review;
  const visits = visitsOf(record, record.channel);
  return contribution(
    {
      day: date,
      matter: record.matterCode,
      department: record.department,
      region: record.regionCode,
      channel: record.channel,
    },
    {
      completed: 1,
      [outcome]: 1,
      completedOnTime: !review || date <= review.dueDate ? 1 : 0,
      workingDaysToDecision: review
        ? Math.max(0, facts.calendar.workingDaysBetween(review.startDate, date) - review.pausedDays)
        : 0,
      promisedDays: review?.limitDays ?? 0,
      legalDays: facts.legalDays,
      fullyOnline: ONLINE_CHANNELS.includes(record.channel) && visits === 0 ? 1 : 0,
      visits,
    },
  );
}

type LicenceDetail = z.infer<(typeof LICENCE_EVENTS)[number]['detail']>;

/** The counting rules of a case's intake, decision and licence. */
export const CASE_RULES = {
  'Application.Submitted.v1': {
    needs: (d) => (isBundle(d) ? {} : { caseId: d.caseId }),
    count: (d, facts) => {
      if (isBundle(d)) return undefined;
      const materials = Object.values(required(facts.case, `case ${d.caseId}`).materials ?? {});
      const held = materials.filter((m) => (m.files?.length ?? 0) > 0 || Boolean(m.licenceNo));
      return contribution(caseDimensions(d), {
        submitted: 1,
        materialsRequired: held.length,
        materialsWaived: held.filter((m) => m.licenceNo).length,
      });
    },
  } satisfies Rule<Detail<typeof applicationSubmitted>>,
  'Application.Accepted.v1': {
    count: (d) =>
      isBundle(d)
        ? undefined
        : contribution(caseDimensions(d), {
            accepted: 1,
            deemed: d.deemed ? 1 : 0,
            tolerated: d.tolerated.length > 0 ? 1 : 0,
          }),
  } satisfies Rule<Detail<typeof applicationAccepted>>,
  'Application.Refused.v1': {
    count: (d) => (isBundle(d) ? undefined : contribution(caseDimensions(d), { refused: 1 })),
  } satisfies Rule<Detail<typeof applicationRefused>>,
  'Application.Withdrawn.v1': {
    count: (d) => (isBundle(d) ? undefined : contribution(caseDimensions(d), { withdrawn: 1 })),
  } satisfies Rule<Detail<typeof applicationWithdrawn>>,
  'Application.Approved.v1': completion('approved'),
  'Application.Rejected.v1': completion('rejected'),
  'Licence.Issued.v1': {
    needs: (d) => (d.caseId ? { caseId: d.caseId, calendar: true } : {}),
    count: (d, facts, settings) => {
      // A licence issued outside a case (none are, today) has no case to measure against.
      if (!d.caseId) return undefined;
      const record = required(facts.case, `case ${d.caseId}`);
      const calendar = required(facts.calendar, 'the working-day calendar');
      const decidedAt = record.outcome?.decidedAt;
      const onTime =
        decidedAt !== undefined &&
        calendar.workingDaysBetween(toShanghaiDate(decidedAt), dayOf(d.occurredAt)) <= settings.licenceOnTimeDays;
      const dimensions = {
        day: dayOf(d.occurredAt),
        matter: record.matterCode,
        department: record.department,
        region: record.regionCode,
        channel: record.channel,
      };
      return contribution(dimensions, { licencesIssued: 1, licencesIssuedOnTime: onTime ? 1 : 0 });
    },
  } satisfies Rule<LicenceDetail>,
} as const;
