import { anyPartitionOf, caseItems, catalogueItems, licenceItems, outboxItems } from './keys';

/**
 * The single-table design, defined once: the topology builds the table from it (CDK and the local cloud alike); the
 * items' keys are declared in keys.ts, which the adapters build them with. Every access is GetItem, Query or a
 * transaction by key; nothing scans.
 *
 *   pk / sk          the item's identity, e.g. CASE#<id> / CASE, or CASE#<id> / TASK#<stage>#<dept> for a task
 *   gsi1pk / gsi1sk  lists by owner or queue, e.g. DEPT#<code>#WAITING / <dueDate>#<taskId>
 *   gsi2pk / gsi2sk  by date or queue, e.g. WATCHDUE#<yyyy-mm-dd> / task#<taskId>, so sweeps read one day at a time
 *   expiresAt        TTL in epoch seconds (abandoned drafts, idempotency records)
 */
export const MAIN_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /** Only the outbox relay reads the table's change stream (the topology's one `streams` entry). */
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

export type TableDesign = {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute?: string;
  readonly indexes: readonly { readonly name: string; readonly partitionKey: string; readonly sortKey: string }[];
  readonly stream?: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE';
};

/**
 * Which partition keys a read-only function may touch (IAM `dynamodb:LeadingKeys`, StringLike patterns): on the
 * table, per index (a query's leading key is the index's partition key), and items it may read only in part (a
 * GetItem projecting just these attributes). The catalogue's and verification's keys are public data; nothing
 * under CASE#, OWNER#, DEPT#<code>#<status> (tasks) or the like.
 */
export interface ReadScope {
  readonly table: readonly string[];
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
  readonly partial?: { readonly keys: readonly string[]; readonly attributes: readonly string[] };
}

/** The published catalogue: entries and their versions, departments, licence types, calendars, the revision. */
export const CATALOGUE_READ_SCOPE = {
  table: [
    catalogueItems.revision.key.pk,
    catalogueItems.entry.partition('matter', '*'),
    catalogueItems.entry.partition('bundle', '*'),
    anyPartitionOf(catalogueItems.department.key),
    anyPartitionOf(catalogueItems.licenceType.key),
    anyPartitionOf(catalogueItems.calendar.key),
  ],
  indexes: { gsi1: [`${catalogueItems.listPrefix}*`] },
} as const satisfies ReadScope;

/**
 * Public verification: licence records and status bits, the catalogue's licence types, and of a licence's case
 * only which form it was decided on (its pinned versions), for licences issued before their choices were kept.
 */
export const VERIFICATION_READ_SCOPE = {
  table: [
    anyPartitionOf(licenceItems.licence.key),
    anyPartitionOf(licenceItems.statusList.key),
    ...CATALOGUE_READ_SCOPE.table,
  ],
  indexes: CATALOGUE_READ_SCOPE.indexes,
  partial: {
    keys: [anyPartitionOf(caseItems.case.key)],
    attributes: ['pk', 'sk', 'kind', 'matterCode', 'matterVersion', 'memberVersions'],
  },
} as const satisfies ReadScope;

/** The outbox relay writes its receipts (what it put on the bus) under the outbox's keys, nothing else. */
export const OUTBOX_WRITE_SCOPE = { table: [`${outboxItems.prefix}*`] } as const satisfies ReadScope;

/** The status-list publisher reads the lists' bits only. */
export const STATUS_LIST_READ_SCOPE = {
  table: [anyPartitionOf(licenceItems.statusList.key)],
} as const satisfies ReadScope;
