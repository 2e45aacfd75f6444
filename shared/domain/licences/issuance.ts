import type { ApplicationDeps } from '../applications/ports';
import { apply, retryOnConflict, SYSTEM } from '../applications/changes';
import type { CaseRecord } from '../applications/model';
import type { FormField } from '../catalogue/form';
import { type TemplateReader, templateOfCase } from '../applications/template';
import { feeFor } from '../catalogue/fees';
import { ConflictError, NotFoundError } from '../errors';
import { contentChoices, licenceContent } from './content';
import { issueLicence, type LicenceDeps, type LicenceRecord } from './register';

/**
 * Issuance once a case is approved and owes nothing (issueWhenDue, from its events): the matter's licence type, the
 * case's holder, content from the decision's results and the form. The number is derived from the case, so a
 * repeated issuance finds the licence it issued and only completes the case.
 */

function holderOf(record: CaseRecord): { holderKey: string; holderName: string } {
  const result = record.outcome?.result ?? {};
  // A registration's decision establishes the enterprise: its 统一社会信用代码 is the holder's.
  const uscc = typeof result.uscc === 'string' ? result.uscc : undefined;
  const holderKey = uscc ? `E#${uscc}` : record.ownerKey;
  const form = record.form as Record<string, unknown>;
  const name = [
    result.name,
    form.companyName,
    form.operatorName,
    form.unitName,
    form.applicantName,
    form.name,
    record.applicant.name,
  ].find((v) => typeof v === 'string' && v.trim());
  return { holderKey, holderName: (name as string | undefined) ?? holderKey.slice(2) };
}

/**
 * An approved case's licence: due now (a matter, not a bundle, whose licences are its members'; none issued yet; its
 * fee order paid, or no fee for this form), waiting for its fee (a charged case whose order is not placed yet waits
 * too: the approval step places it, and Payment.Paid.v1 issues it), or none to issue.
 */
export async function licenceState(
  record: CaseRecord,
  deps: { app: ApplicationDeps },
): Promise<'due' | 'awaiting-payment' | 'none'> {
  if (record.status !== 'APPROVED' || record.kind === 'bundle' || record.licenceNo) return 'none';
  const template = await templateOfCase(deps.app.matters, record);
  if (!template.matter?.yieldsLicenceType) return 'none';
  const paid = record.payment ? record.payment.status === 'PAID' : feeFor(template.matter, record.form).totalFen <= 0;
  return paid ? 'due' : 'awaiting-payment';
}

/**
 * Issuance from the events that can make it due (Application.Approved.v1, Payment.Paid.v1), at least once: the
 * licence is issued when it is due, and a repeat finds it issued. The review's state machine ends at the approval
 * (or the payment), so issuance is no transition of its own.
 */
export async function issueWhenDue(
  caseId: string,
  deps: { app: ApplicationDeps; licences: LicenceDeps },
): Promise<{ licenceNo?: string; status: string }> {
  const record = await deps.app.cases.get(caseId);
  if (!record) return { status: 'NONE' };
  if ((await licenceState(record, deps)) !== 'due') return { status: record.status };
  return issueForCase(caseId, deps, record);
}

export async function issueForCase(
  caseId: string,
  deps: { app: ApplicationDeps; licences: LicenceDeps },
  /** The case as the caller just read it, so that it is not read twice. */
  read?: CaseRecord,
): Promise<{ licenceNo?: string; status: string }> {
  const record = read ?? (await deps.app.cases.get(caseId));
  if (!record) throw new NotFoundError(`No case ${caseId}`);
  if (record.licenceNo) return { licenceNo: record.licenceNo, status: record.status };
  if (record.status !== 'APPROVED') return { status: record.status };
  const template = await templateOfCase(deps.app.matters, record);
  const typeCode = template.matter?.yieldsLicenceType;
  if (!typeCode) return { status: record.status };
  const type = await deps.licences.licenceTypes(typeCode);
  const holder = holderOf(record);
  const content = licenceContent(type.contentFields, record, template.fields);
  // The credential keeps each choice's code beside its words: a machine reads one, a person the other.
  const choices = contentChoices(type.contentFields, content, template.fields);
  let licence: LicenceRecord;
  try {
    licence = await issueLicence(
      {
        type: typeCode,
        ...holder,
        content,
        contentChoices: choices,
        ...(record.outcome?.onCommitment ? { issuedOnCommitment: true } : {}),
        regionCode: record.regionCode,
        caseId,
        numberSeed: caseId,
        validFrom: new Date(record.outcome?.decidedAt ?? deps.app.now()),
      },
      deps.licences,
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const again = await findIssued(caseId, deps);
    if (!again) throw error;
    licence = again;
  }
  return retryOnConflict(async () => {
    const current = (await deps.app.cases.get(caseId))!;
    if (current.licenceNo) return { licenceNo: current.licenceNo, status: current.status };
    const updated = await apply(
      current,
      [
        {
          action: 'licence-issued',
          actor: SYSTEM,
          data: { licenceNo: licence.licenceNo, licenceType: typeCode },
          patch: { licenceNo: licence.licenceNo },
        },
      ],
      deps.app,
    );
    return { licenceNo: licence.licenceNo, status: updated.status };
  });
}

/** The licence a retried issuance created before: the holder's licences of this case. */
async function findIssued(
  caseId: string,
  deps: { app: ApplicationDeps; licences: LicenceDeps },
): Promise<LicenceRecord | undefined> {
  const record = (await deps.app.cases.get(caseId))!;
  const { holderKey } = holderOf(record);
  const page = await deps.licences.store.listByHolder(holderKey, 50);
  return page.items.find((l) => l.caseId === caseId);
}

/** The form a licence's case was decided on (its pinned versions): where an older licence's codes find their labels. */
export function caseFormOf(deps: {
  cases: Pick<ApplicationDeps['cases'], 'get'>;
  matters: TemplateReader;
}): (licence: { caseId?: string }) => Promise<readonly FormField[] | undefined> {
  // Pinned versions never change: one read per version serves a wallet of many older licences.
  const forms = new Map<string, Promise<readonly FormField[]>>();
  return async ({ caseId }) => {
    const record = caseId ? await deps.cases.get(caseId) : undefined;
    if (!record) return undefined;
    const key = JSON.stringify([
      record.kind ?? 'matter',
      record.matterCode,
      record.matterVersion,
      record.memberVersions ?? {},
    ]);
    if (!forms.has(key))
      forms.set(
        key,
        templateOfCase(deps.matters, record).then((t) => t.fields),
      );
    // A failed read is not kept: the next render tries again.
    return forms.get(key)!.catch((error: unknown) => {
      forms.delete(key);
      throw error;
    });
  };
}
