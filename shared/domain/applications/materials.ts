import type { FormError } from '../catalogue/form-errors';
import type { Material } from '../catalogue/model';
import { RuleViolationError } from '../errors';
import { checkReusable } from '../licences/register';
import type { ApplicationTemplate } from './template';
import type { CorrectionItem, CaseRecord } from './model';
import type { ApplicationDeps } from './ports';

/**
 * A case's materials against its matter's list, checked at submission, acceptance and decision alike: what is
 * missing, which licences (免证) still stand in, and which correction items name nothing.
 */
/** Whose licences may stand in for a case's materials: the applicant's own, and those of people the form names (a legal representative's ID). */
export function holderKeysOf(record: Pick<CaseRecord, 'ownerKey' | 'form'>): string[] {
  const people = Object.values(record.form)
    .filter((v): v is string => typeof v === 'string' && /^\d{17}[\dX]$/.test(v))
    .map((id) => `P#${id}`);
  return [record.ownerKey, ...people];
}

/** 免证 is checked again at the decision: a licence revoked, suspended or expired since then no longer stands in. */
export async function checkLicenceReferences(
  record: CaseRecord,
  template: { materials: readonly Material[] },
  deps: Pick<ApplicationDeps, 'licences' | 'now'>,
): Promise<void> {
  const problems: FormError[] = [];
  for (const material of template.materials) {
    const licenceNo = record.materials[material.code]?.licenceNo;
    if (!licenceNo || !material.replaceableBy) continue;
    try {
      await checkReusable(
        licenceNo,
        { holderKeys: holderKeysOf(record), type: material.replaceableBy },
        { store: deps.licences, now: deps.now },
      );
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      problems.push(...(error.details.map((d) => ({ ...d, path: `materials.${material.code}` })) as FormError[]));
    }
  }
  if (problems.length)
    throw new RuleViolationError('A licence given instead of a material is no longer valid', problems);
}

/** Required materials not handed in: neither a file, nor a licence reference, nor replaced by a commitment (告知承诺). */
export function missingMaterials(
  record: Pick<CaseRecord, 'materials' | 'commitment'>,
  template: { materials: readonly Material[] },
) {
  const committed = new Set(record.commitment?.materials ?? []);
  const missing = template.materials.filter(
    (m) =>
      m.required &&
      !committed.has(m.code) &&
      !record.materials[m.code]?.files.length &&
      !record.materials[m.code]?.licenceNo,
  );
  return { intolerable: missing.filter((m) => !m.tolerable), tolerable: missing.filter((m) => m.tolerable) };
}

/** Correction items must name a material or a form field of the case's matter or bundle. */
export function unknownCorrectionItems(
  items: readonly CorrectionItem[],
  template: Pick<ApplicationTemplate, 'materials' | 'fieldKeys'>,
): CorrectionItem[] {
  return items.filter((i) =>
    i.target === 'material' ? !template.materials.some((m) => m.code === i.code) : !template.fieldKeys.includes(i.code),
  );
}
