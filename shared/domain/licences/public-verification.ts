import { decodeJwt } from 'jose';
import type { FormField } from '../catalogue/form';
import type { LicenceType } from '../catalogue/model';
import { resolvedChoices } from './content';
import { type ContentChoices, type ContentValue, licenceCredentialSchema } from './credential';
import type { LicenceJwks } from './jwks';
import type { LicenceRecord, LicenceState, LicenceStore } from './ports';
import { statusListUrlOf } from './status-list-publication';
import { buildStatusListCredential, STATUS_PURPOSES } from './status-list';
import { type LicenceVerification, verifyLicence } from './verify';

/**
 * Public verification (no login) with only what it needs: the register's records and status bits, the published
 * keys, the licence types and, for licences issued before choices were kept, their case's pinned form. No signer,
 * no holder key, no secrets: the function that serves it cannot sign anything.
 */
export interface PublicVerificationDeps {
  readonly store: Pick<LicenceStore, 'get' | 'readStatusList'>;
  /** The JWKS: the current key's public half and the retired keys. */
  readonly jwks: () => Promise<LicenceJwks>;
  readonly publicApiUrl: string;
  readonly now: () => Date;
  readonly licenceTypes: (code: string) => Promise<LicenceType>;
  readonly formOf?: (record: Pick<LicenceRecord, 'caseId'>) => Promise<readonly FormField[] | undefined>;
}

export type PublicVerification = LicenceVerification & { licenceState?: LicenceState; version?: number; content?: Readonly<Record<string, ContentValue>>; contentChoices?: ContentChoices };

/** By number (the register's current version) or by a credential someone holds; the status bits are read live. */
export async function verifyPublicly(input: { licenceNo?: string; credential?: string }, deps: PublicVerificationDeps): Promise<PublicVerification> {
  const record = input.licenceNo ? await deps.store.get(input.licenceNo) : undefined;
  const credential = input.credential ?? record?.credential;
  const now = deps.now();
  if (!credential) return { status: 'unknown', signatureValid: false, problems: [], checkedAt: now.toISOString() };
  const result = await verifyLicence(credential, {
    jwks: await deps.jwks(),
    now,
    // The register's own bits, unsigned: a revocation shows at once, before the signed list is renewed.
    statusList: async (url) => {
      const purpose = STATUS_PURPOSES.find((p) => statusListUrlOf(deps.publicApiUrl, p) === url);
      if (!purpose) return undefined;
      return buildStatusListCredential({ url, issuer: { id: deps.publicApiUrl }, purpose, list: (await deps.store.readStatusList(purpose)).list, validFrom: now });
    },
  });
  const current = result.licenceNumber ? (record ?? (await deps.store.get(result.licenceNumber))) : undefined;
  const state = current ? { licenceState: current.state, version: current.version } : {};
  // A citizen's particulars go to whoever holds the credential, not to whoever knows the number.
  if (!result.type || (input.credential === undefined && result.holder?.type === 'citizen')) return { ...result, ...state };
  // Genuine (result.type is set only then): its particulars as signed, and their choices in words.
  const { content, contentChoices: kept } = licenceCredentialSchema.parse(decodeJwt(credential.trim())).credentialSubject;
  const type = await deps.licenceTypes(result.type.code).catch(() => undefined);
  const choices = type ? await resolvedChoices(type.contentFields, content, kept, async () => (current && deps.formOf ? deps.formOf(current) : undefined)) : (kept ?? {});
  return { ...result, ...state, content, contentChoices: choices };
}
