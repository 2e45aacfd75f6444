import { type PublicVerification, verifyPublicly } from './public-verification';
import { STATUS_LIST_IDS } from './status-list-publication';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { OutboxEvent } from '../events';
import { licenceEvent, type LicenceEventContract } from '../../contracts/licence-events';
import type { LicenceType } from '../catalogue/model';
import { ConflictError, NotFoundError, RuleViolationError } from '../errors';
import { contentChoices, resolvedChoices } from './content';
import {
  buildLicenceCredential,
  type ContentChoices,
  type ContentValue,
  type LicenceHolder,
  signLicenceCredential,
  validUntilAfterYears,
} from './credential';
import { buildJwks, type LicenceJwks, signerJwk } from './jwks';
import { generateLicenceNumber, LICENCE_NUMBER_RANDOM_ALPHABET, licencePrefix } from './licence-number';
import { MIN_STATUS_LIST_BITS, type StatusPurpose } from './status-list';
import type { LicenceDeps, LicenceRecord, LicenceState, LicenceStore } from './ports';

/**
 * The licence register (电子证照库): issue, the lifecycle (change, renew, annual check, suspend, resume, revoke,
 * expiry), verification, the holder's wallet, reuse in applications, and bulk import. The signed credential is the
 * licence; the record beside it is what the platform knows now (its status), published through the status lists.
 */

export type { LicenceDeps, LicenceRecord, LicenceState, LicenceStore };

export const statusListUrl = (deps: Pick<LicenceDeps, 'publicApiUrl'>, purpose: StatusPurpose) =>
  `${deps.publicApiUrl}/status-lists/${STATUS_LIST_IDS[purpose]}`;
/** The hall's verification page for a licence (its QR code). */
export const verificationUrl = (deps: Pick<LicenceDeps, 'publicApiUrl' | 'publicWebUrl'>, licenceNo: string) =>
  `${deps.publicWebUrl ?? deps.publicApiUrl}/verify/${licenceNo}`;

export async function jwksOf(deps: Pick<LicenceDeps, 'signer' | 'retiredKeys'>): Promise<LicenceJwks> {
  return buildJwks(await signerJwk(deps.signer), deps.retiredKeys ?? []);
}

/** A random free index: positions say nothing about issue order (the status list spec's privacy advice). */
async function allocateIndex(deps: LicenceDeps): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const index = randomInt(0, MIN_STATUS_LIST_BITS);
    if (await deps.store.reserveStatusIndex(index)) return index;
  }
  throw new ConflictError('The status list is nearly full; open a new list');
}

function holderOf(holderKey: string, holderName: string): LicenceHolder {
  return holderKey.startsWith('E#')
    ? { kind: 'enterprise', uscc: holderKey.slice(2), name: holderName }
    : { kind: 'citizen', idNumber: holderKey.slice(2), name: holderName };
}

async function sign(
  record: Omit<LicenceRecord, 'credential' | 'revision' | 'state'>,
  deps: LicenceDeps,
): Promise<string> {
  const credential = buildLicenceCredential({
    id: `urn:licence:${record.licenceNo}:v${record.version}`,
    licenceNumber: record.licenceNo,
    type: { code: record.type, name: record.typeName },
    issuer: {
      id: `${deps.publicApiUrl}/departments/${record.issuingDepartment}`,
      name: await deps.departmentName(record.issuingDepartment),
    },
    holder: holderOf(record.holderKey, record.holderName),
    content: record.content,
    ...(record.contentChoices ? { contentChoices: record.contentChoices } : {}),
    ...(record.issuedOnCommitment ? { issuedOnCommitment: true } : {}),
    validFrom: new Date(record.validFrom),
    ...(record.validUntil ? { validUntil: new Date(record.validUntil) } : {}),
    status: {
      index: record.statusIndex,
      revocationList: statusListUrl(deps, 'revocation'),
      suspensionList: statusListUrl(deps, 'suspension'),
    },
    holderIdKey: deps.holderIdKey,
  });
  return signLicenceCredential(credential, deps.signer);
}

export interface IssueInput {
  readonly type: string;
  readonly holderKey: string;
  readonly holderName: string;
  readonly content: Readonly<Record<string, ContentValue>>;
  /** The options the content names (issuance: contentChoices of the case's form); absent for imports. */
  readonly contentChoices?: ContentChoices;
  /** 告知承诺制: the case was decided on the applicant's written commitment. */
  readonly issuedOnCommitment?: boolean;
  readonly regionCode: string;
  readonly caseId?: string;
  readonly validFrom?: Date;
  readonly validUntil?: Date;
  /** 存量入库: the number the paper licence already carries. */
  readonly licenceNo?: string;
  /** Makes the number deterministic (a case's id): a retried issuance finds the licence it issued before. */
  readonly numberSeed?: string;
  readonly imported?: boolean;
}

/** Issues a licence: number, status index, signed credential, record and Licence.Issued.v1 in one write. */
export async function issueLicence(input: IssueInput, deps: LicenceDeps): Promise<LicenceRecord> {
  const type = await deps.licenceTypes(input.type);
  const now = deps.now();
  const validFrom = input.validFrom ?? now;
  const validUntil =
    input.validUntil ??
    (type.validity.kind === 'years' ? validUntilAfterYears(validFrom, type.validity.years) : undefined);
  const seeded = input.numberSeed
    ? [...createHash('sha256').update(input.numberSeed).digest()]
        .slice(0, 6)
        .map((b) => LICENCE_NUMBER_RANDOM_ALPHABET.charAt(b % 32))
        .join('')
    : undefined;
  const licenceNo =
    input.licenceNo ??
    generateLicenceNumber({
      prefix: licencePrefix(type),
      issuedAt: validFrom,
      region: input.regionCode,
      ...(seeded ? { random: seeded } : {}),
    });
  const base = {
    licenceNo,
    version: 1,
    type: type.code,
    typeName: type.name,
    issuingDepartment: type.issuingDepartment,
    holderKey: input.holderKey,
    holderName: input.holderName,
    content: Object.fromEntries(type.contentFields.map((f) => [f.key, input.content[f.key] ?? ''])),
    ...(input.contentChoices
      ? {
          contentChoices: Object.fromEntries(
            Object.entries(input.contentChoices).filter(([key]) => type.contentFields.some((f) => f.key === key)),
          ),
        }
      : {}),
    validFrom: validFrom.toISOString(),
    ...(validUntil ? { validUntil: validUntil.toISOString() } : {}),
    statusIndex: await allocateIndex(deps),
    issuedAt: now.toISOString(),
    ...(input.caseId ? { caseId: input.caseId } : {}),
    ...(input.imported ? { imported: true } : {}),
    ...(input.issuedOnCommitment ? { issuedOnCommitment: true } : {}),
  };
  const record: LicenceRecord = { ...base, state: 'valid', credential: await sign(base, deps), revision: 1 };
  try {
    await deps.store.save({
      after: record,
      events: [event(input.imported ? 'Licence.Imported.v1' : 'Licence.Issued.v1', record, now)],
    });
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError(`Licence number ${licenceNo} exists already`);
    throw error;
  }
  return record;
}

export function event(
  type: LicenceEventContract,
  record: LicenceRecord,
  now: Date,
  extra: Record<string, unknown> = {},
): OutboxEvent {
  return licenceEvent(type, {
    eventId: randomUUID(),
    occurredAt: now.toISOString(),
    licenceNo: record.licenceNo,
    version: record.version,
    licenceType: record.type,
    issuingDepartment: record.issuingDepartment,
    holderType: record.holderKey.startsWith('E#') ? 'enterprise' : 'citizen',
    ...(record.caseId ? { caseId: record.caseId } : {}),
    ...extra,
  });
}

async function load(licenceNo: string, deps: Pick<LicenceDeps, 'store'>): Promise<LicenceRecord> {
  const record = await deps.store.get(licenceNo);
  if (!record) throw new NotFoundError(`No licence ${licenceNo}`);
  return record;
}

async function setBit(
  purpose: StatusPurpose,
  index: number,
  value: boolean,
  deps: Pick<LicenceDeps, 'store'>,
): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const { list, revision } = await deps.store.readStatusList(purpose);
    if (list.get(index) === value) return;
    list.set(index, value);
    try {
      await deps.store.writeStatusList(purpose, list, revision);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`The ${purpose} list is busy; try again`);
}

export type LifecycleAction = 'suspend' | 'resume' | 'revoke' | 'annual-check';

/**
 * Suspend, resume, revoke (作废) and the annual check (年检). The status list bit is set before the record changes,
 * so verification says revoked at once; a crash in between leaves the bit set and the command repeatable.
 */
// Only the register and the clock: the status lists are signed by their publisher from the revocation's event, so a revocation needs no signing key.
export async function changeState(
  licenceNo: string,
  action: LifecycleAction,
  input: { reason?: string },
  deps: Pick<LicenceDeps, 'store' | 'now'>,
): Promise<LicenceRecord> {
  const record = await load(licenceNo, deps);
  const now = deps.now();
  const reason = input.reason?.trim();
  const needsReason = action === 'revoke' || action === 'suspend';
  if (needsReason && !reason)
    throw new RuleViolationError(`To ${action} a licence needs a written reason`, [
      { path: 'body.reason', rule: 'required', message: 'a written reason' },
    ]);
  if (record.state === 'revoked' || record.state === 'superseded')
    throw new ConflictError(`The licence is ${record.state}`);
  let after: LicenceRecord;
  let type: LicenceEventContract;
  switch (action) {
    case 'revoke':
      await setBit('revocation', record.statusIndex, true, deps);
      after = { ...record, state: 'revoked', reason: reason!, revision: record.revision + 1 };
      type = 'Licence.Revoked.v1';
      break;
    case 'suspend':
      if (record.state === 'suspended') throw new ConflictError('The licence is suspended already');
      await setBit('suspension', record.statusIndex, true, deps);
      after = { ...record, state: 'suspended', reason: reason!, revision: record.revision + 1 };
      type = 'Licence.Suspended.v1';
      break;
    case 'resume':
      if (record.state !== 'suspended') throw new ConflictError('Only a suspended licence can be resumed');
      await setBit('suspension', record.statusIndex, false, deps);
      after = { ...record, state: 'valid', revision: record.revision + 1 };
      type = 'Licence.Resumed.v1';
      break;
    case 'annual-check':
      after = { ...record, lastAnnualCheck: now.toISOString(), revision: record.revision + 1 };
      type = 'Licence.AnnualChecked.v1';
      break;
  }
  await deps.store.save({ before: record, after, events: [event(type, after, now, reason ? { reason } : {})] });
  return after;
}

/**
 * 变更 and 延续: a new version under the same number supersedes the old one. It gets its own status index; the old
 * index is revoked, so the old credential verifies as revoked (superseded) from now on.
 */
export async function reissue(
  licenceNo: string,
  kind: 'change' | 'renew',
  input: { content?: Record<string, ContentValue>; reason?: string },
  deps: LicenceDeps,
): Promise<LicenceRecord> {
  const record = await load(licenceNo, deps);
  if (record.state !== 'valid')
    throw new ConflictError(`A ${record.state} licence cannot be ${kind === 'change' ? 'changed' : 'renewed'}`);
  const type = await deps.licenceTypes(record.type);
  const now = deps.now();
  const unknown = Object.keys(input.content ?? {}).filter((k) => !type.contentFields.some((f) => f.key === k));
  if (unknown.length)
    throw new RuleViolationError(
      'Unknown content fields',
      unknown.map((k) => ({ path: `body.content.${k}`, rule: 'exists', message: `not a field of ${type.name}` })),
    );
  const validUntil =
    kind === 'renew' && type.validity.kind === 'years'
      ? validUntilAfterYears(record.validUntil ? new Date(record.validUntil) : now, type.validity.years)
      : record.validUntil
        ? new Date(record.validUntil)
        : undefined;
  const content = { ...record.content, ...(input.content ?? {}) };
  const base = {
    ...record,
    version: record.version + 1,
    content,
    ...(await reissuedChoices(record, content, type, deps)),
    validFrom: now.toISOString(),
    ...(validUntil ? { validUntil: validUntil.toISOString() } : {}),
    statusIndex: await allocateIndex(deps),
    issuedAt: now.toISOString(),
  };
  const { documentKey: _old, ...next } = base;
  await setBit('revocation', record.statusIndex, true, deps);
  const after: LicenceRecord = {
    ...next,
    state: 'valid',
    credential: await sign(next, deps),
    revision: record.revision + 1,
  };
  await deps.store.save({
    before: record,
    after,
    events: [
      event(
        kind === 'change' ? 'Licence.Changed.v1' : 'Licence.Renewed.v1',
        after,
        now,
        input.reason ? { reason: input.reason } : {},
      ),
    ],
  });
  return after;
}

/**
 * A new version's choices: read again from the case's form when there is one (a changed choice gets its code, an
 * older licence gets its codes now); without it, those of unchanged fields are kept.
 */
async function reissuedChoices(
  record: LicenceRecord,
  content: Record<string, ContentValue>,
  type: LicenceType,
  deps: LicenceDeps,
): Promise<{ contentChoices?: ContentChoices }> {
  const form = await deps.formOf?.(record).catch(() => undefined);
  if (form) return { contentChoices: contentChoices(type.contentFields, content, form) };
  if (!record.contentChoices) return {};
  return {
    contentChoices: Object.fromEntries(
      Object.entries(record.contentChoices).filter(([key]) => content[key] === record.content[key]),
    ),
  };
}

/** A licence's choices to show: those it kept, else (older licences) read now from its case's form. */
export async function choicesOf(
  record: LicenceRecord,
  deps: Pick<LicenceDeps, 'licenceTypes' | 'formOf'>,
): Promise<ContentChoices> {
  if (record.contentChoices) return record.contentChoices;
  const type = await deps.licenceTypes(record.type).catch(() => undefined);
  if (!type || !deps.formOf) return {};
  return resolvedChoices(type.contentFields, record.content, undefined, () => deps.formOf!(record));
}

/** Public verification: the same check the public function makes (public-verification.ts), from the register's deps. */
export function verify(
  input: { licenceNo?: string; credential?: string },
  deps: LicenceDeps,
): Promise<PublicVerification> {
  return verifyPublicly(input, {
    store: deps.store,
    jwks: () => jwksOf(deps),
    publicApiUrl: deps.publicApiUrl,
    now: deps.now,
    licenceTypes: deps.licenceTypes,
    ...(deps.formOf ? { formOf: deps.formOf } : {}),
  });
}

/** 免证: a licence replaces a material only when it is the holder's own, of the accepted type, and valid now. */
export async function checkReusable(
  licenceNo: string,
  expected: { holderKeys: readonly string[]; type: string },
  deps: { store: Pick<LicenceStore, 'get'>; now: () => Date },
): Promise<LicenceRecord> {
  const record = (await deps.store.get(licenceNo.trim())) ?? (await deps.store.get(licenceNo.trim().toUpperCase()));
  const refuse = (rule: string, message: string, messageZh: string) =>
    new RuleViolationError(message, [{ path: 'body.licenceNo', rule, message, messageZh }]);
  if (!record || !expected.holderKeys.includes(record.holderKey))
    throw refuse('exists', 'No such licence of yours', '未找到您名下的该证照');
  if (record.type !== expected.type)
    throw refuse('type', `This material takes a licence of type ${expected.type}`, '证照类型与所需材料不符');
  if (record.state === 'revoked' || record.state === 'superseded')
    throw refuse('revoked', 'The licence was revoked', '该证照已作废');
  if (record.state === 'suspended') throw refuse('suspended', 'The licence is suspended', '该证照已暂停使用');
  if (record.validUntil && new Date(record.validUntil) <= deps.now())
    throw refuse('expired', 'The licence has expired', '该证照已过期');
  return record;
}

const documentKeyOf = (record: Pick<LicenceRecord, 'licenceNo' | 'version'>) =>
  `documents/${record.licenceNo}/v${record.version}-words.pdf`;

/** The holder's document: rendered on first request (imports have none yet) and kept in the licences bucket. */
export async function documentLink(
  record: LicenceRecord,
  deps: LicenceDeps,
): Promise<{ url: string; expiresAt: string }> {
  let key = record.documentKey;
  // A document stored under another key was rendered before choices were printed in words: it is rendered again.
  if (key !== documentKeyOf(record)) {
    if (!deps.render) throw new Error('This function does not render documents');
    key = documentKeyOf(record);
    await deps.store.putDocument(key, await deps.render(record));
    await deps.store
      .save({ before: record, after: { ...record, documentKey: key, revision: record.revision + 1 }, events: [] })
      .catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
  }
  return deps.store.presignDocument(key, `${record.typeName}-${record.licenceNo}.pdf`, 300);
}
