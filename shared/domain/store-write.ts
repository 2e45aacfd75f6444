/**
 * One more write of the same transaction: an item a store prepared (a post-check, a rectification, a counter update…)
 * for another store's commit, so that neither exists without the other. The domain passes it along and never looks
 * inside; the adapters make it (shared/adapters/*-store.ts) and write it (as a DynamoDB TransactWriteItems entry).
 */
export type StoreWrite = { readonly [key: string]: unknown };
