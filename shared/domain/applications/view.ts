import type { CaseRecord } from './model';

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
    applicant: { type: record.applicant.type },
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
    ...(record.corrections ? { corrections: [...record.corrections] } : {}),
    ...(record.departments ? { departments: [...record.departments] } : {}),
    deadlines: {
      ...(record.acceptanceDue ? { acceptance: record.acceptanceDue } : {}),
      ...(record.status === 'DRAFT' && record.expiresAt ? { draftExpiresAt: new Date(record.expiresAt * 1000).toISOString() } : {}),
    },
  };
}
