import { catalogueReader } from '../domain/catalogue/queries';
import { dynamoCatalogueStore } from './dynamo-catalogue-store';
import type { MainTable } from './main-table';

/**
 * The applicants' catalogue reader (forms compiled and checked, search, guides) on a main table, sharing its
 * reference reader's cache. Only the functions that check or show applicants' forms import this, so the others do
 * not carry the form compiler and the search in their bundles.
 */
export function withForms(table: MainTable) {
  return catalogueReader(dynamoCatalogueStore(table.documents, table.tableName), table.now, table.catalogue);
}
