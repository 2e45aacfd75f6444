import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { toShanghaiDate } from '../calendar/working-days';
import type { FormError, FormValidationResult } from '../catalogue/form-errors';
import { ForbiddenError, RuleViolationError, ValidationError } from '../errors';
import { identityKey } from './access';
import { nextEntry } from './case';
import { actorOf, apply, retryOnConflict } from './changes';
import { requireActingOwner, requireAuthorisation } from './load';
import type { CaseRecord } from './model';
import type { ApplicationDeps } from './ports';
import { type ApplicationTemplate, templateForNew, templateOfCase } from './template';

/** Drafts: a new case online (the applicant or their agent) and its form, saved incomplete until submission. */

/** Form problems other than missing answers: a draft may be incomplete, but what it holds must be right. */
function draftFormErrors(errors: readonly FormError[]): FormError[] {
  return errors.filter((e) => e.rule !== 'required' && e.rule !== 'minItems');
}

/** Exactly one of a matter and a bundle. */
export function requireOneTemplate(input: { matterCode?: string; bundleCode?: string }): void {
  if (!input.matterCode === !input.bundleCode) {
    throw new ValidationError('Name either a matter or a bundle', [
      { path: 'body.matterCode', rule: 'oneOf', message: 'give exactly one of matterCode and bundleCode' },
    ]);
  }
}

export async function createApplication(
  input: {
    matterCode?: string;
    bundleCode?: string;
    form?: Record<string, unknown>;
    onBehalfOf?: { idNumber?: string; uscc?: string };
  },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  requireOneTemplate(input);
  const template = await templateForNew(deps.matters, input);
  let ownerKey: string | undefined;
  let agentSub: string | undefined;
  let applicantSub = principal.sub;
  if (principal.role === 'agent') {
    ownerKey = input.onBehalfOf ? identityKey(input.onBehalfOf) : undefined;
    if (!ownerKey)
      throw new ValidationError('An agent names the applicant', [
        { path: 'body.onBehalfOf', rule: 'required', message: 'idNumber or uscc of the applicant' },
      ]);
    const authorisation = await requireAuthorisation(ownerKey, principal, template.code, deps);
    agentSub = principal.sub;
    applicantSub = authorisation.principalSub;
  } else {
    if (input.onBehalfOf) throw new ForbiddenError('Only an agent acts on behalf of someone else');
    ownerKey = identityKey(principal);
    if (!ownerKey) throw new ForbiddenError('The token carries neither an ID number nor a 统一社会信用代码');
  }
  // The applicant's own name, when their token carries it (the written notices address them by it).
  const name = principal.role === 'applicant' ? principal.name : undefined;
  return startCase(template, input.form ?? {}, principal, deps, {
    id: randomUUID(),
    channel: 'online',
    ownerKey,
    applicant: { type: applicantTypeOf(ownerKey), sub: applicantSub, ...(name ? { name } : {}) },
    ...(agentSub ? { agentSub } : {}),
  });
}

export const applicantTypeOf = (ownerKey: string) =>
  ownerKey.startsWith('E#') ? ('enterprise' as const) : ('citizen' as const);

/** Who a new case belongs to and how it came in: everything but the template and the form. */
export interface NewCaseParty {
  readonly id: string;
  readonly channel: CaseRecord['channel'];
  readonly ownerKey: string;
  readonly applicant: CaseRecord['applicant'];
  readonly agentSub?: string;
  readonly intakeOfficerSub?: string;
  readonly hallId?: string;
}

/** A new draft, online or at the window: the audience and the form checked, a number from the one sequence. */
export async function startCase(
  template: ApplicationTemplate,
  form: Record<string, unknown>,
  principal: Principal,
  deps: ApplicationDeps,
  party: NewCaseParty,
): Promise<CaseRecord> {
  const applicantType = party.applicant.type;
  if (!template.audience.includes(applicantType)) {
    throw new RuleViolationError(
      `${template.name} is not open to ${applicantType === 'enterprise' ? 'enterprises' : 'citizens'}`,
      [{ path: `body.${template.kind}Code`, rule: 'audience', message: `for ${template.audience.join(', ')}` }],
    );
  }
  const problems = draftFormErrors(formErrors(template.validate(form)));
  if (problems.length > 0) throw new ValidationError(`The form has ${problems.length} problem(s)`, problems);

  const now = deps.now();
  const at = now.toISOString();
  const number = await deps.cases.nextNumber(template.regionCode, toShanghaiDate(now).replaceAll('-', ''));
  const memberVersions = template.bundle
    ? Object.fromEntries([...template.bundle.members].map(([code, m]) => [code, m.version]))
    : undefined;
  const entry = nextEntry(undefined, undefined, {
    action: 'created',
    actor: actorOf(principal),
    at,
    data: {
      [`${template.kind}Code`]: template.code,
      version: template.version,
      number,
      ...(memberVersions ? { memberVersions } : {}),
      ...(party.channel !== 'online' ? { channel: party.channel } : {}),
    },
  });
  const record: CaseRecord = {
    id: party.id,
    number,
    ...(template.kind === 'bundle' ? { kind: 'bundle' as const, memberVersions } : {}),
    matterCode: template.code,
    matterVersion: template.version,
    regionCode: template.regionCode,
    department: template.department,
    channel: party.channel,
    status: 'DRAFT',
    seq: entry.seq,
    lastHash: entry.hash,
    ownerKey: party.ownerKey,
    applicant: party.applicant,
    ...(party.agentSub ? { agentSub: party.agentSub } : {}),
    ...(party.intakeOfficerSub ? { intakeOfficerSub: party.intakeOfficerSub } : {}),
    ...(party.hallId ? { hallId: party.hallId } : {}),
    form,
    materials: {},
    createdAt: at,
    updatedAt: at,
    expiresAt: draftExpiry(now, deps),
  };
  await deps.cases.commit({ after: record, entries: [entry], events: [] });
  return record;
}

const draftExpiry = (now: Date, deps: ApplicationDeps) =>
  Math.floor(now.getTime() / 1000) + deps.draftTtlDays * 24 * 3600;

function formErrors(result: FormValidationResult): FormError[] {
  return result.ok ? [] : [...result.errors];
}

/**
 * A draft's edits (answers, files, licence numbers) touch separate parts of it: an edit that meets another's commit
 * (the page's autosave beside a click) is applied again to the case as it now stands, not refused.
 */
export function updateDraft(
  id: string,
  form: Record<string, unknown>,
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  return retryOnConflict(() => updateDraftOnce(id, form, principal, deps));
}

async function updateDraftOnce(
  id: string,
  form: Record<string, unknown>,
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const problems = draftFormErrors(formErrors(template.validate(form)));
  if (problems.length > 0) throw new ValidationError(`The form has ${problems.length} problem(s)`, problems);
  return apply(
    record,
    [{ action: 'draft-updated', actor: actorOf(principal), patch: { form, expiresAt: draftExpiry(deps.now(), deps) } }],
    deps,
  );
}
