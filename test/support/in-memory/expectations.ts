import { ALL_EVENT_CONTRACTS } from '../../../shared/contracts/all-events';
import type { OutboxEvent } from '../../../shared/domain/events';
import type { InMemoryCaseStore } from './case-store';

/**
 * Runs a use case that must fail, and shows that it failed with `error` and left the store exactly as it was: no
 * case, history entry, task, idempotency record or outbox event written.
 */
export async function expectRefusedWithoutChange(
  store: InMemoryCaseStore,
  action: () => Promise<unknown>,
  error: abstract new (...args: never[]) => Error,
  message?: RegExp,
): Promise<Error> {
  const before = store.snapshot();
  const transactions = store.transactions.length;
  const thrown = await action().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(thrown).toBeInstanceOf(error);
  if (message) expect(thrown?.message).toMatch(message);
  expect(store.transactions.length).toBe(transactions);
  expect(store.snapshot()).toEqual(before);
  return thrown!;
}

/** The events of the store's last transaction, each checked against its published contract (source, detail). */
export function lastCommittedEvents(store: InMemoryCaseStore): OutboxEvent[] {
  const last = store.transactions.at(-1);
  if (!last) throw new Error('Nothing was committed');
  for (const event of last.events) expectContractual(event);
  return [...last.events];
}

export function expectContractual(event: OutboxEvent): void {
  const contract = ALL_EVENT_CONTRACTS.find((c) => c.detailType === event.detailType);
  expect(contract?.detailType).toBe(event.detailType);
  expect(event.source).toBe(contract!.source);
  const parsed = contract!.detail.safeParse(event.detail);
  expect(parsed.error ?? null).toBeNull();
}

export const detailTypes = (events: readonly OutboxEvent[]) => events.map((e) => e.detailType);
