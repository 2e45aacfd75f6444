import type { Authorisation, CaseRecord } from './model';

/**
 * An ID number as printed for people: first three and last four characters, as on licences (licences/credential.ts
 * has the same rule; importing it would bring the signing code into the applications bundle).
 */
export const maskIdNumber = (idNumber: string) =>
  idNumber.length <= 7
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;

/** The identifier of a case's applicant as shown to people: an ID number masked, a 统一社会信用代码 (public) as it is. */
export function shownIdentifier(ownerKey: string): { type: 'idNumber' | 'uscc'; value: string } {
  const value = ownerKey.slice(2);
  return ownerKey.startsWith('E#') ? { type: 'uscc', value } : { type: 'idNumber', value: maskIdNumber(value) };
}

/** A page of a list as it goes over HTTP: its items in their view, and the cursor only when there is more. */
export function pageView<T, V>(
  page: { items: readonly T[]; nextCursor?: string },
  view: (item: T) => V,
): { items: V[]; nextCursor?: string } {
  return { items: page.items.map((item) => view(item)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** An authorisation as its applicant sees it: not whose identity key it is stored under. */
export function authorisationView({ agentSub, matters, until, createdAt }: Authorisation) {
  return { agentSub, matters: [...matters], until, createdAt };
}

/** What a case looks like over HTTP: no storage keys, no identity keys. */
export function caseView(record: CaseRecord) {
  return {
    id: record.id,
    number: record.number,
    status: record.status,
    matterCode: record.matterCode,
    matterVersion: record.matterVersion,
    regionCode: record.regionCode,
    department: record.department,
    channel: record.channel,
    // A walk-in's name and masked identifier, so the window and the applicant recognise the case; never the full ID number.
    applicant: {
      type: record.applicant.type,
      ...(record.channel === 'window' && record.applicant.name
        ? { name: record.applicant.name, identifier: shownIdentifier(record.ownerKey).value }
        : {}),
    },
    ...(record.intakeOfficerSub ? { intakeOfficer: record.intakeOfficerSub } : {}),
    ...(record.agentSub ? { actingAgent: record.agentSub } : {}),
    form: record.form,
    materials: Object.fromEntries(
      Object.entries(record.materials).map(([code, m]) => [
        code,
        { files: m.files.map(({ key: _key, ...file }) => file), ...(m.licenceNo ? { licenceNo: m.licenceNo } : {}) },
      ]),
    ),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.submittedAt ? { submittedAt: record.submittedAt } : {}),
    ...(record.acceptedAt ? { acceptedAt: record.acceptedAt } : {}),
    ...(record.tolerated ? { tolerated: [...record.tolerated] } : {}),
    ...(record.commitment
      ? {
          commitment: {
            materials: [...record.commitment.materials],
            textHash: record.commitment.textHash,
            matterVersion: record.commitment.matterVersion,
            at: record.commitment.at,
          },
        }
      : {}),
    ...(record.onTheSpot
      ? {
          onTheSpot: {
            at: record.onTheSpot.at,
            ...(record.onTheSpot.byName ? { byName: record.onTheSpot.byName } : {}),
          },
        }
      : {}),
    ...(record.corrections ? { corrections: [...record.corrections] } : {}),
    ...(record.departments ? { departments: [...record.departments] } : {}),
    deadlines: {
      ...(record.acceptanceDue
        ? {
            acceptance: record.acceptanceDue,
            ...(record.acceptanceDueProvisional ? { acceptanceProvisional: true } : {}),
          }
        : {}),
      ...(record.status === 'DRAFT' && record.expiresAt
        ? { draftExpiresAt: new Date(record.expiresAt * 1000).toISOString() }
        : {}),
      ...(record.review && (record.status === 'IN_REVIEW' || record.status === 'RETURNED')
        ? {
            review: record.review.dueDate,
            reviewPaused: record.review.pause !== undefined,
            ...(record.review.provisional ? { reviewProvisional: true } : {}),
          }
        : {}),
    },
    ...(record.kind ? { kind: record.kind } : {}),
    ...(record.review
      ? {
          review: {
            startDate: record.review.startDate,
            limitDays: record.review.limitDays,
            dueDate: record.review.dueDate,
            ...(record.review.provisional ? { provisional: true } : {}),
            pausedDays: record.review.pausedDays,
            ...(record.review.pause ? { pausedSince: record.review.pause.since } : {}),
            ...(record.review.extension
              ? {
                  extension: {
                    status: record.review.extension.status,
                    days: record.review.extension.days,
                    reason: record.review.extension.reason,
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(record.members ? { members: record.members.map(({ result: _r, ...m }) => m) } : {}),
    ...(record.parent ? { bundleCaseId: record.parent.caseId } : {}),
    ...(record.licenceNo ? { licenceNo: record.licenceNo } : {}),
    ...(record.outcome
      ? {
          outcome: {
            decision: record.outcome.decision,
            decidedAt: record.outcome.decidedAt,
            tasks: [...record.outcome.tasks].map(({ result: _r, ...t }) => t),
            ...(record.outcome.result ? { result: record.outcome.result } : {}),
            ...(record.outcome.onCommitment ? { onCommitment: true } : {}),
          },
        }
      : {}),
  };
}
