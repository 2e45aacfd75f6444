import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type ProtectedHeaderParameters,
} from 'jose';
import { licenceCredentialSchema } from './credential';
import type { LicenceJwks } from './jwks';
import { VC_JWT_CTY, VC_JWT_TYP } from './signer';
import {
  type BitstringStatusListCredential,
  StatusBitstring,
  type StatusPurpose,
  statusListCredentialSchema,
} from './status-list';
import { parseTimestamp } from './vc';

/**
 * Verifying a licence (a vc+jwt) the way anyone may, without logging in: is it genuine (signature by a key of the
 * platform's JWKS), whose, of which type, and what is its status now (status lists and validity period).
 * Pure: the JWKS, the time and the status-list lookup are parameters.
 */
export type LicenceStatus = 'valid' | 'revoked' | 'suspended' | 'expired' | 'unknown';

export type VerificationProblem =
  /** Not a compact JWS, or its payload is not a licence credential. */
  | 'malformed'
  /** alg, typ or cty are not those of a licence. */
  | 'wrong-header'
  /** No key of the JWKS has the header's kid. */
  | 'unknown-key'
  | 'bad-signature'
  | 'not-yet-valid'
  /** A status list could not be fetched, was not genuine, was stale, or did not cover the licence. */
  | 'status-unavailable';

export interface LicenceVerification {
  readonly status: LicenceStatus;
  readonly signatureValid: boolean;
  readonly problems: readonly VerificationProblem[];
  readonly checkedAt: string;
  /** The rest is present only when the signature is valid: an unverified payload says nothing. */
  readonly kid?: string;
  readonly issuer?: { readonly id: string; readonly name: string };
  readonly holder?: {
    readonly type: 'citizen' | 'enterprise';
    /** A citizen's name masked (张*丰), an enterprise's in full: it is public. */
    readonly name: string;
    readonly uscc?: string;
    readonly idNumberMasked?: string;
  };
  readonly licenceNumber?: string;
  readonly type?: { readonly code: string; readonly name: string };
  readonly validFrom?: string;
  readonly validUntil?: string;
}

/**
 * Finds a published status list credential by its URL: its vc+jwt (checked against the same JWKS), or the
 * credential object when the caller read it from the platform's own store; undefined when there is none.
 */
export type StatusListLookup = (url: string) => Promise<string | BitstringStatusListCredential | undefined>;

export interface VerifyLicenceOptions {
  readonly jwks: LicenceJwks | JSONWebKeySet;
  readonly now: Date;
  readonly statusList: StatusListLookup;
}

export type CredentialJwsCheck =
  | { readonly ok: true; readonly header: ProtectedHeaderParameters; readonly payload: unknown }
  | {
      readonly ok: false;
      readonly problem: Extract<VerificationProblem, 'malformed' | 'wrong-header' | 'unknown-key' | 'bad-signature'>;
    };

/** Checks a vc+jwt's header and ES256 signature against the JWKS and returns its payload, parsed as JSON. */
export async function verifyCredentialJws(jws: string, jwks: LicenceJwks | JSONWebKeySet): Promise<CredentialJwsCheck> {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  if (
    header.alg !== 'ES256' ||
    header.typ !== VC_JWT_TYP ||
    (header.cty !== undefined && header.cty !== VC_JWT_CTY) ||
    typeof header.kid !== 'string'
  ) {
    return { ok: false, problem: 'wrong-header' };
  }
  try {
    const { payload } = await compactVerify(jws, createLocalJWKSet(jwks as JSONWebKeySet), { algorithms: ['ES256'] });
    return {
      ok: true,
      header,
      payload: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as unknown,
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') return { ok: false, problem: 'unknown-key' };
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { ok: false, problem: 'bad-signature' };
    return { ok: false, problem: 'malformed' };
  }
}

/** The verification of a licence credential (compact JWS) at `options.now`. */
export async function verifyLicence(jws: string, options: VerifyLicenceOptions): Promise<LicenceVerification> {
  const checkedAt = options.now.toISOString();
  const checked = await verifyCredentialJws(jws.trim(), options.jwks);
  if (!checked.ok) return { status: 'unknown', signatureValid: false, problems: [checked.problem], checkedAt };
  const parsed = licenceCredentialSchema.safeParse(checked.payload);
  // Genuine signature over something that is not a licence (another credential of ours, a status list): not a licence.
  if (!parsed.success)
    return { status: 'unknown', signatureValid: true, problems: ['malformed'], checkedAt, kid: checked.header.kid };
  const vc = parsed.data;
  const subject = vc.credentialSubject;

  const problems: VerificationProblem[] = [];
  const bits = new Map<StatusPurpose, boolean | undefined>();
  for (const purpose of ['revocation', 'suspension'] as const) {
    const entry = vc.credentialStatus.find((e) => e.statusPurpose === purpose);
    bits.set(
      purpose,
      entry
        ? await readStatusBit(entry.statusListCredential, Number(entry.statusListIndex), purpose, options)
        : undefined,
    );
  }
  if ([...bits.values()].includes(undefined)) problems.push('status-unavailable');

  const now = options.now.getTime();
  const validFrom = parseTimestamp(vc.validFrom)?.getTime() ?? Number.POSITIVE_INFINITY;
  const validUntil = vc.validUntil
    ? (parseTimestamp(vc.validUntil)?.getTime() ?? Number.NEGATIVE_INFINITY)
    : Number.POSITIVE_INFINITY;
  if (now < validFrom) problems.push('not-yet-valid');

  // A revocation or a suspension is definitive even when the other list is unreadable; so is an expiry.
  let status: LicenceStatus;
  if (bits.get('revocation') === true) status = 'revoked';
  else if (bits.get('suspension') === true) status = 'suspended';
  else if (now > validUntil) status = 'expired';
  else if (problems.length > 0) status = 'unknown';
  else status = 'valid';

  return {
    status,
    signatureValid: true,
    problems,
    checkedAt,
    kid: checked.header.kid,
    issuer: { id: vc.issuer.id, name: vc.issuer.name },
    holder: {
      type: subject.holderType,
      name: subject.holderType === 'citizen' ? maskPersonName(subject.holderName) : subject.holderName,
      ...(subject.uscc ? { uscc: subject.uscc } : {}),
      ...(subject.idNumberMasked ? { idNumberMasked: subject.idNumberMasked } : {}),
    },
    licenceNumber: subject.licenceNumber,
    type: { code: subject.licenceType, name: subject.licenceTypeName },
    validFrom: vc.validFrom,
    ...(vc.validUntil ? { validUntil: vc.validUntil } : {}),
  };
}

/** A person's name for public display: surname and, from three characters on, the last character (张*, 张*丰). */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The licence's bit in one list, or undefined when the list cannot be trusted to answer. */
async function readStatusBit(
  url: string,
  index: number,
  purpose: StatusPurpose,
  options: VerifyLicenceOptions,
): Promise<boolean | undefined> {
  let found: string | BitstringStatusListCredential | undefined;
  try {
    found = await options.statusList(url);
  } catch {
    return undefined;
  }
  if (found === undefined) return undefined;
  let payload: unknown = found;
  if (typeof found === 'string') {
    const checked = await verifyCredentialJws(found, options.jwks);
    if (!checked.ok) return undefined;
    payload = checked.payload;
  }
  const parsed = statusListCredentialSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const list = parsed.data;
  const purposes = Array.isArray(list.credentialSubject.statusPurpose)
    ? list.credentialSubject.statusPurpose
    : [list.credentialSubject.statusPurpose];
  // Another list served at this URL, a list for another purpose, or one past its validity answers nothing.
  if (list.id !== url || !purposes.includes(purpose)) return undefined;
  if (list.validUntil && options.now.getTime() > (parseTimestamp(list.validUntil)?.getTime() ?? 0)) return undefined;
  try {
    return StatusBitstring.decode(list.credentialSubject.encodedList).get(index);
  } catch {
    return undefined;
  }
}
