import * as z from 'zod';
import { parseEnv } from '../config/env';
import { caseFormOf } from '../domain/licences/issuance';
import type { LicenceDeps, LicenceRecord } from '../domain/licences/register';
import { s3Client } from './aws-clients';
import { licenceDeps } from './licence-deps';
import { mainTable } from './main-table';
import { s3LicenceDocuments } from './s3-licence-documents';
import { withForms } from './catalogue-forms';

/**
 * The register's dependencies with the PDF renderer, for the one function that serves licence documents. Kept apart
 * from licence-deps.ts so the functions that only sign or read licences bundle neither pdfkit and its fonts nor the
 * S3 client. Choices print in words; an older licence's are read from its case's pinned form (`formOf`).
 *
 * The renderer (pdfkit, fontkit, the QR code and the font) is imported at the first document this container renders,
 * not at its cold start: a document is rendered once and stored, so most requests only sign a link to it.
 */
export async function licenceDocumentDeps(): Promise<
  Awaited<ReturnType<typeof licenceDeps>> & Required<Pick<LicenceDeps, 'render' | 'formOf'>>
> {
  const deps = await licenceDeps({ documents: (bucket) => s3LicenceDocuments(s3Client(), bucket) });
  const table = mainTable(parseEnv({ MAIN_TABLE_NAME: z.string().min(1) }).MAIN_TABLE_NAME);
  const withForm = { ...deps, formOf: caseFormOf({ cases: table.cases, matters: withForms(table) }) };
  return {
    ...withForm,
    async render(record: LicenceRecord) {
      const [{ renderLicenceRecord }, { loadLicenceFont }] = await Promise.all([
        import('../domain/licences/render-pdf'),
        import('./document-font'),
      ]);
      return (await renderLicenceRecord(record, withForm, loadLicenceFont())).pdf;
    },
  };
}
