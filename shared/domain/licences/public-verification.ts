import { decodeJwt } from 'jose';
import { resolvedChoices } from './content';
import { type ContentChoices, type ContentValue, licenceCredentialSchema } from './credential';
import type { LicenceState, PublicVerificationDeps } from './ports';
import { statusListUrlOf } from './status-list-publication';
import { buildStatusListCredential, STATUS_PURPOSES } from './status-list';
import { type LicenceVerification, verifyLicence } from './verify';

export type PublicVerification = LicenceVerification & {
  licenceState?: LicenceState;
  version?: number;
  content?: Readonly<Record<string, ContentValue>>;
  contentChoices?: ContentChoices;
};

/** By number (the register's current version) or by a credential someone holds; the status bits are read live. */
export async function verifyPublicly(
  input: { licenceNo?: string; credential?: string },
  deps: PublicVerificationDeps,
): Promise<PublicVerification> {
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
      return buildStatusListCredential({
        url,
        issuer: { id: deps.publicApiUrl },
        purpose,
        list: (await deps.store.readStatusList(purpose)).list,
        validFrom: now,
      });
    },
  });
  const current = result.licenceNumber ? (record ?? (await deps.store.get(result.licenceNumber))) : undefined;
  const state = current ? { licenceState: current.state, version: current.version } : {};
  // A citizen's particulars go to whoever holds the credential, not to whoever knows the number.
  if (!result.type || (input.credential === undefined && result.holder?.type === 'citizen'))
    return { ...result, ...state };
  // Genuine (result.type is set only then): its particulars as signed, and their choices in words.
  const { content, contentChoices: kept } = licenceCredentialSchema.parse(
    decodeJwt(credential.trim()),
  ).credentialSubject;
  const type = await deps.licenceTypes(result.type.code).catch(() => undefined);
  const choices = type
    ? await resolvedChoices(type.contentFields, content, kept, async () =>
        current && deps.formOf ? deps.formOf(current) : undefined,
      )
    : (kept ?? {});
  return { ...result, ...state, content, contentChoices: choices };
}

/** Verification as the public API answers it: its lists copied (the contract's arrays are mutable). */
export async function publicVerificationView(
  input: { licenceNo?: string; credential?: string },
  deps: PublicVerificationDeps,
) {
  const { contentChoices, ...v } = await verifyPublicly(input, deps);
  return {
    ...v,
    problems: [...v.problems],
    ...(contentChoices
      ? { contentChoices: Object.fromEntries(Object.entries(contentChoices).map(([key, list]) => [key, [...list]])) }
      : {}),
  };
}
