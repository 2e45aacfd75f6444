import { catalogueReference } from '../domain/catalogue/reference';
import { dynamoDocumentClient } from './aws-clients';
import { clock } from './clock';
import { dynamoCaseStore } from './dynamo-case-store';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';

/**
 * What most dependency factories build on: the table's client, the platform clock, the catalogue as functions read
 * it (reference.ts: no form compiler, no search) and the cases. The functions that check applicants' forms add
 * the applicants' reader (withForms in catalogue-forms.ts).
 */
export function mainTable(tableName: string) {
  const documents = dynamoDocumentClient();
  const now = () => clock.now();
  const catalogue = catalogueReference(dynamoCatalogueStore(documents, tableName));
  return {
    tableName,
    documents,
    now,
    catalogue,
    cases: dynamoCaseStore(documents, tableName, now),
    calendar: () => catalogue.workingDays(),
  };
}

export type MainTable = ReturnType<typeof mainTable>;
