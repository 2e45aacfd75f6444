import type { LicenceDeps } from '../domain/licences/register';
import { verificationUrl } from '../domain/licences/register';
import { licenceCredentialSchema } from '../domain/licences/credential';
import { renderLicencePdf } from '../domain/licences/render-pdf';
import { loadLicenceFont } from './document-font';
import { s3Client } from './aws-clients';
import { licenceDeps } from './licence-deps';
import { s3LicenceDocuments } from './s3-licence-documents';

/**
 * The register's dependencies with the PDF renderer, for the one function that serves licence documents. Kept apart
 * from licence-deps.ts so the functions that only sign or read licences bundle neither pdfkit and its fonts (~0.8 MB)
 * nor the S3 client.
 */
export async function licenceDocumentDeps(): Promise<
  Awaited<ReturnType<typeof licenceDeps>> & Required<Pick<LicenceDeps, 'render'>>
> {
  const deps = await licenceDeps({ documents: (bucket) => s3LicenceDocuments(s3Client(), bucket) });
  return {
    ...deps,
    async render(record) {
      const payload = JSON.parse(Buffer.from(record.credential.split('.')[1]!, 'base64url').toString('utf8'));
      const credential = licenceCredentialSchema.parse(payload) as never;
      const type = await deps.licenceTypes(record.type);
      return (
        await renderLicencePdf({
          credential,
          fields: type.contentFields,
          verificationUrl: verificationUrl(deps, record.licenceNo),
          font: loadLicenceFont(),
        })
      ).pdf;
    },
  };
}
