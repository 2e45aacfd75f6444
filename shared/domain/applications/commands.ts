import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../../adapters/outbox';
import {
  applicationAccepted,
  applicationCorrectionRequested,
  applicationRefused,
  applicationResubmitted,
  applicationSubmitted,
  applicationWithdrawn,
} from '../../contracts/events';
import { toShanghaiDate, type WorkingDayCalendar } from '../calendar/working-days';
import type { FormError, FormValidationResult, FormValidator } from '../catalogue/form';
import type { MatterContent } from '../catalogue/model';
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, RuleViolationError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { identityKey, requireOwner, requireVisible } from './access';
import type { AttachmentStore } from './attachment-port';
import { type Actor, type CaseAction, type CaseStatus, type HistoryEntry, nextEntry, verifyChain } from './case';
import { detectFileType, fileTypeForDeclared } from './file-types';
import type { Authorisation, CaseRecord, CorrectionItem, PendingUpload } from './model';

export interface IdempotencyRecord {
  readonly key: string;
  readonly sub: string;
  readonly requestHash: string;
  readonly caseId: string;
  readonly response: unknown;
}

/** Storage of cases; every change is one transaction: the case, its new history entries, its events (outbox). */
export interface CaseStore {
  /** A readable, date-ordered case number from a sharded daily counter (no single hot item). */
  nextNumber(regionCode: string, date: string): Promise<string>;
  get(id: string): Promise<CaseRecord | undefined>;
  history(id: string): Promise<HistoryEntry[]>;
  commit(change: { before?: CaseRecord; after: CaseRecord; entries: readonly HistoryEntry[]; events: readonly OutboxEvent[]; idempotency?: IdempotencyRecord }): Promise<void>;
  getIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined>;
  listByOwner(ownerKey: string, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  listByAgent(agentSub: string, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  /** The cases created on a day (YYYY-MM-DD, Asia/Shanghai), newest first. */
  listByDay(date: string, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  /** Cases waiting for a window decision, the most urgent acceptance deadline first; `dueBefore` for the sweep. */
  listAcceptanceQueue(limit: number, cursor?: string, dueBefore?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  putUpload(upload: PendingUpload): Promise<void>;
  getUpload(caseId: string, uploadId: string): Promise<PendingUpload | undefined>;
  deleteUpload(caseId: string, uploadId: string): Promise<void>;
  getAuthorisation(principalKey: string, agentSub: string): Promise<Authorisation | undefined>;
  putAuthorisation(authorisation: Authorisation): Promise<void>;
  listAuthorisations(principalKey: string): Promise<Authorisation[]>;
  deleteAuthorisation(principalKey: string, agentSub: string): Promise<void>;
}

export interface ApplicationDeps {
  readonly cases: CaseStore;
  /** The pinned matter version, with its compiled form validator (cached by the catalogue reader). */
  readonly matters: { matter(code: string, version?: number): Promise<{ version: number; content: MatterContent; validate: FormValidator }> };
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly attachments: AttachmentStore;
  readonly now: () => Date;
  readonly draftTtlDays: number;
  /** Working days the window has to decide on acceptance before the case counts as accepted (行政许可法 art. 32). */
  readonly acceptanceDays: number;
}

const actorOf = (p: Principal): Actor => ({ sub: p.sub, role: p.role });
const SYSTEM: Actor = { sub: 'system', role: 'system' };

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
  if (!found || new Date(found.until) <= deps.now() || !(found.matters.includes('*') || found.matters.includes(matterCode))) {
    throw new ForbiddenError('No valid authorisation to act for this applicant on this matter');
  }
  return found;
}

/** The owner's right to act: the applicant themself, or an agent whose authorisation still holds. */
async function requireActingOwner(id: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
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

export async function createApplication(
  input: { matterCode: string; form?: Record<string, unknown>; onBehalfOf?: { idNumber?: string; uscc?: string } },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const matter = await deps.matters.matter(input.matterCode).catch((error: unknown) => {
    if (!(error instanceof NotFoundError)) throw error;
    throw new RuleViolationError(`No published matter ${input.matterCode}`, [{ path: 'body.matterCode', rule: 'published', message: 'not a published matter' }]);
  });
  let ownerKey: string | undefined;
  let agentSub: string | undefined;
  let applicantSub = principal.sub;
  if (principal.role === 'agent') {
    ownerKey = input.onBehalfOf ? identityKey(input.onBehalfOf) : undefined;
    if (!ownerKey) throw new ValidationError('An agent names the applicant', [{ path: 'body.onBehalfOf', rule: 'required', message: 'idNumber or uscc of the applicant' }]);
    const authorisation = await requireAuthorisation(ownerKey, principal, input.matterCode, deps);
    agentSub = principal.sub;
    applicantSub = authorisation.principalSub;
  } else {
    if (input.onBehalfOf) throw new ForbiddenError('Only an agent acts on behalf of someone else');
    ownerKey = identityKey(principal);
    if (!ownerKey) throw new ForbiddenError('The token carries neither an ID number nor a 统一社会信用代码');
  }
  const applicantType = ownerKey.startsWith('E#') ? 'enterprise' : 'citizen';
  if (!matter.content.audience.includes(applicantType)) {
    throw new RuleViolationError(`${matter.content.name} is not open to ${applicantType === 'enterprise' ? 'enterprises' : 'citizens'}`, [{ path: 'body.matterCode', rule: 'audience', message: `for ${matter.content.audience.join(', ')}` }]);
  }
  const form = input.form ?? {};
  const problems = draftFormErrors(formErrors(matter.validate(form)));
  if (problems.length > 0) throw new ValidationError(`The form has ${problems.length} problem(s)`, problems);

  const now = deps.now();
  const at = now.toISOString();
  const id = randomUUID();
  const number = await deps.cases.nextNumber(matter.content.regionCode, toShanghaiDate(now).replaceAll('-', ''));
  const entry = nextEntry(undefined, undefined, { action: 'created', actor: actorOf(principal), at, data: { matterCode: input.matterCode, matterVersion: matter.version, number } });
  const record: CaseRecord = {
    id,
    number,
    matterCode: input.matterCode,
    matterVersion: matter.version,
    regionCode: matter.content.regionCode,
    department: matter.content.department,
    channel: 'online',
    status: 'DRAFT',
    seq: entry.seq,
    lastHash: entry.hash,
    ownerKey,
    applicant: { type: applicantType, sub: applicantSub },
    ...(agentSub ? { agentSub } : {}),
    form,
    materials: {},
    createdAt: at,
    updatedAt: at,
    expiresAt: draftExpiry(now, deps),
  };
  await deps.cases.commit({ after: record, entries: [entry], events: [] });
  return record;
}

const draftExpiry = (now: Date, deps: ApplicationDeps) => Math.floor(now.getTime() / 1000) + deps.draftTtlDays * 24 * 3600;

function formErrors(result: FormValidationResult): FormError[] {
  return result.ok ? [] : [...result.errors];
}

/** Applies one history entry (and its events) to a case in one transaction. */
async function apply(
  record: CaseRecord,
  changes: readonly { action: CaseAction; actor: Actor; reason?: string; data?: Record<string, unknown>; patch?: Partial<CaseRecord> }[],
  deps: ApplicationDeps,
  events: readonly OutboxEvent[] = [],
  idempotency?: (after: CaseRecord) => IdempotencyRecord,
): Promise<CaseRecord> {
  const at = deps.now().toISOString();
  const entries: HistoryEntry[] = [];
  let after = record;
  let previous: HistoryEntry | undefined = { seq: record.seq, hash: record.lastHash } as HistoryEntry;
  for (const change of changes) {
    const entry = nextEntry(previous, after.status, { ...change, at });
    entries.push(entry);
    previous = entry;
    after = { ...after, ...change.patch, status: entry.to ?? after.status, seq: entry.seq, lastHash: entry.hash, updatedAt: at };
  }
  await deps.cases.commit({ before: record, after, entries, events, ...(idempotency ? { idempotency: idempotency(after) } : {}) });
  return after;
}

export async function updateDraft(id: string, form: Record<string, unknown>, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  const problems = draftFormErrors(formErrors(matter.validate(form)));
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
  if (record.status !== 'DRAFT' && record.status !== 'CORRECTION_REQUESTED') throw new ConflictError(`Materials can be added to a draft or during corrections, not in status ${record.status}`);
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  const material = matter.content.materials.find((m) => m.code === input.material);
  if (!material) throw new ValidationError(`No material ${input.material} in this matter`, [{ path: 'body.material', rule: 'exists', message: `one of ${matter.content.materials.map((m) => m.code).join(', ')}` }]);
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

/**
 * After the browser's upload: the platform checks what arrived (size, checksum, and the real type by its magic
 * bytes). A file that lies about its type is refused and removed; a good one moves out of pending/ into the case.
 */
export async function confirmUpload(id: string, uploadId: string, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const upload = await deps.cases.getUpload(record.id, uploadId);
  if (!upload) throw new NotFoundError(`No upload ${uploadId} on this case`);
  const stored = await deps.attachments.inspect(upload.key);
  if (!stored) throw new ConflictError('Nothing was uploaded yet; POST the file to the presigned URL first');
  const refuse = async (error: Error) => {
    await deps.attachments.remove(upload.key);
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
  const key = `cases/${record.id}/${upload.material}/${uploadId}`;
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
  const record = requireVisible(await loadCase(id, deps), principal, id);
  const file = Object.values(record.materials).flatMap((m) => m.files).find((f) => f.uploadId === uploadId);
  if (!file) throw new NotFoundError(`No file ${uploadId} on this case`);
  return deps.attachments.presignDownload({ key: file.key, fileName: file.fileName, expiresInSeconds: 300 });
}

/** 免证: a licence number instead of an upload, for a material the matter lets a licence replace. */
export async function referenceLicence(id: string, input: { material: string; licenceNo: string }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  const material = matter.content.materials.find((m) => m.code === input.material);
  if (!material) throw new ValidationError(`No material ${input.material} in this matter`, [{ path: 'body.material', rule: 'exists', message: 'not a material of this matter' }]);
  if (!material.replaceableBy) throw new RuleViolationError(`${material.name} cannot be replaced by a licence`, [{ path: 'body.material', rule: 'replaceable', message: 'upload the file instead' }]);
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

function missingMaterials(record: CaseRecord, matter: MatterContent) {
  const missing = matter.materials.filter((m) => m.required && !record.materials[m.code]?.files.length && !record.materials[m.code]?.licenceNo);
  return { intolerable: missing.filter((m) => !m.tolerable), tolerable: missing.filter((m) => m.tolerable) };
}

// ---- submission and acceptance ----

function event(contract: { source: string; detailType: string; detail: { parse(v: unknown): unknown } }, record: CaseRecord, at: string, data: Record<string, unknown>): OutboxEvent {
  const eventId = randomUUID();
  const detail = contract.detail.parse({
    eventId,
    occurredAt: at,
    caseId: record.id,
    caseNumber: record.number,
    matterCode: record.matterCode,
    matterVersion: record.matterVersion,
    regionCode: record.regionCode,
    department: record.department,
    channel: record.channel,
    applicantSub: record.applicant.sub,
    ...data,
  }) as Record<string, unknown>;
  return { eventId, source: contract.source, detailType: contract.detailType, detail, occurredAt: at };
}

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
  if (idempotencyKey) {
    const seen = await deps.cases.getIdempotency(principal.sub, idempotencyKey);
    if (seen) {
      if (seen.requestHash !== hash) throw new ConflictError('This Idempotency-Key was used with another request');
      return seen.response as CaseRecord;
    }
  }
  const record = await requireActingOwner(id, principal, deps);
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  const form = input.form ?? record.form;
  const result = matter.validate(form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const checked = { ...record, form: result.value };
  const missing = missingMaterials(checked, matter.content);
  if (missing.intolerable.length > 0) {
    throw new RuleViolationError(
      `Required materials are missing: ${missing.intolerable.map((m) => m.name).join('、')}`,
      missing.intolerable.map((m) => ({ path: `materials.${m.code}`, rule: 'required', message: `${m.name} is required`, messageZh: `缺少材料：${m.name}` })),
    );
  }
  const now = deps.now();
  const at = now.toISOString();
  const acceptanceDue = (await deps.calendar()).addWorkingDays(toShanghaiDate(now), deps.acceptanceDays);
  const submitted = { action: 'submitted' as const, actor: actorOf(principal), patch: { form: result.value, submittedAt: at, acceptanceDue, expiresAt: undefined } };
  const changes: Parameters<typeof apply>[1][number][] = [submitted];
  const projected = { ...checked, ...submitted.patch };
  const events = [event(applicationSubmitted, projected, at, { submittedAt: at, acceptanceDue, missingTolerable: missing.tolerable.map((m) => m.code) })];
  if (matter.content.procedure.acceptance === 'auto' && missing.tolerable.length === 0) {
    changes.push(acceptance(projected, matter.content, SYSTEM, at, false, []));
    events.push(acceptedEvent(projected, matter.content, at, false, []));
  }
  return apply(record, changes, deps, events, idempotencyKey ? (after) => ({ key: idempotencyKey, sub: principal.sub, requestHash: hash, caseId: id, response: after }) : undefined);
}

function acceptance(record: CaseRecord, matter: MatterContent, actor: Actor, at: string, deemed: boolean, tolerated: string[]) {
  const departments = [...new Set(matter.procedure.stages.flatMap((s) => s.tasks.map((t) => t.department)))];
  return {
    action: 'accepted' as const,
    actor,
    ...(deemed ? { reason: '受理期限届满，视为受理 (no decision within the acceptance limit)' } : {}),
    data: { deemed, tolerated },
    patch: { acceptedAt: at, tolerated, departments, acceptanceDue: undefined, corrections: undefined },
  };
}

function acceptedEvent(record: CaseRecord, matter: MatterContent, at: string, deemed: boolean, tolerated: string[]): OutboxEvent {
  return event(applicationAccepted, record, at, { acceptedAt: at, deemed, tolerated, stages: matter.procedure.stages.map((s) => ({ tasks: s.tasks })) });
}

/** 前台综合受理: the window accepts (possibly tolerating listed materials), refuses with a reason, or asks for corrections. */
export async function decideAcceptance(
  id: string,
  input: { decision: 'accept' | 'refuse' | 'correct'; reason?: string; corrections?: CorrectionItem[]; tolerated?: string[] },
  principal: Principal,
  deps: ApplicationDeps,
): Promise<CaseRecord> {
  const record = requireVisible(await loadCase(id, deps), principal, id);
  if (principal.role !== 'window') throw new ForbiddenError('Acceptance is decided at the window');
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  const at = deps.now().toISOString();
  const actor = actorOf(principal);
  if (input.decision === 'refuse') {
    if (!input.reason?.trim()) throw new ValidationError('Refusal needs a written reason (不予受理)', [{ path: 'body.reason', rule: 'required', message: 'a written reason is required' }]);
    return apply(record, [{ action: 'refused', actor, reason: input.reason }], deps, [event(applicationRefused, record, at, { reason: input.reason })]);
  }
  if (input.decision === 'correct') {
    const items = input.corrections ?? [];
    if (items.length === 0) throw new ValidationError('List every item to correct at once (一次性告知)', [{ path: 'body.corrections', rule: 'required', message: 'at least one item' }]);
    const unknown = items.filter((i) => (i.target === 'material' ? !matter.content.materials.some((m) => m.code === i.code) : !matter.content.form.fields.some((f) => f.key === i.code)));
    if (unknown.length > 0) {
      throw new ValidationError('Some correction items name nothing in this matter', unknown.map((i) => ({ path: 'body.corrections', rule: 'exists', message: `${i.target} ${i.code} does not exist` })));
    }
    return apply(record, [{ action: 'correction-requested', actor, reason: input.reason, data: { items }, patch: { corrections: items, acceptanceDue: undefined } }], deps, [
      event(applicationCorrectionRequested, record, at, { items }),
    ]);
  }
  const tolerated = input.tolerated ?? [];
  const missing = missingMaterials(record, matter.content);
  const notTolerable = tolerated.filter((code) => !missing.tolerable.some((m) => m.code === code));
  if (notTolerable.length > 0) {
    throw new RuleViolationError('容缺 is only for missing materials the matter lists as tolerable', notTolerable.map((code) => ({ path: 'body.tolerated', rule: 'tolerable', message: `${code} is not a missing tolerable material` })));
  }
  const stillMissing = missing.tolerable.filter((m) => !tolerated.includes(m.code));
  if (stillMissing.length > 0) {
    throw new RuleViolationError('Materials are missing: tolerate them (容缺) or ask for corrections', stillMissing.map((m) => ({ path: `materials.${m.code}`, rule: 'required', message: `${m.name} is missing` })));
  }
  return apply(record, [acceptance(record, matter.content, actor, at, false, tolerated)], deps, [acceptedEvent(record, matter.content, at, false, tolerated)]);
}

export async function resubmit(id: string, input: { form?: Record<string, unknown> }, principal: Principal, deps: ApplicationDeps): Promise<CaseRecord> {
  const record = await requireActingOwner(id, principal, deps);
  const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
  const result = matter.validate(input.form ?? record.form);
  if (!result.ok) throw new ValidationError(`The form has ${result.errors.length} problem(s)`, result.errors);
  const now = deps.now();
  const at = now.toISOString();
  const acceptanceDue = (await deps.calendar()).addWorkingDays(toShanghaiDate(now), deps.acceptanceDays);
  return apply(record, [{ action: 'resubmitted', actor: actorOf(principal), patch: { form: result.value, acceptanceDue, corrections: undefined } }], deps, [
    event(applicationResubmitted, record, at, { resubmittedAt: at, acceptanceDue }),
  ]);
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
      const matter = await deps.matters.matter(record.matterCode, record.matterVersion);
      const at = deps.now().toISOString();
      const tolerated = missingMaterials(record, matter.content).tolerable.map((m) => m.code);
      try {
        await apply(record, [acceptance(record, matter.content, SYSTEM, at, true, tolerated)], deps, [acceptedEvent(record, matter.content, at, true, tolerated)]);
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
  return requireVisible(await loadCase(id, deps), principal, id);
}

export async function timeline(id: string, principal: Principal, deps: ApplicationDeps) {
  requireVisible(await loadCase(id, deps), principal, id);
  const history = await deps.cases.history(id);
  return { items: history, integrity: verifyChain(history) };
}

/** Applicants see theirs, agents the ones they act in, supervisors and admins every case of a day. */
export async function myCases(principal: Principal, query: { limit: number; cursor?: string; date?: string }, deps: ApplicationDeps) {
  const { limit, cursor } = query;
  const key = identityKey(principal);
  let page: { items: CaseRecord[]; nextCursor?: string };
  if (principal.role === 'supervisor' || principal.role === 'admin') page = await deps.cases.listByDay(query.date ?? toShanghaiDate(deps.now()), limit, cursor);
  else if (principal.role === 'agent') page = await deps.cases.listByAgent(principal.sub, limit, cursor);
  else if (principal.role === 'applicant' && key) page = await deps.cases.listByOwner(key, limit, cursor);
  else throw new ForbiddenError('Windows use the acceptance queue; departments their to-do list');
  return { ...page, items: page.items.filter((c) => !isExpiredDraft(c, deps)) };
}

export type { CaseStatus };
