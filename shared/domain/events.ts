import type { StoreWrite } from './store-write';

/**
 * Events as the domain publishes and consumes them. A command hands its events to its store, which writes them with
 * the state change in one transaction (the transactional outbox: shared/adapters/outbox.ts); a consumer records the
 * events it handled in the event ledger (shared/adapters/event-ledger.ts), so a redelivery changes nothing.
 */
export interface OutboxEvent {
  /** Stable across redeliveries: consumers de-duplicate on it (EventBridge assigns its own envelope id). */
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly occurredAt: string;
}

/** Exactly-once effects for at-least-once consumers: a consumer's writes commit with a marker for (consumer, event id). */
export interface EventLedger {
  /**
   * Writes `items` (at most 99) together with the marker; 'duplicate' when the marker was already there, in which
   * case nothing was written. Any other failed condition among `items` throws the store's error.
   */
  writeOnce(consumer: string, eventId: string, items: readonly StoreWrite[]): Promise<'written' | 'duplicate'>;
}
