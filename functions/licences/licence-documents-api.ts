import { licenceDocumentDeps } from '../../shared/adapters/licence-document-deps';
import { licenceDocumentRoute } from '../../shared/contracts/licences';
import { documentLinkFor } from '../../shared/domain/licences/views';
import { httpRouter, route } from '../../shared/lambda/http';

// The only function with the PDF renderer and its font, which it loads at its first rendering (licence-document-deps).
const ready = licenceDocumentDeps();

/** A licence's document: rendered and stored on first request, then a five-minute link. */
export const handler = httpRouter([
  route(licenceDocumentRoute, async ({ params, principal }) =>
    documentLinkFor(params.licenceNo, principal, await ready),
  ),
]);
