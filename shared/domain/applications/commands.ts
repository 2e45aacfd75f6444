import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../events';
import {
  applicationAccepted,
  applicationCorrectionRequested,
  applicationRefused,
  applicationResubmitted,
  applicationSubmitted,
  applicationWithdrawn,
} from '../../contracts/events';
import { provisionalMarks } from '../calendar/provisional';
import { toShanghaiDate } from '../calendar/working-days';
import type { FormError, FormValidationResult } from '../catalogue/form';
import { idNumberProblem, isValidMobile, usccProblem } from '../catalogue/identifiers';
import { ConflictError, type ErrorDetail, ForbiddenError, NotFoundError, PayloadTooLargeError, RuleViolationError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { listRegionPrefix } from '../access/scope';
import { authorisationHolds, identityKey, reachCase, requireOwner } from './access';
import { submitCorrection } from '../workflow/review';
import { type Actor, type CaseStatus, nextEntry, verifyChain } from './case';
import { actorOf, apply, caseEvent as event, SYSTEM } from './changes';
import { type ApplicationTemplate, templateForNew, templateOfCase } from './template';
import { detectFileType, fileTypeForDeclared } from './file-types';
import type { Authorisation, CaseRecord, CorrectionItem } from './model';
import { holderKeysOf, missingMaterials, unknownCorrectionItems } from './materials';
import { checkReusable } from '../licences/register';
import type { ApplicationDeps } from './ports';

// ---- agents ----

/** An applicant authorises an agent (代办) for some matters until a date. */
export async function authoriseAgent(input: { agentSub: string; matters: string[]; until: string }, principal: Principal, deps: ApplicationDeps): Promise<Authorisation> {
  const principalKey = identityKey(principal);
  if (principal.role !== 'applicant' || !principalKey) throw new ForbiddenError('Only a citizen or an enterprise can authorise an agent');
  if (new Date(input.until) <= deps.now()) throw new ValidationError('The authorisation must end in the future', [{ path: 'body.until', rule: 'future', message: 'must be a future time' }]);
  const authorisation: Authorisation = { principalKey, principalSub: principal.sub, agentSub: input.agentSub, matters: input.matters, until: input.until, createdAt: deps.now().toISOString() };
  await deps.cases.putAuthorisation(authorisation);
  return authorisation;
}

async function requireAuthorisation(principalKey: string, agent: Principal, matterCode: string, deps: ApplicationDeps): Promise<Authorisation> {
  const found = await deps.cases.getAuthorisation(principalKey, agent.sub);
  if (!authorisationHolds(found, matterCode, deps.now())) {
    throw new ForbiddenError('No valid authorisation to act for this applicant on this matter');
  }
  return found;
}

/** The owner's right to act: the applicant themself, or an agent whose authorisation still holds. */
export async function requireActingOwner(id: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = requireOwner(await loadCase(id, deps), principal, id);
  if (principal.role === 'agent') await requireAuthorisation(record.ownerKey, principal, record.matterCode, deps);
  return record;
}

/** An abandoned draft is gone once it expires, even before DynamoDB's TTL removes it: for reads and lists alike. */
const isExpiredDraft = (record: CaseRecord, deps: ApplicationDeps) =>
  record.status === 'DRAFT' && record.expiresAt !== undefined && record.expiresAt * 1000 <= deps.now().getTime();

async function loadCase(id: string, deps: ApplicationDeps): Promise<CaseRecord | undefined> {
  const record = await deps.cases.get(id);
  return record && !isExpiredDraft(record, deps) ? record : undefined;
}

// ---- drafts ----

/** Form problems other than missing answers: a draft may be incomplete, but what it holds must be right. */
function draftFormErrors(errors: readonly FormError[]): FormError[] {
  return errors.filter((e) => e.rule !== 'required' && e.rule !== 'minItems');
}

/** Exactly one of a matter and a bundle. */
function requireOneTemplate(input: { matterCode?: string; bundleCode?: string }): void {
  if (!input.matterCode === !input.bundleCode) {
    throw new ValidationError('Name either a matter or a bundle', [{ path: 'body.matterCode', rule: 'oneOf', message: 'give exactly one of matterCode and bundleCode' }]);
  }
}

export async function createApplication(
  input: { matterCode?: string; bundleCode?: string; form?: Record<string, unknown>; onBehalfOf?: { idNumber?: string; uscc?: string } },
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
    if (!ownerKey) throw new ValidationError('An agent names the applicant', [{ path: 'body.onBehalfOf', rule: 'required', message: 'idNumber or uscc of the applicant' }]);
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

const applicantTypeOf = (ownerKey: string) => (ownerKey.startsWith('E#') ? ('enterprise' as const) : ('citizen' as const));

/** Who a new case belongs to and how it came in: everything but the template and the form. */
interface NewCaseParty {
  readonly id: string;
  readonly channel: CaseRecord['channel'];
  readonly ownerKey: string;
  readonly applicant: CaseRecord['applicant'];
  readonly agentSub?: string;
  readonly intakeOfficerSub?: string;
  readonly hallId?: string;
}

/** A new draft, online or at the window: the audience and the form checked, a number from the one sequence. */
async function startCase(template: ApplicationTemplate, form: Record<string, unknown>, principal: Principal, deps: ApplicationDeps, party: NewCaseParty): Promise<CaseRecord> {
  const applicantType = party.applicant.type;
  if (!template.audience.includes(applicantType)) {
    throw new RuleViolationError(`${template.name} is not open to ${applicantType === 'enterprise' ? 'enterprises' : 'citizens'}`, [{ path: `body.${template.kind}Code`, rule: 'audience', message: `for ${template.audience.join(', ')}` }]);
  }
  const problems = draftFormErrors(formErrors(template.validate(form)));
  if (problems.length > 0) throw new ValidationError(`The form has ${problems.length} problem(s)`, problems);

  const now = deps.now();
  const at = now.toISOString();
  const number = await deps.cases.nextNumber(template.regionCode, toShanghaiDate(now).replaceAll('-', ''));
  const memberVersions = template.bundle ? Object.fromEntries([...template.bundle.members].map(([code, m]) => [code, m.version])) : undefined;
  const entry = nextEntry(undefined, undefined, {
    action: 'created',
    actor: actorOf(principal),
    at,
    data: { [`${template.kind}Code`]: template.code, version: template.version, number, ...(memberVersions ? { memberVersions } : {}), ...(party.channel !== 'online' ? { channel: party.channel } : {}) },
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

// ---- 窗口收件: walk-in intake ----

export interface WalkInApplicant {
  readonly idNumber?: string;
  readonly uscc?: string;
  readonly name: string;
  readonly mobile?: string;
}

/**
 * The applicant as identified at the counter: exactly one of an ID number and a 统一社会信用代码, each with its check
 * digit (the form engine's identifier rules), and a mobile number when one is given. Every problem at once.
 */
export function walkInApplicantProblems(applicant: WalkInApplicant, today: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const detail = (field: string, rule: string, message: string, messageZh: string): ErrorDetail => ({ path: `applicant.${field}`, rule, message, messageZh });
  if (!applicant.idNumber === !applicant.uscc) {
    problems.push(detail('idNumber', 'oneOf', 'give exactly one of idNumber (a citizen) and uscc (an enterprise)', '请填写身份证号码或统一社会信用代码（二选一）'));
  }
  if (applicant.idNumber) {
    const problem = idNumberProblem(applicant.idNumber, today);
    if (problem === 'checksum') problems.push(detail('idNumber', 'checksum', 'The check digit of the ID number is wrong', '身份证号码校验位不正确'));
    else if (problem) problems.push(detail('idNumber', 'format', `The ID number is not valid (${problem})`, '身份证号码格式不正确'));
  }
  if (applicant.uscc) {
    const problem = usccProblem(applicant.uscc);
    if (problem === 'checksum') problems.push(detail('uscc', 'checksum', 'The check character of the 统一社会信用代码 is wrong', '统一社会信用代码校验位不正确'));
    else if (problem) problems.push(detail('uscc', 'format', `The 统一社会信用代码 is not valid (${problem})`, '统一社会信用代码格式不正确'));
  }
  if (!applicant.name.trim()) problems.push(detail('name', 'required', 'The applicant’s name is required', '请填写申请人姓名或名称'));
  if (applicant.mobile !== undefined && !isValidMobile(applicant.mobile)) problems.push(detail('mobile', 'format', 'A mobile number has 11 digits and starts with 13 to 19', '手机号码应为11位数字，以13至19开头'));
  return problems;
}

/**
 * 窗口收件: a window officer registers a case for the person at the counter. The case belongs to the identified
 * applicant (who finds it under 我的办件 when they sign in), comes in by the window channel, and draws its number
 * from the same sequence; the officer then fills it in through the owner's routes until it is submitted.
 */
export async function registerWalkIn(
  input: { matterCode?: string; bundleCode?: string; applicant: WalkInApplicant; form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  if (principal.role !== 'window') throw new ForbiddenError('Walk-in cases are registered at the window');
  requireOneTemplate(input);
  const problems = walkInApplicantProblems(input.applicant, toShanghaiDate(deps.now()));
  if (problems.length > 0) throw new ValidationError(`The applicant is not identified: ${problems.map((p) => `${p.path} ${p.rule}`).join(', ')}`, problems);
  const template = await templateForNew(deps.matters, input);
  const ownerKey = identityKey(input.applicant)!;
  const id = randomUUID();
  return startCase(template, input.form ?? {}, principal, deps, {
    id,
    channel: 'window',
    ownerKey,
    applicant: { type: applicantTypeOf(ownerKey), sub: `walk-in:${id}`, name: input.applicant.name.trim(), ...(input.applicant.mobile ? { mobile: input.applicant.mobile } : {}) },
    intakeOfficerSub: principal.sub,
    ...(principal.hall ? { hallId: principal.hall } : {}),
  });
}

/** The officer's own walk-in cases, newest first: drafts to resume and recent submissions. */
export async function myWalkIns(principal: Principal, query: { limit: number; cursor?: string }, deps: ApplicationDeps) {
  if (principal.role !== 'window') throw new ForbiddenError('Walk-in cases are registered at the window');
  const page = await deps.cases.listByIntakeOfficer(principal.sub, query.limit, query.cursor);
  return { ...page, items: page.items.filter((c) => !isExpiredDraft(c, deps)) };
}

const draftExpiry = (now: Date, deps: ApplicationDeps) => Math.floor(now.getTime() / 1000) + deps.draftTtlDays * 24 * 3600;

function formErrors(result: FormValidationResult): FormError[] {
  return result.ok ? [] : [...result.errors];
}

export async function updateDraft(id: string, form: Record<string, unknown>, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const problems = draftFormErrors(formErrors(template.validate(form)));
  if (problems.length > 0) throw new ValidationError(`The form has ${problems.length} problem(s)`, problems);
  return apply(record, [{ action: 'draft-updated', actor: actorOf(principal), patch: { form, expiresAt: draftExpiry(deps.now(), deps) } }], deps);
}

// ---- materials ----

const uploadKey = (caseId: string, uploadId: string) => `pending/${caseId}/${uploadId}`;

export async function startUpload(
  id: string,
  input: { material: string; fileName: string; contentType: string; size: number; sha256: string },
  principal: Principal,
  deps: ApplicationDeps,
) {
  const record = await requireActingOwner(id, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const material = template.materials.find((m) => m.code === input.material);
  if (!material) throw new ValidationError(`No material ${input.material} in this ${template.kind}`, [{ path: 'body.material', rule: 'exists', message: `one of ${template.materials.map((m) => m.code).join(', ')}` }]);
  requireMaterialsOpen(record, material.code);
  const type = fileTypeForDeclared(input.fileName, input.contentType);
  if (!type || !material.fileTypes.includes(type)) {
    throw new UnsupportedMediaTypeError(`${material.name} accepts ${material.fileTypes.join(', ')}`, [{ path: 'body.contentType', rule: 'fileType', message: `accepted: ${material.fileTypes.join(', ')}` }]);
  }
  const maxBytes = Math.floor(material.maxSizeMb * 1024 * 1024);
  if (input.size > maxBytes) throw new PayloadTooLargeError(`${material.name} may be at most ${material.maxSizeMb} MB`, [{ path: 'body.size', rule: 'max', message: `at most ${maxBytes} bytes` }]);
  if ((record.materials[material.code]?.files.length ?? 0) >= material.maxCount) {
    throw new RuleViolationError(`${material.name} takes at most ${material.maxCount} file(s)`, [{ path: 'body.material', rule: 'maxCount', message: `at most ${material.maxCount}` }]);
  }
  const uploadId = randomUUID();
  const key = uploadKey(record.id, uploadId);
  const presigned = await deps.attachments.presignUpload({ key, contentType: input.contentType, maxBytes: input.size, sha256Base64: input.sha256, expiresInSeconds: 900 });
  await deps.cases.putUpload({ caseId: record.id, uploadId, material: material.code, key, fileName: input.fileName, contentType: input.contentType, size: input.size, sha256: input.sha256, createdAt: deps.now().toISOString() });
  return { uploadId, ...presigned };
}

/** Files are added while the applicant is filling in or correcting, and 容缺 materials until the decision. */
function requireMaterialsOpen(record: CaseRecord, material: string): void {
  const open = ['DRAFT', 'CORRECTION_REQUESTED', 'RETURNED'].includes(record.status);
  const tolerated = ['ACCEPTED', 'IN_REVIEW'].includes(record.status) && (record.tolerated ?? []).includes(material);
  if (!open && !tolerated) throw new ConflictError(`Materials can be added to a draft, during corrections, or (容缺 materials) before the decision, not in status ${record.status}`);
}

/**
 * After the browser's upload: the platform checks what arrived (size, checksum, and the real type by its magic
 * bytes). A file that lies about its type is refused and removed; a good one moves out of pending/ into the case.
 */
export async function confirmUpload(id: string, uploadId: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  // Safe to repeat after a crash at any step (move, commit, clean-up): once the case holds the file, a repeat only
  // finishes the clean-up and answers the same case.
  if (Object.values(record.materials).some((m) => m.files.some((f) => f.uploadId === uploadId))) {
    await deps.attachments.remove(uploadKey(record.id, uploadId));
    await deps.cases.deleteUpload(record.id, uploadId);
    return record;
  }
  const upload = await deps.cases.getUpload(record.id, uploadId);
  if (!upload) throw new NotFoundError(`No upload ${uploadId} on this case`);
  const key = `cases/${record.id}/${upload.material}/${uploadId}`;
  // A file already moved by an attempt that crashed before its commit is checked where it now lies.
  const stored = (await deps.attachments.inspect(upload.key)) ?? (await deps.attachments.inspect(key));
  if (!stored) throw new ConflictError('Nothing was uploaded yet; POST the file to the presigned URL first');
  const refuse = async (error: Error) => {
    await deps.attachments.remove(upload.key);
    await deps.attachments.remove(key);
    await deps.cases.deleteUpload(record.id, uploadId);
    throw error;
  };
  if (stored.size !== upload.size) {
    await refuse(new PayloadTooLargeError(`The file has ${stored.size} bytes, not the ${upload.size} declared`, [{ path: 'file', rule: 'size', message: 'size differs from the declaration' }]));
  }
  const detected = detectFileType(stored.head);
  // The emulator enforces no POST policy, so the stored type is checked here too, not only the content.
  const storedTypeDiffers = stored.contentType !== undefined && stored.contentType.split(';')[0]!.trim().toLowerCase() !== upload.contentType.toLowerCase();
  if (detected !== fileTypeForDeclared(upload.fileName, upload.contentType) || storedTypeDiffers) {
    await refuse(
      new UnsupportedMediaTypeError(`The file's content is not the ${upload.contentType} it claims to be`, [
        { path: 'file', rule: 'fileType', message: `content detected as ${detected ?? 'unknown'}`, messageZh: '文件内容与声明的类型不符' },
      ]),
    );
  }
  if (stored.sha256Base64 !== upload.sha256) {
    await refuse(new RuleViolationError('The file does not match its checksum', [{ path: 'file', rule: 'checksum', message: 'SHA-256 differs from the declaration' }]));
  }
  // Idempotent: a source already gone with the destination in place counts as moved.
  await deps.attachments.move(upload.key, key);
  const file = { uploadId, key, fileName: upload.fileName, contentType: upload.contentType, size: upload.size, sha256: upload.sha256, uploadedAt: deps.now().toISOString() };
  const current = record.materials[upload.material];
  const after = await apply(
    record,
    [
      {
        action: 'material-added',
        actor: actorOf(principal),
        data: { material: upload.material, fileName: upload.fileName, size: upload.size, sha256: upload.sha256 },
        patch: { materials: { ...record.materials, [upload.material]: { ...current, files: [...(current?.files ?? []), file] } } },
      },
    ],
    deps,
  );
  await deps.cases.deleteUpload(record.id, uploadId);
  return after;
}

export async function downloadUrl(id: string, uploadId: string, principal: Principal, deps: ApplicationDeps) {
  const record = await reachCase(await loadCase(id, deps), principal, id, deps);
  const file = Object.values(record.materials).flatMap((m) => m.files).find((f) => f.uploadId === uploadId);
  if (!file) throw new NotFoundError(`No file ${uploadId} on this case`);
  return deps.attachments.presignDownload({ key: file.key, fileName: file.fileName, expiresInSeconds: 300 });
}

/** 免证: a licence number instead of an upload, for a material the matter lets a licence replace. */
export async function referenceLicence(id: string, input: { material: string; licenceNo: string }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const material = template.materials.find((m) => m.code === input.material);
  if (!material) throw new ValidationError(`No material ${input.material} in this ${template.kind}`, [{ path: 'body.material', rule: 'exists', message: `not a material of this ${template.kind}` }]);
  requireMaterialsOpen(record, material.code);
  if (!material.replaceableBy) throw new RuleViolationError(`${material.name} cannot be replaced by a licence`, [{ path: 'body.material', rule: 'replaceable', message: 'upload the file instead' }]);
  const licence = await checkReusable(input.licenceNo, { holderKeys: holderKeysOf(record), type: material.replaceableBy }, { store: deps.licences, now: deps.now });
  input = { ...input, licenceNo: licence.licenceNo };
  const current = record.materials[material.code];
  return apply(
    record,
    [
      {
        action: 'licence-referenced',
        actor: actorOf(principal),
        data: { material: material.code, licenceType: material.replaceableBy, licenceNo: input.licenceNo },
        patch: { materials: { ...record.materials, [material.code]: { files: current?.files ?? [], licenceNo: input.licenceNo } } },
      },
    ],
    deps,
  );
}

// ---- submission and acceptance ----

export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Submission. With an Idempotency-Key, the same key and body give the same answer and another body is a conflict;
 * the key's record is written in the submission's own transaction. Accepted at once when the matter accepts
 * automatically and every required material is there; otherwise it waits for the window.
 */
export async function submit(
  id: string,
  input: { form?: Record<string, unknown> },
  principal: Principal,
  deps: ApplicationDeps,
  idempotencyKey?: string,
): Promise<CaseRecord> {
  const hash = requestHash({ id, input });
  // The replay record and the case are read together; a replay answers before the case is looked at.
  const owned = requireActingOwner(id, principal, deps);
  owned.catch(() => undefined);
  if (idempotencyKey) {
    const seen = await deps.cases.getIdempotency(principal.sub, idempotencyKey);
    if (seen) {
      if (seen.requestHash !== hash) throw new ConflictError('This Idempotency-Key was used with another request');
      return seen.response as CaseRecord;
    }
  }
  const record = await owned;
  const [template, calendar] = await Promise.all([templateOfCase(deps.matters, record), deps.calendar()]);
  const form = input.form ?? record.form;
  const result = template.validate(form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const checked = { ...record, form: result.value };
  const missing = missingMaterials(checked, template);
  if (missing.intolerable.length > 0) {
    throw new RuleViolationError(
      `Required materials are missing: ${missing.intolerable.map((m) => m.name).join('、')}`,
      missing.intolerable.map((m) => ({ path: `materials.${m.code}`, rule: 'required', message: `${m.name} is required`, messageZh: `缺少材料：${m.name}` })),
    );
  }
  const now = deps.now();
  const at = now.toISOString();
  const acceptanceDue = calendar.addWorkingDays(toShanghaiDate(now), deps.acceptanceDays);
  // A December submission whose deadline reaches a year without its holiday notice: Monday to Friday for now.
  const provisional = provisionalMarks(deps, id, calendar, [[toShanghaiDate(now), acceptanceDue]]);
  const submitted = { action: 'submitted' as const, actor: actorOf(principal), patch: { form: result.value, submittedAt: at, acceptanceDue, acceptanceDueProvisional: provisional.length > 0 ? true : undefined, expiresAt: undefined } };
  const changes: Parameters<typeof apply>[1][number][] = [submitted];
  const projected = { ...checked, ...submitted.patch };
  const events = [event(applicationSubmitted, projected, at, { submittedAt: at, acceptanceDue, missingTolerable: missing.tolerable.map((m) => m.code) })];
  if (template.acceptance === 'auto' && missing.tolerable.length === 0) {
    changes.push(acceptance(template, SYSTEM, at, false, []));
    events.push(acceptedEvent(projected, template, at, false, []));
  }
  return apply(record, changes, deps, events, { items: provisional, ...(idempotencyKey ? { idempotency: (after) => ({ key: idempotencyKey, sub: principal.sub, requestHash: hash, caseId: id, response: after }) } : {}) });
}

export function acceptance(template: ApplicationTemplate, actor: Actor, at: string, deemed: boolean, tolerated: string[]) {
  const departments = [...template.departments];
  return {
    action: 'accepted' as const,
    actor,
    ...(deemed ? { reason: '受理期限届满，视为受理 (no decision within the acceptance limit)' } : {}),
    data: { deemed, tolerated },
    // 即办件: recorded on the case, so who may see it (a delegated window officer) is decided without the catalogue.
    patch: { acceptedAt: at, tolerated, departments, acceptanceDue: undefined, acceptanceDueProvisional: undefined, corrections: undefined, ...(template.matter?.flags.immediate ? { immediate: true } : {}) },
  };
}

export function acceptedEvent(record: CaseRecord, template: ApplicationTemplate, at: string, deemed: boolean, tolerated: string[], onTheSpot = false): OutboxEvent {
  return event(applicationAccepted, record, at, {
    acceptedAt: at,
    deemed,
    tolerated,
    ...(onTheSpot ? { onTheSpot } : {}),
    stages: template.matter?.procedure.stages.map((s) => ({ tasks: s.tasks })) ?? [],
    ...(template.bundle ? { waves: template.bundle.waves } : {}),
  });
}

/** 前台综合受理: the window accepts (possibly tolerating listed materials), refuses with a reason, or asks for corrections. */
export async function decideAcceptance(
  id: string,
  input: { decision: 'accept' | 'refuse' | 'correct'; reason?: string; corrections?: CorrectionItem[]; tolerated?: string[] },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = await reachCase(await loadCase(id, deps), principal, id, deps);
  if (principal.role !== 'window') throw new ForbiddenError('Acceptance is decided at the window');
  const template = await templateOfCase(deps.matters, record);
  const at = deps.now().toISOString();
  const actor = actorOf(principal);
  if (input.decision === 'refuse') {
    if (!input.reason?.trim()) throw new ValidationError('Refusal needs a written reason (不予受理)', [{ path: 'body.reason', rule: 'required', message: 'a written reason is required' }]);
    return apply(record, [{ action: 'refused', actor, reason: input.reason }], deps, [event(applicationRefused, record, at, { reason: input.reason })]);
  }
  if (input.decision === 'correct') {
    const items = input.corrections ?? [];
    if (items.length === 0) throw new ValidationError('List every item to correct at once (一次性告知)', [{ path: 'body.corrections', rule: 'required', message: 'at least one item' }]);
    const unknown = unknownCorrectionItems(items, template);
    if (unknown.length > 0) {
      throw new ValidationError(`Some correction items name nothing in this ${template.kind}`, unknown.map((i) => ({ path: 'body.corrections', rule: 'exists', message: `${i.target} ${i.code} does not exist` })));
    }
    return apply(record, [{ action: 'correction-requested', actor, reason: input.reason, data: { items }, patch: { corrections: items, acceptanceDue: undefined } }], deps, [
      event(applicationCorrectionRequested, record, at, { items }),
    ]);
  }
  const tolerated = input.tolerated ?? [];
  const missing = missingMaterials(record, template);
  const notTolerable = tolerated.filter((code) => !missing.tolerable.some((m) => m.code === code));
  if (notTolerable.length > 0) {
    throw new RuleViolationError('容缺 is only for missing materials the matter lists as tolerable', notTolerable.map((code) => ({ path: 'body.tolerated', rule: 'tolerable', message: `${code} is not a missing tolerable material` })));
  }
  const stillMissing = missing.tolerable.filter((m) => !tolerated.includes(m.code));
  if (stillMissing.length > 0) {
    throw new RuleViolationError('Materials are missing: tolerate them (容缺) or ask for corrections', stillMissing.map((m) => ({ path: `materials.${m.code}`, rule: 'required', message: `${m.name} is missing` })));
  }
  return apply(record, [acceptance(template, actor, at, false, tolerated)], deps, [acceptedEvent(record, template, at, false, tolerated)]);
}

/** The applicant answers a correction request: the window's (before acceptance) or a department's (during review). */
export async function resubmit(id: string, input: { form?: Record<string, unknown> }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  if (record.status === 'RETURNED') return submitCorrection(record, input, principal, deps);
  const template = await templateOfCase(deps.matters, record);
  const result = template.validate(input.form ?? record.form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const now = deps.now();
  const at = now.toISOString();
  const calendar = await deps.calendar();
  const acceptanceDue = calendar.addWorkingDays(toShanghaiDate(now), deps.acceptanceDays);
  const provisional = provisionalMarks(deps, id, calendar, [[toShanghaiDate(now), acceptanceDue]]);
  return apply(record, [{ action: 'resubmitted', actor: actorOf(principal), patch: { form: result.value, acceptanceDue, acceptanceDueProvisional: provisional.length > 0 ? true : undefined, corrections: undefined } }], deps, [
    event(applicationResubmitted, record, at, { resubmittedAt: at, acceptanceDue }),
  ], { items: provisional });
}

export async function withdraw(id: string, input: { reason?: string }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const at = deps.now().toISOString();
  return apply(record, [{ action: 'withdrawn', actor: actorOf(principal), reason: input.reason, patch: { acceptanceDue: undefined, expiresAt: undefined } }], deps, [
    event(applicationWithdrawn, record, at, { fromStatus: record.status, ...(input.reason ? { reason: input.reason } : {}) }),
  ]);
}

/** The sweep: cases whose acceptance deadline passed without a decision count as accepted (视为受理). */
export async function deemOverdueAcceptances(deps: ApplicationDeps): Promise<{ accepted: string[] }> {
  const today = toShanghaiDate(deps.now());
  const accepted: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.cases.listAcceptanceQueue(50, cursor, today);
    for (const record of page.items) {
      if (record.status !== 'SUBMITTED' || !record.acceptanceDue || record.acceptanceDue >= today) continue;
      const template = await templateOfCase(deps.matters, record);
      const at = deps.now().toISOString();
      const tolerated = missingMaterials(record, template).tolerable.map((m) => m.code);
      try {
        await apply(record, [acceptance(template, SYSTEM, at, true, tolerated)], deps, [acceptedEvent(record, template, at, true, tolerated)]);
        accepted.push(record.id);
      } catch (error) {
        // Decided by a person in the meantime: nothing to deem.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { accepted };
}

// ---- tracking ----

export async function getCase(id: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  return await reachCase(await loadCase(id, deps), principal, id, deps);
}

export async function timeline(id: string, principal: Principal, deps: ApplicationDeps) {
  await reachCase(await loadCase(id, deps), principal, id, deps);
  const history = await deps.cases.history(id);
  return { items: history, integrity: verifyChain(history) };
}

/** Applicants see theirs, agents the ones they act in, supervisors and admins every case of a day. */
export async function myCases(principal: Principal, query: { limit: number; cursor?: string; date?: string }, deps: ApplicationDeps) {
  const { limit, cursor } = query;
  const key = identityKey(principal);
  let page: { items: CaseRecord[]; nextCursor?: string };
  if (principal.role === 'supervisor' || principal.role === 'admin') {
    // Their region's cases only (fail closed without a region claim); a page may come out shorter.
    const prefix = listRegionPrefix(principal);
    const day = await deps.cases.listByDay(query.date ?? toShanghaiDate(deps.now()), limit, cursor);
    page = { ...day, items: day.items.filter((c) => c.regionCode.startsWith(prefix)) };
  } else if (principal.role === 'agent') {
    // Only the cases an authorisation still covers: a revoked or expired one hides its cases from the list too.
    const acting = await deps.cases.listByAgent(principal.sub, limit, cursor);
    const holds = await Promise.all(acting.items.map(async (c) => authorisationHolds(await deps.cases.getAuthorisation(c.ownerKey, principal.sub), c.matterCode, deps.now())));
    page = { ...acting, items: acting.items.filter((_, i) => holds[i]) };
  }
  else if (principal.role === 'applicant' && key) page = await deps.cases.listByOwner(key, limit, cursor);
  else throw new ForbiddenError('Windows use the acceptance queue; departments their to-do list');
  return { ...page, items: page.items.filter((c) => !isExpiredDraft(c, deps)) };
}

export type { CaseStatus };
