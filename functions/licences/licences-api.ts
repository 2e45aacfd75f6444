import * as z from 'zod';
import { licenceDeps } from '../../shared/adapters/licence-deps';
import { mainTable } from '../../shared/adapters/main-table';
import { parseEnv } from '../../shared/config/env';
import { getLicenceRoute, licenceLifecycleRoute, myLicencesRoute } from '../../shared/contracts/licences';
import { caseFormOf } from '../../shared/domain/licences/issuance';
import { licenceFor, lifecycle, myLicences } from '../../shared/domain/licences/views';
import { httpRouter, route } from '../../shared/lambda/http';
import { withForms } from '../../shared/adapters/catalogue-forms';

// The wallet and the lifecycle without the PDF renderer: documents are their own function (licence-documents.ts),
// and the public routes (verification, keys, status lists) are public-licences.ts, which holds no key and no secret.
// Older licences hold codes: their labels are read from the case's pinned form (its case and matter in the table).
const ready = licenceDeps().then((deps) => {
  const table = mainTable(parseEnv({ MAIN_TABLE_NAME: z.string().min(1) }).MAIN_TABLE_NAME);
  return { ...deps, formOf: caseFormOf({ cases: table.cases, matters: withForms(table) }) };
});

/** 电子证照 for signed-in people: the wallet; a licence for its holder, department and supervisors; the lifecycle. */
export const handler = httpRouter([
  route(myLicencesRoute, async ({ query, principal }) => myLicences(principal, query, await ready)),
  route(getLicenceRoute, async ({ params, principal }) => licenceFor(params.licenceNo, principal, await ready)),
  route(licenceLifecycleRoute, async ({ params, body, principal }) =>
    lifecycle(params.licenceNo, params.action, body, principal, await ready),
  ),
]);
