/**
 * The single-table design, defined once: the topology builds the table from it (CDK and the local cloud alike) and
 * repositories build keys with it. Every access is GetItem, Query or a transaction by key; nothing scans.
 *
 *   pk / sk          the item's identity, e.g. TASK#<id> / TASK
 *   gsi1pk / gsi1sk  lists by owner or queue, e.g. DEPT#<code>#WAITING / <createdAt>
 *   gsi2pk / gsi2sk  by date, e.g. DUE#<yyyy-mm-dd> / <dueAt>#<id>, so sweeps read one day at a time
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
  /** The outbox and supervision read the table's change stream. */
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
  table: ['CATALOGUE', 'MATTER#*', 'BUNDLE#*', 'DEPT#*', 'LICTYPE#*', 'CALENDAR#*'],
  indexes: { gsi1: ['CATALOGUE#*'] },
} as const satisfies ReadScope;

/**
 * Public verification: licence records and status bits, the catalogue's licence types, and of a licence's case
 * only which form it was decided on (its pinned versions), for licences issued before their choices were kept.
 */
export const VERIFICATION_READ_SCOPE = {
  table: ['LICENCE#*', 'STATUSLIST#*', ...CATALOGUE_READ_SCOPE.table],
  indexes: CATALOGUE_READ_SCOPE.indexes,
  partial: { keys: ['CASE#*'], attributes: ['pk', 'sk', 'kind', 'matterCode', 'matterVersion', 'memberVersions'] },
} as const satisfies ReadScope;

/** The outbox relay marks the outbox items it put on the bus (relayed, off the reconciler's index), nothing else. */
export const OUTBOX_WRITE_SCOPE = { table: ['OUTBOX#*'] } as const satisfies ReadScope;

/** The status-list publisher reads the lists' bits only. */
export const STATUS_LIST_READ_SCOPE = { table: ['STATUSLIST#*'] } as const satisfies ReadScope;
