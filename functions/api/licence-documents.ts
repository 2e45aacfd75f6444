import { licenceDocumentDeps } from '../../shared/adapters/licence-document-deps';
import { licenceDocumentRoute } from '../../shared/contracts/licences';
import { documentLink } from '../../shared/domain/licences/register';
import { visibleLicence } from '../../shared/domain/licences/visibility';
import { httpRouter, route } from '../../shared/lambda/http';

// The only function with the PDF renderer and its font: public verification starts without them.
const ready = licenceDocumentDeps();

/** A licence's document: rendered and stored on first request, then a five-minute link. */
export const handler = httpRouter([
  route(licenceDocumentRoute, async ({ params, principal }) => {
    const deps = await ready;
    return documentLink(await visibleLicence(params.licenceNo, principal, deps), deps);
  }),
]);
