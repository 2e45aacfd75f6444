import * as z from 'zod';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { mainTable } from '../../shared/adapters/main-table';
import { parseEnv } from '../../shared/config/env';
import { getLicenceRoute, licenceLifecycleRoute, myLicencesRoute } from '../../shared/contracts/licences';
import { identityKey } from '../../shared/domain/applications/access';
import type { ContentChoices } from '../../shared/domain/licences/credential';
import { caseFormOf } from '../../shared/domain/licences/issuance';
import { changeState, choicesOf, type LicenceDeps, type LicenceRecord, reissue, verificationUrl } from '../../shared/domain/licences/register';
import { visibleLicence } from '../../shared/domain/licences/visibility';
import { httpRouter, route } from '../../shared/lambda/http';

// The wallet and the lifecycle without the PDF renderer: documents are their own function (licence-documents.ts),
// and the public routes (verification, keys, status lists) are public-licences.ts, which holds no key and no secret.
// Older licences hold codes: their labels are read from the case's pinned form (its case and matter in the table).
const ready = licenceDeps().then((deps) => {
  const { cases, catalogue } = mainTable(parseEnv({ MAIN_TABLE_NAME: z.string().min(1) }).MAIN_TABLE_NAME);
  return { ...deps, formOf: caseFormOf({ cases, matters: catalogue }) };
});

/** The contract's arrays are mutable; the domain's are not. */
const choices = (kept: ContentChoices) => Object.fromEntries(Object.entries(kept).map(([key, list]) => [key, [...list]]));

async function view(record: LicenceRecord, deps: LicenceDeps) {
  const { statusIndex: _i, revision: _r, holderKey: _h, documentKey: _d, imported: _m, reason: _reason, ...rest } = record;
  return {
    ...rest,
    contentChoices: choices(await choicesOf(record, deps)),
    expired: record.validUntil !== undefined && new Date(record.validUntil) <= deps.now(),
    verificationUrl: verificationUrl(deps, record.licenceNo),
  };
}

/** 电子证照 for signed-in people: the wallet; a licence for its holder, department and supervisors; the lifecycle. */
export const handler = httpRouter([
  route(myLicencesRoute, async ({ query, principal }) => {
    const deps = await ready;
    const key = identityKey(principal);
    if (!key) return { items: [] };
    const page = await deps.store.listByHolder(key, query.limit, query.cursor);
    return { items: await Promise.all(page.items.map((r) => view(r, deps))), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }),
  route(getLicenceRoute, async ({ params, principal }) => {
    const deps = await ready;
    return view(await visibleLicence(params.licenceNo, principal, deps), deps);
  }),
  route(licenceLifecycleRoute, async ({ params, body, principal }) => {
    const deps = await ready;
    await visibleLicence(params.licenceNo, principal, deps, true);
    const { action } = params;
    const record = action === 'change' || action === 'renew' ? await reissue(params.licenceNo, action, body, deps) : await changeState(params.licenceNo, action, body, deps);
    return view(record, deps);
  }),
]);
