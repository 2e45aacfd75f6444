import { createHmac } from 'node:crypto';
import { base64url } from 'jose';
import * as z from 'zod';
import { isValidIdNumber, isValidUscc } from '../catalogue/identifiers';
import { type LicenceSigner, signCredentialJws } from './signer';
import { type BitstringStatusListEntry, STATUS_PURPOSES, statusListEntry } from './status-list';
import { parseTimestamp, shanghaiTimestamp, VC_V2_CONTEXT } from './vc';

/**
 * An e-licence (电子证照) as a W3C Verifiable Credential (Data Model 2.0), secured as a vc+jwt.
 *
 * Privacy: the credential is shown to whoever checks it. An enterprise's 统一社会信用代码 is public and stays. A
 * citizen's ID number does not appear: the subject id is an HMAC of it under a platform key (a plain hash of an ID
 * number is reversed by trying the ~10¹¹ plausible numbers), and only a masked form is shown. ID numbers among the
 * content fields are masked too. Names stay: the verifier compares them with the person in front of them.
 *
 * Properties outside the VC vocabulary (holderName, content, …) need no context of their own: the v2 context maps
 * undefined terms to its issuer-dependent vocabulary.
 */

export type LicenceHolder =
  | { readonly kind: 'enterprise'; readonly uscc: string; readonly name: string }
  | { readonly kind: 'citizen'; readonly idNumber: string; readonly name: string };

export type ContentValue = string | number;

/** A chosen option of the form: the code for machines, the labels for people. */
export interface ContentChoice {
  readonly code: string;
  readonly label: { readonly zh: string; readonly en?: string };
}
/** By content field key: the options its value names (one for a single choice). */
export type ContentChoices = Readonly<Record<string, readonly ContentChoice[]>>;

export interface LicenceCredentialInput {
  readonly licenceNumber: string;
  readonly type: { readonly code: string; readonly name: string };
  /** The issuing department: `id` is a URL (the department's page or did:web), `name` its Chinese name. */
  readonly issuer: { readonly id: string; readonly name: string };
  readonly holder: LicenceHolder;
  /** The type's content fields, by key. */
  readonly content: Readonly<Record<string, ContentValue>>;
  /** The codes and labels of content fields chosen from the form's options (content holds the words). */
  readonly contentChoices?: ContentChoices;
  /** 告知承诺制: issued on the applicant's written commitment in place of some materials (a post-check follows). */
  readonly issuedOnCommitment?: boolean;
  readonly validFrom: Date;
  /** Absent for a licence without end (长期有效). */
  readonly validUntil?: Date;
  /** The licence's bit in the revocation list and in the suspension list (the same index in both). */
  readonly status: { readonly index: number; readonly revocationList: string; readonly suspensionList: string };
  /** HMAC key for citizens' subject ids; required for a citizen holder. Keep it stable: it links a citizen's licences. */
  readonly holderIdKey?: Uint8Array;
  /** Defaults to `urn:licence:<licenceNumber>`. */
  readonly id?: string;
}

export interface LicenceSubject {
  readonly id: string;
  readonly holderType: 'citizen' | 'enterprise';
  readonly holderName: string;
  /** Enterprises only. */
  readonly uscc?: string;
  /** Citizens only, e.g. `110***********002X`. */
  readonly idNumberMasked?: string;
  readonly licenceNumber: string;
  readonly licenceType: string;
  readonly licenceTypeName: string;
  readonly content: Readonly<Record<string, ContentValue>>;
  /** Absent in licences issued before choices were kept: their labels are read from the form when rendered. */
  readonly contentChoices?: ContentChoices;
  /** 告知承诺制: issued on the holder's written commitment; a post-check follows and a false one revokes it. */
  readonly issuedOnCommitment?: boolean;
}

export interface LicenceCredential {
  readonly '@context': readonly [typeof VC_V2_CONTEXT];
  readonly id: string;
  readonly type: readonly ['VerifiableCredential', string];
  readonly issuer: { readonly id: string; readonly name: string };
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly credentialSubject: LicenceSubject;
  readonly credentialStatus: readonly BitstringStatusListEntry[];
}

/** `FOOD_BUSINESS_LICENCE` → `FoodBusinessLicenceCredential`: the credential type named after the licence type. */
export function credentialTypeName(licenceTypeCode: string): string {
  const pascal = licenceTypeCode
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');
  if (!pascal) throw new RangeError(`cannot name a credential type after "${licenceTypeCode}"`);
  return `${pascal}Credential`;
}

const ID_NUMBER_SHAPE = /^\d{17}[\dXx]$/;

/** First three and last four characters of an ID number, e.g. `110***********002X`. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length <= 7
    ? '*'.repeat(idNumber.length)
    : `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** A citizen's pseudonymous subject id: stable per key, not reversible without it. */
export function citizenSubjectId(idNumber: string, key: Uint8Array): string {
  if (key.length < 32) throw new RangeError('the holder id key must have at least 32 bytes');
  return `urn:pid:hmac-sha256:${base64url.encode(createHmac('sha256', key).update(idNumber.toUpperCase()).digest())}`;
}

/** The validity end of a licence valid `years` years from `issuedAt`: the eve of the anniversary, 23:59:59 in China. */
export function validUntilAfterYears(issuedAt: Date, years: number): Date {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years must be a positive integer, not ${years}`);
  const local = new Date(issuedAt.getTime() + 8 * 3600_000);
  // Date.UTC rolls 29 February into 1 March in a common year, so the eve is 28 February: the licence never gains a day.
  const anniversary = Date.UTC(local.getUTCFullYear() + years, local.getUTCMonth(), local.getUTCDate());
  return new Date(anniversary - 8 * 3600_000 - 1000);
}

/** The credential for a licence (unsigned). */
export function buildLicenceCredential(input: LicenceCredentialInput): LicenceCredential {
  if (input.validUntil && input.validUntil.getTime() <= input.validFrom.getTime())
    throw new RangeError('validUntil must be after validFrom');
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.id ?? `urn:licence:${input.licenceNumber}`,
    type: ['VerifiableCredential', credentialTypeName(input.type.code)],
    issuer: { id: input.issuer.id, name: input.issuer.name },
    validFrom: shanghaiTimestamp(input.validFrom),
    ...(input.validUntil ? { validUntil: shanghaiTimestamp(input.validUntil) } : {}),
    credentialSubject: {
      ...holderClaims(input.holder, input.holderIdKey),
      licenceNumber: input.licenceNumber,
      licenceType: input.type.code,
      licenceTypeName: input.type.name,
      content: maskContent(input.content),
      ...(input.contentChoices ? { contentChoices: input.contentChoices } : {}),
      ...(input.issuedOnCommitment ? { issuedOnCommitment: true } : {}),
    },
    credentialStatus: [
      statusListEntry('revocation', input.status.revocationList, input.status.index),
      statusListEntry('suspension', input.status.suspensionList, input.status.index),
    ],
  };
}

/** The credential secured as a compact JWS (vc+jwt), ready to store and hand to the holder. */
export async function signLicenceCredential(credential: LicenceCredential, signer: LicenceSigner): Promise<string> {
  return signCredentialJws(credential, signer);
}

function holderClaims(
  holder: LicenceHolder,
  key: Uint8Array | undefined,
): Pick<LicenceSubject, 'id' | 'holderType' | 'holderName' | 'uscc' | 'idNumberMasked'> {
  if (holder.kind === 'enterprise') {
    if (!isValidUscc(holder.uscc)) throw new RangeError('the holder 统一社会信用代码 is not valid');
    return { id: `urn:uscc:${holder.uscc}`, holderType: 'enterprise', holderName: holder.name, uscc: holder.uscc };
  }
  if (!isValidIdNumber(holder.idNumber)) throw new RangeError('the holder ID number is not valid');
  if (!key) throw new TypeError('a citizen holder needs holderIdKey for the pseudonymous subject id');
  return {
    id: citizenSubjectId(holder.idNumber, key),
    holderType: 'citizen',
    holderName: holder.name,
    idNumberMasked: maskIdNumber(holder.idNumber),
  };
}

function maskContent(content: Readonly<Record<string, ContentValue>>): Record<string, ContentValue> {
  // By shape, not by check digit: a mistyped ID number is still someone's.
  return Object.fromEntries(
    Object.entries(content).map(([key, value]) => [
      key,
      typeof value === 'string' && ID_NUMBER_SHAPE.test(value.trim()) ? maskIdNumber(value.trim()) : value,
    ]),
  );
}

const timestamp = z.string().refine((s) => parseTimestamp(s) !== undefined, 'an XML Schema dateTimeStamp');
const statusEntrySchema = z.object({
  id: z.string().optional(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.string(),
  statusListIndex: z.string().regex(/^(0|[1-9]\d*)$/, 'a non-negative integer in base 10'),
  statusListCredential: z.string().min(1),
});

/** Parses an untrusted licence credential (a JWS payload, after its signature was checked). */
export const licenceCredentialSchema = z.object({
  '@context': z.array(z.string()).refine((c) => c[0] === VC_V2_CONTEXT, `the first context must be ${VC_V2_CONTEXT}`),
  id: z.string().optional(),
  type: z
    .array(z.string())
    .refine((t) => t[0] === 'VerifiableCredential' && t.length >= 2, 'VerifiableCredential and a licence type'),
  issuer: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  validFrom: timestamp,
  validUntil: timestamp.optional(),
  credentialSubject: z.object({
    id: z.string().min(1),
    holderType: z.enum(['citizen', 'enterprise']),
    holderName: z.string().min(1),
    uscc: z.string().optional(),
    idNumberMasked: z.string().optional(),
    licenceNumber: z.string().min(1),
    licenceType: z.string().min(1),
    licenceTypeName: z.string().min(1),
    content: z.record(z.string(), z.union([z.string(), z.number()])),
    contentChoices: z
      .record(
        z.string(),
        z.array(
          z.object({
            code: z.string().min(1),
            label: z.object({ zh: z.string().min(1), en: z.string().min(1).optional() }),
          }),
        ),
      )
      .optional(),
    issuedOnCommitment: z.boolean().optional(),
  }),
  credentialStatus: z
    .array(statusEntrySchema)
    .refine(
      (entries) => STATUS_PURPOSES.every((p) => entries.some((e) => e.statusPurpose === p)),
      'a revocation and a suspension entry',
    ),
});
