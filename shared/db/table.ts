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
