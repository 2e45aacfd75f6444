import { catalogueReader } from '../domain/catalogue/queries';
import { dynamoDocumentClient } from './aws-clients';
import { clock } from './clock';
import { dynamoCaseStore } from './dynamo-case-store';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';

/** What most dependency factories build on: the table's client, the platform clock, the catalogue and the cases. */
export function mainTable(tableName: string) {
  const documents = dynamoDocumentClient();
  const now = () => clock.now();
  const catalogue = catalogueReader(dynamoCatalogueStore(documents, tableName), now);
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
