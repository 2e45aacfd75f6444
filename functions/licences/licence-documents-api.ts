import * as z from 'zod';
import { loadLicenceFont } from '../../shared/adapters/document-font';
import { licenceDocumentDeps } from '../../shared/adapters/licence-document-deps';
import { mainTable } from '../../shared/adapters/main-table';
import { parseEnv } from '../../shared/config/env';
import { licenceDocumentRoute } from '../../shared/contracts/licences';
import { caseFormOf } from '../../shared/domain/licences/issuance';
import { renderLicenceRecord } from '../../shared/domain/licences/render-pdf';
import { documentLinkFor } from '../../shared/domain/licences/views';
import { httpRouter, route } from '../../shared/lambda/http';

// The only function with the PDF renderer and its font: public verification starts without them. Choices print in
// words; an older licence's are read from its case's pinned form.
const ready = licenceDocumentDeps().then((deps) => {
  const { cases, catalogue } = mainTable(parseEnv({ MAIN_TABLE_NAME: z.string().min(1) }).MAIN_TABLE_NAME);
  const withForm = { ...deps, formOf: caseFormOf({ cases, matters: catalogue }) };
  return {
    ...withForm,
    render: async (record: Parameters<typeof deps.render>[0]) =>
      (await renderLicenceRecord(record, withForm, loadLicenceFont())).pdf,
  };
});

/** A licence's document: rendered and stored on first request, then a five-minute link. */
export const handler = httpRouter([
  route(licenceDocumentRoute, async ({ params, principal }) =>
    documentLinkFor(params.licenceNo, principal, await ready),
  ),
]);
