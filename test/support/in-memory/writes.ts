import type { StoreWrite } from '../../../shared/domain/store-write';

/**
 * The in-memory stores' StoreWrite: what a DynamoDB adapter expresses as a conditional TransactWriteItems entry, here a
 * condition and an effect. The case store checks every condition of a transaction before it applies any effect, so
 * an item prepared by another store (a post-check, a provisional listing) lands with the case change or not at all.
 */
export interface InMemoryWrite extends StoreWrite {
  readonly inMemoryWrite: string;
  holds(): boolean;
  apply(): void;
}

export function inMemoryWrite(name: string, holds: () => boolean, apply: () => void): InMemoryWrite {
  return { inMemoryWrite: name, holds, apply };
}

export function isInMemoryWrite(item: StoreWrite): item is InMemoryWrite {
  return typeof item.inMemoryWrite === 'string' && typeof item.holds === 'function' && typeof item.apply === 'function';
}

/**
 * A copy as the table would hand it back: attributes whose value is undefined are gone (the document client removes
 * them), and nothing the caller keeps can change what is stored.
 */
export function stored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
